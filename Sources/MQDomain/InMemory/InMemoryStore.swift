import FoundationEssentials
import Synchronization

/// The whole game's data in memory, behind one lock so that every repository operation is atomic,
/// including the ones that span tables (a check-in and its points, an account and everything it owns).
///
/// It backs the embedded default server and the domain's unit tests. Its repositories are views on
/// the same tables: use ``dependencies(clock:ids:passwords:tokens:uploads:)`` to wire them all at once.
public final class InMemoryStore: Sendable {
    /// One sign-in's token family.
    struct FamilyRecord {
        var userID: UserID
        var currentRefreshToken: String
        var revoked: Bool
        var expiresAt: Date
    }

    struct Tables {
        var users: [UserID: User] = [:]
        var locations: [LocationID: Location] = [:]
        var locationOrder: [LocationID] = []
        /// Visits without their images; images are joined in on the way out.
        var visits: [VisitID: Visit] = [:]
        var images: [ImageID: Image] = [:]
        var friendRequests: [FriendRequestID: FriendRequest] = [:]
        var achievements: [AchievementID: Achievement] = [:]
        /// When each player earned each of their achievements.
        var earned: [UserID: [AchievementID: Date]] = [:]
        /// Who likes each photo; the count itself lives in the image, as in `core_image.likes`.
        var likes: [ImageID: Set<UserID>] = [:]
        var auditEntries: [AuditEntry] = []
        var families: [String: FamilyRecord] = [:]
        /// When each account last ended its other sessions (a new password or email).
        var sessionsEndedAt: [UserID: Date] = [:]
        var lastVisitID = 0
        var lastImageID = 0
        var lastFriendRequestID = 0

        /// Images of a visit, newest first.
        func images(of visitID: VisitID) -> [Image] {
            images.values.filter { $0.visitID == visitID }.sorted { $0.id > $1.id }
        }

        func imageCount(of visitID: VisitID) -> Int {
            images.values.reduce(0) { $0 + ($1.visitID == visitID ? 1 : 0) }
        }

        func withImages(_ visit: Visit) -> Visit {
            var visit = visit
            visit.images = images(of: visit.id)
            return visit
        }

        /// Removes visits and their images; returns the removed visits.
        @discardableResult
        mutating func removeVisits(where shouldRemove: (Visit) -> Bool) -> [Visit] {
            let removed = visits.values.filter(shouldRemove)
            let removedIDs = Set(removed.map(\.id))
            for id in removedIDs { visits[id] = nil }
            let removedImages = images.values.filter { removedIDs.contains($0.visitID) }
            for image in removedImages { removeImage(image.id) }
            return removed
        }

        mutating func removeImage(_ id: ImageID) {
            images[id] = nil
            likes[id] = nil
        }

        /// Players whose accepted friend requests link them to `userID`.
        func friendIDs(of userID: UserID) -> Set<UserID> {
            Set(friendRequests.values.filter { $0.status == .accepted && $0.involves(userID) }.map { $0.otherParty(than: userID) })
        }

        /// Throws ``WaitingRequestLimitReached`` when `senderID` already has `limit` pending requests.
        func requireRoomForAnotherWaitingRequest(from senderID: UserID, limit: Int) throws {
            let waiting = friendRequests.values.count { $0.status == .pending && $0.fromUserID == senderID }
            if waiting >= limit { throw WaitingRequestLimitReached(playerID: senderID, limit: limit) }
        }
    }

    let tables = Mutex(Tables())

    public init() {}

    public var users: some UserRepository { InMemoryUserRepository(store: self) }
    public var locations: some LocationRepository { InMemoryLocationRepository(store: self) }
    public var visits: some VisitRepository { InMemoryVisitRepository(store: self) }
    public var images: some ImageRepository { InMemoryImageRepository(store: self) }
    public var friendRequests: some FriendRequestRepository { InMemoryFriendRequestRepository(store: self) }
    public var achievements: some AchievementRepository { InMemoryAchievementRepository(store: self) }
    public var feed: some FeedRepository { InMemoryFeedRepository(store: self) }
    public var leaderboards: some LeaderboardRepository { InMemoryLeaderboardRepository(store: self) }
    public var sessions: some SessionRepository { InMemorySessionRepository(store: self) }
    public var audit: some AuditLog { InMemoryAuditLog(store: self) }
    public var reports: some StaffReports { InMemoryStaffReports(store: self) }

    /// Every port of the game, with this store behind all the repositories.
    public func dependencies(
        clock: any WallClock = SystemClock(),
        ids: any IdentifierSource = RandomIdentifierSource(),
        passwords: any PasswordHasher,
        tokens: any TokenSigner,
        uploads: any UploadSigner
    ) -> GameDependencies {
        GameDependencies(
            users: users, locations: locations, visits: visits, images: images,
            friendRequests: friendRequests, achievements: achievements, feed: feed, leaderboards: leaderboards, sessions: sessions,
            audit: audit, reports: reports, health: InMemoryStoreHealth(), clock: clock, ids: ids, passwords: passwords,
            tokens: tokens, uploads: uploads)
    }
}

extension Int {
    /// `self + other`, stopping where PostgreSQL's `integer` columns do, so both stores count points and likes alike.
    func addingAsStored(_ other: Int) -> Int {
        Swift.min(self + other, Int(Int32.max))
    }
}

/// Memory is always reachable.
public struct InMemoryStoreHealth: StoreHealth {
    public init() {}
    public func ping() async throws {}
}
