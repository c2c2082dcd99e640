import MQDomain

/// A landmark's newest photos and how many there are.
struct LocationPhotosJSON: Encodable {
    let locationID: String
    let locationName: String
    let totalImages: Int
    let images: [ImageJSON]

    enum CodingKeys: String, CodingKey {
        case locationID = "location_id", locationName = "location_name", totalImages = "total_images", images
    }
}
