import MQDomain

/// `Location`. Coordinates travel as decimal strings; `default_image_url` is `null` when unset.
struct LocationJSON: WritesOwnJSON {
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

    func writeFields(to writer: inout JSONObjectWriter) {
        writer.field("default_image_url", location.defaultImageURL)
        writer.field("description", location.description)
        writer.field("latitude", location.latitude)
        writer.field("location_id", location.id)
        writer.field("longitude", location.longitude)
        writer.field("name", location.name)
        writer.field("points", location.points)
        writer.field("province", location.province)
    }
}
