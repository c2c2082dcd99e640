import MQDomain

/// A landmark's newest photos and how many there are.
struct LocationPhotosJSON: WritesOwnJSON {
    let locationID: String
    let locationName: String
    let totalImages: Int
    let images: [ImageJSON]

    enum CodingKeys: String, CodingKey {
        case locationID = "location_id", locationName = "location_name", totalImages = "total_images", images
    }

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("images", objects: images)
        writer.field("location_id", locationID)
        writer.field("location_name", locationName)
        writer.field("total_images", totalImages)
    }
}
