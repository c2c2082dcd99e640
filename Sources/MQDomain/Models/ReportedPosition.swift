/// Where the phone says the player is at a check-in, with the uncertainty it reports.
public struct ReportedPosition: Sendable, Equatable {
    public var coordinate: Coordinate
    /// The phone's horizontal accuracy (radius of uncertainty) in metres, when it sent one.
    public var accuracyMeters: Double?

    public init(coordinate: Coordinate, accuracyMeters: Double? = nil) {
        self.coordinate = coordinate
        self.accuracyMeters = accuracyMeters
    }
}

/// A position as a client sent it: any part may be missing or out of range until ``ProximityRule`` reads it.
public struct PositionReport: Sendable, Equatable {
    public var latitude: Double?
    public var longitude: Double?
    public var accuracyMeters: Double?

    public init(latitude: Double? = nil, longitude: Double? = nil, accuracyMeters: Double? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.accuracyMeters = accuracyMeters
    }

    public static let none = PositionReport()
}
