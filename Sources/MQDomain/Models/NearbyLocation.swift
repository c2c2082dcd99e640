/// A landmark with its distance from where the player stands.
public struct NearbyLocation: Sendable, Equatable {
    public var location: Location
    /// Metres along the great circle; `nil` when the landmark's stored coordinates cannot be read.
    public var distanceMeters: Double?

    public init(location: Location, from origin: Coordinate) {
        self.location = location
        distanceMeters = location.coordinate.map { origin.distance(to: $0) }
    }
}

extension Array where Element == Location {
    /// These landmarks nearest `origin` first, ties in their present order; those whose coordinates
    /// cannot be read come last.
    public func nearest(to origin: Coordinate) -> [NearbyLocation] {
        map { NearbyLocation(location: $0, from: origin) }
            .enumerated()
            .sorted { ($0.element.distanceMeters ?? .infinity, $0.offset) < ($1.element.distanceMeters ?? .infinity, $1.offset) }
            .map(\.element)
    }
}
