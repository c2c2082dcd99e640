/// Everything the game's services need from the outside world.
public struct GameDependencies: Sendable {
    public var users: any UserRepository
    public var locations: any LocationRepository
    public var visits: any VisitRepository
    public var images: any ImageRepository
    public var friendRequests: any FriendRequestRepository
    public var achievements: any AchievementRepository
    public var feed: any FeedRepository
    public var leaderboards: any LeaderboardRepository
    public var sessions: any SessionRepository
    /// Where staff and operator actions are recorded.
    public var audit: any AuditLog
    /// Read-only views across every player, for staff.
    public var reports: any StaffReports
    public var health: any StoreHealth
    public var clock: any WallClock
    public var ids: any IdentifierSource
    public var passwords: any PasswordHasher
    public var tokens: any TokenSigner
    public var uploads: any UploadSigner
    /// Ceilings on what one player may make the server do or store.
    public var limits: GameLimits
    /// How near its landmark a check-in must be.
    public var proximity: ProximityRule
    /// How long the public landmark reads may answer from memory (``LandmarkCatalog``); zero reads the
    /// store every time. Check-ins and staff writes always read the store.
    public var landmarkCacheLifetime: Duration = .zero

    public init(
        users: any UserRepository,
        locations: any LocationRepository,
        visits: any VisitRepository,
        images: any ImageRepository,
        friendRequests: any FriendRequestRepository,
        achievements: any AchievementRepository,
        feed: any FeedRepository,
        leaderboards: any LeaderboardRepository,
        sessions: any SessionRepository,
        audit: any AuditLog,
        reports: any StaffReports,
        health: any StoreHealth,
        clock: any WallClock,
        ids: any IdentifierSource,
        passwords: any PasswordHasher,
        tokens: any TokenSigner,
        uploads: any UploadSigner,
        limits: GameLimits = .standard,
        proximity: ProximityRule = .off
    ) {
        self.users = users
        self.locations = locations
        self.visits = visits
        self.images = images
        self.friendRequests = friendRequests
        self.achievements = achievements
        self.feed = feed
        self.leaderboards = leaderboards
        self.sessions = sessions
        self.audit = audit
        self.reports = reports
        self.health = health
        self.clock = clock
        self.ids = ids
        self.passwords = passwords
        self.tokens = tokens
        self.uploads = uploads
        self.limits = limits
        self.proximity = proximity
    }
}
