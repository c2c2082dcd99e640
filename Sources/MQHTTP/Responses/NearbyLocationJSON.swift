import MQDomain

/// `Location` plus `distance_m`: metres from the `near` position, rounded to the decimetre; `null` when the
/// landmark's stored coordinates cannot be read.
struct NearbyLocationJSON: Encodable {
    let nearby: NearbyLocation

    enum CodingKeys: String, CodingKey {
        case distance = "distance_m"
    }

    func encode(to encoder: any Encoder) throws {
        try LocationJSON(location: nearby.location).encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nearby.distanceMeters.map { ($0 * 10).rounded() / 10 }, forKey: .distance)
    }
}
