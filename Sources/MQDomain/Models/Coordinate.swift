// Foundation only for the C math library's sin, cos and asin, imported internally so it does not leak to
// the modules that import MQDomain: the server's static binary links FoundationEssentials and no more.
internal import Foundation

/// A point on Earth in decimal degrees: latitude within ±90, longitude within ±180.
public struct Coordinate: Sendable, Equatable, Hashable {
    /// The mean Earth radius (IUGG), in metres, that every distance in the game is measured with.
    public static let earthRadiusMeters = 6_371_008.8

    public let latitude: Double
    public let longitude: Double

    /// `nil` unless both values are finite and within range.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, (-90.0...90.0).contains(latitude), (-180.0...180.0).contains(longitude) else {
            return nil
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Reads decimal degrees as landmarks store them ("43.6426", "-79.3871"); `nil` for anything else.
    public init?(latitude: String, longitude: String) {
        guard let lat = Self.degrees(latitude), let lon = Self.degrees(longitude) else { return nil }
        self.init(latitude: lat, longitude: lon)
    }

    /// Reads `"LAT,LON"` in decimal degrees, e.g. `"51.1784,-115.5708"`.
    public init?(pair: String) {
        let parts = pair.split(separator: ",", omittingEmptySubsequences: false)
        guard pair.utf8.count <= 64, parts.count == 2 else { return nil }
        self.init(latitude: String(parts[0]), longitude: String(parts[1]))
    }

    /// Great-circle distance in metres (the haversine formula on ``earthRadiusMeters``).
    public func distance(to other: Coordinate) -> Double {
        let fromLatitude = latitude * .pi / 180
        let toLatitude = other.latitude * .pi / 180
        let latitudeDelta = (other.latitude - latitude) * .pi / 180
        let longitudeDelta = (other.longitude - longitude) * .pi / 180
        let h =
            sin(latitudeDelta / 2) * sin(latitudeDelta / 2)
            + cos(fromLatitude) * cos(toLatitude) * sin(longitudeDelta / 2) * sin(longitudeDelta / 2)
        return 2 * Self.earthRadiusMeters * asin(min(1, h.squareRoot()))
    }

    /// Plain decimal notation only — sign, digits, one point — the grammar stores also apply in their queries.
    public static func degrees(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces()
        var body = Substring(trimmed)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !body.isEmpty, body != ".", parts.count <= 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return Double(trimmed)
    }
}

extension Location {
    /// Where the landmark is, or `nil` when its stored coordinates are not plain decimal degrees.
    public var coordinate: Coordinate? { Coordinate(latitude: latitude, longitude: longitude) }
}
