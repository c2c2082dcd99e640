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
