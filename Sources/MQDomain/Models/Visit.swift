import FoundationEssentials

public typealias VisitID = Int

/// A player's check-in at a location. There is at most one per player and location.
public struct Visit: Sendable, Equatable, Hashable {
    public var id: VisitID
    public var userID: UserID
    public var locationID: LocationID
    public var visitedAt: Date
    public var note: String
    /// The photos attached to this visit, newest first.
    public var images: [Image]

    public init(id: VisitID, userID: UserID, locationID: LocationID, visitedAt: Date, note: String, images: [Image] = []) {
        self.id = id
        self.userID = userID
        self.locationID = locationID
        self.visitedAt = visitedAt
        self.note = note
        self.images = images
    }
}
