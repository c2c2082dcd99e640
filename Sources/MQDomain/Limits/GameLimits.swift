/// The ceilings that keep one player from exhausting what every player shares: rows, memory, disk and
/// the CPU spent on password checks. Each is a rule of the game, enforced the same way on every store.
public struct GameLimits: Sendable, Equatable {
    /// Photos one check-in or one `POST` may attach (the app sends one at a time).
    public var photosPerRequest: Int
    /// Photos one visit may carry in all.
    public var photosPerVisit: Int
    /// The newest photos a landmark's public photo list shows.
    public var landmarkPhotosShown: Int
    /// Friends one player may have. Every social read (the friends list, the friends leaderboard, the
    /// feed) reads the whole circle, so this bounds what one request can cost the database and the server.
    public var friendsPerPlayer: Int
    /// Friend requests one player may have sent that still wait for an answer. Each is a row; without a
    /// ceiling one account could ask every player of the game.
    public var waitingRequestsPerPlayer: Int
    /// Upload tickets one player may ask for.
    public var uploadTickets: RateLimit
    /// Failed logins per account before further attempts are refused until the window refills.
    public var failedLogins: RateLimit
    /// Token refreshes per account.
    public var refreshes: RateLimit
    /// Refused registrations per email address, so an address cannot be probed for an account.
    public var registrations: RateLimit
    /// Friend requests by email or phone per player.
    public var friendLookups: RateLimit

    public init(
        photosPerRequest: Int = 10, photosPerVisit: Int = 50, landmarkPhotosShown: Int = 100, friendsPerPlayer: Int = 500,
        waitingRequestsPerPlayer: Int = 500,
        uploadTickets: RateLimit = RateLimit(attempts: 60, per: .seconds(3600)),
        failedLogins: RateLimit = RateLimit(attempts: 10, per: .seconds(15 * 60)),
        refreshes: RateLimit = RateLimit(attempts: 60, per: .seconds(60)),
        registrations: RateLimit = RateLimit(attempts: 5, per: .seconds(3600)),
        friendLookups: RateLimit = RateLimit(attempts: 30, per: .seconds(60))
    ) {
        self.photosPerRequest = photosPerRequest
        self.photosPerVisit = photosPerVisit
        self.landmarkPhotosShown = landmarkPhotosShown
        self.friendsPerPlayer = friendsPerPlayer
        self.waitingRequestsPerPlayer = waitingRequestsPerPlayer
        self.uploadTickets = uploadTickets
        self.failedLogins = failedLogins
        self.refreshes = refreshes
        self.registrations = registrations
        self.friendLookups = friendLookups
    }

    /// The defaults above, as the server runs them.
    public static let standard = GameLimits()
}
