import FoundationEssentials

/// Whether a check-in must happen near its landmark.
///
/// With a radius, a check-in that reports a position farther than the radius from the landmark is refused.
/// A reported accuracy widens the radius, but by no more than the radius itself, so a phone claiming
/// kilometres of uncertainty cannot check in from anywhere. A check-in without a position is allowed
/// unless ``requiresPosition`` — the shipped app sends none.
public struct ProximityRule: Sendable, Equatable {
    /// The largest accuracy a phone may report; past it the reading is refused as meaningless.
    public static let largestAccuracyMeters = 100_000.0

    public var radiusMeters: Double?
    public var requiresPosition: Bool

    public init(radiusMeters: Double? = nil, requiresPosition: Bool = false) {
        self.radiusMeters = radiusMeters
        self.requiresPosition = requiresPosition
    }

    /// No distance check: any position within range is accepted, and none is needed.
    public static let off = ProximityRule()

    /// Reads the client's report and applies the rule for a check-in at `location`.
    public func check(_ report: PositionReport, at location: Location) throws(MapleQuestError) {
        guard let position = try Self.position(from: report, required: requiresPosition) else { return }
        guard let radiusMeters, let target = location.coordinate else { return }
        let slack = min(position.accuracyMeters ?? 0, radiusMeters)
        let distance = position.coordinate.distance(to: target)
        guard distance <= radiusMeters + slack else {
            throw MapleQuestError.invalid(FieldErrors("position", FieldMessage.tooFar(meters: distance, radius: radiusMeters)))
        }
    }

    /// The position in `report`, or `nil` when it carries none and none is required.
    static func position(from report: PositionReport, required: Bool) throws(MapleQuestError) -> ReportedPosition? {
        var errors = FieldErrors()
        if report.latitude == nil, report.longitude == nil {
            if required || report.accuracyMeters != nil {
                errors.add("latitude", FieldMessage.required)
                errors.add("longitude", FieldMessage.required)
            }
            try errors.throwIfAny()
            return nil
        }
        let latitude = report.latitude ?? .nan
        let longitude = report.longitude ?? .nan
        if report.latitude == nil { errors.add("latitude", FieldMessage.required) }
        if report.longitude == nil { errors.add("longitude", FieldMessage.required) }
        if report.latitude != nil, !(latitude.isFinite && abs(latitude) <= 90) {
            errors.add("latitude", "Ensure this value is between -90 and 90.")
        }
        if report.longitude != nil, !(longitude.isFinite && abs(longitude) <= 180) {
            errors.add("longitude", "Ensure this value is between -180 and 180.")
        }
        if let accuracy = report.accuracyMeters, !(accuracy.isFinite && accuracy >= 0 && accuracy <= largestAccuracyMeters) {
            errors.add("accuracy_m", "Ensure this value is between 0 and \(Int(largestAccuracyMeters)).")
        }
        try errors.throwIfAny()
        guard let coordinate = Coordinate(latitude: latitude, longitude: longitude) else { return nil }
        return ReportedPosition(coordinate: coordinate, accuracyMeters: report.accuracyMeters)
    }
}

extension FieldMessage {
    static let invalidCoordinatePair = "Enter a position as LAT,LON in decimal degrees, latitude within ±90 and longitude within ±180."

    static func tooFar(meters: Double, radius: Double) -> String {
        "You are \(Int(meters.rounded())) m from this landmark; check in within \(Int(radius.rounded())) m of it."
    }
}
