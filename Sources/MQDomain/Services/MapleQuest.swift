/// The whole game: one service per area, all sharing the same dependencies.
public struct MapleQuest: Sendable {
    public let auth: AuthService
    public let profiles: ProfileService
    public let locations: LocationService
    public let visits: VisitService
    public let photos: PhotoService
    public let friends: FriendService
    public let achievements: AchievementService
    /// Friends' visits.
    public let feed: FeedService
    public let leaderboards: LeaderboardService
    /// Staff and operator actions on any player or photo.
    public let moderation: ModerationService
    /// The staff console's dashboard and lists.
    public let reports: ReportService
    /// Every staff and operator action.
    public let audit: AuditService
    public let health: any StoreHealth
    public let clock: any WallClock

    public init(_ dependencies: GameDependencies) {
        auth = AuthService(dependencies)
        profiles = ProfileService(dependencies)
        let catalog = LandmarkCatalog(dependencies)
        locations = LocationService(dependencies, catalog: catalog)
        photos = PhotoService(dependencies)
        visits = VisitService(dependencies, photos: photos, catalog: catalog)
        friends = FriendService(dependencies)
        achievements = AchievementService(dependencies)
        feed = FeedService(dependencies, catalog: catalog)
        leaderboards = LeaderboardService(dependencies)
        moderation = ModerationService(dependencies)
        reports = ReportService(dependencies)
        audit = AuditService(dependencies)
        health = dependencies.health
        clock = dependencies.clock
    }
}
