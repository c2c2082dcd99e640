import FoundationEssentials

/// Sign-ups, check-ins and photos on one day (UTC).
public struct DailyActivity: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var day: String
    public var players: Int
    public var checkIns: Int
    public var photos: Int

    public init(day: String, players: Int, checkIns: Int, photos: Int) {
        self.day = day
        self.players = players
        self.checkIns = checkIns
        self.photos = photos
    }
}

/// A photo as staff see it in lists: with its player and landmark.
public struct PhotoListing: Sendable, Equatable {
    public var image: Image
    public var ownerID: UserID
    public var ownerEmail: String
    public var locationID: LocationID
    public var locationName: String

    public init(image: Image, ownerID: UserID, ownerEmail: String, locationID: LocationID, locationName: String) {
        self.image = image
        self.ownerID = ownerID
        self.ownerEmail = ownerEmail
        self.locationID = locationID
        self.locationName = locationName
    }
}

/// Read-only views across every player, for staff. Photos carry no time of their own (the old schema
/// has none), so a photo counts on the day of the visit it belongs to.
public protocol StaffReports: Sendable {
    /// Activity per day from `since` (inclusive) to today, days without any included as zeros, oldest first.
    func dailyActivity(since: Date, through: Date) async throws -> [DailyActivity]
    /// Every player's photos, newest first.
    func photos(_ page: PageRequest) async throws -> Page<PhotoListing>
    /// Every friend request, or only those with `status`, newest first.
    func friendRequests(status: FriendRequest.Status?, _ page: PageRequest) async throws -> Page<FriendRequest>
}
