import MQDomain

/// `Location`. Coordinates travel as decimal strings; `default_image_url` is `null` when unset.
struct LocationJSON: Encodable {
    let location: Location

    enum CodingKeys: String, CodingKey {
        case id = "location_id", name, province, latitude, longitude, description, points
        case defaultImageURL = "default_image_url"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(location.id, forKey: .id)
        try container.encode(location.name, forKey: .name)
        try container.encode(location.province, forKey: .province)
        try container.encode(location.latitude, forKey: .latitude)
        try container.encode(location.longitude, forKey: .longitude)
        try container.encode(location.description, forKey: .description)
        try container.encode(location.points, forKey: .points)
        try container.encode(location.defaultImageURL, forKey: .defaultImageURL)
    }
}
