import MQDomain

/// The whole game's data in PostgreSQL: every repository over one connection pool and one statement
/// pipeline.
public struct PostgresStore: Sendable {
    public let pool: ConnectionPool
    /// Carries single-statement operations; `nil` when `DB_PIPELINE_CONNECTIONS` is 0.
    public let pipeline: StatementPipeline?
    let database: Database
    let exactRankDepth: Int
    let pointsLadder: ExpiringSnapshot<PointsLadder>?
    /// The shared top of the global board (``BoardHead``), which the repositories that change players
    /// forget after each change; `nil` when every rank is counted exactly.
    let boardHead: ExpiringSnapshot<BoardHead>?

    public init(settings: DatabaseSettings, rankCounting: RankCounting = RankCounting()) {
        let reachability = DatabaseReachability()
        pool = ConnectionPool(settings: settings, reachability: reachability)
        pipeline = settings.pipelineConnections > 0 ? StatementPipeline(settings: settings, reachability: reachability) : nil
        let database = Database(pool: pool, pipeline: pipeline)
        self.database = database
        exactRankDepth = rankCounting.exactDepth
        pointsLadder =
            rankCounting.ladderLifetime > .zero
            ? ExpiringSnapshot(clock: rankCounting.clock, lifetime: rankCounting.ladderLifetime, expiry: .answerStaleWhileLoading) {
                try await PostgresLeaderboardRepository.ladder(in: database)
            } : nil
        let exactDepth = rankCounting.exactDepth
        boardHead =
            rankCounting.ladderLifetime > .zero
            ? ExpiringSnapshot(clock: rankCounting.clock, lifetime: rankCounting.headLifetime, expiry: .answerStaleWhileLoading) {
                try await PostgresLeaderboardRepository.head(in: database, exactDepth: exactDepth)
            } : nil
    }

    public var users: PostgresUserRepository { PostgresUserRepository(database: database, boardHead: boardHead) }
    public var locations: PostgresLocationRepository { PostgresLocationRepository(database: database) }
    public var visits: PostgresVisitRepository { PostgresVisitRepository(database: database, boardHead: boardHead) }
    public var images: PostgresImageRepository { PostgresImageRepository(database: database) }
    public var friendRequests: PostgresFriendRequestRepository { PostgresFriendRequestRepository(database: database) }
    public var achievements: PostgresAchievementRepository { PostgresAchievementRepository(database: database) }
    public var feed: PostgresFeedRepository { PostgresFeedRepository(database: database) }
    public var leaderboards: PostgresLeaderboardRepository {
        PostgresLeaderboardRepository(database: database, exactDepth: exactRankDepth, ladder: pointsLadder, head: boardHead)
    }
    public var sessions: PostgresSessionRepository { PostgresSessionRepository(database: database) }
    public var health: PostgresHealth { PostgresHealth(database: database) }
    public var audit: PostgresAuditLog { PostgresAuditLog(database: database) }
    public var reports: PostgresStaffReports { PostgresStaffReports(database: database) }

    /// The pool's reading, with the statements waiting for room on the pipeline counted as queued and
    /// those refused after waiting as acquire timeouts: either way a request waited for the database.
    public func waitStatistics() -> PoolStatistics {
        var statistics = pool.statistics()
        if let pipeline {
            statistics.queued += pipeline.waiting
            statistics.acquireTimeouts += pipeline.admissionTimeouts
        }
        return statistics
    }

    /// Brings the schema up to date (see ``Migrator``), and grants `appRole` what the tasks need.
    public func migrate(appRole: AppRole? = nil) async throws -> MigrationReport {
        try await Migrator(pool: pool).migrate(appRole: appRole)
    }

    /// Every port of the game, with this database behind all the repositories.
    public func dependencies(
        clock: any WallClock = SystemClock(),
        ids: any IdentifierSource = RandomIdentifierSource(),
        passwords: any PasswordHasher,
        tokens: any TokenSigner,
        uploads: any UploadSigner
    ) -> GameDependencies {
        GameDependencies(
            users: users, locations: locations, visits: visits, images: images, friendRequests: friendRequests,
            achievements: achievements, feed: feed, leaderboards: leaderboards, sessions: sessions, audit: audit, reports: reports, health: health,
            clock: clock, ids: ids,
            passwords: passwords, tokens: tokens, uploads: uploads)
    }
}

/// A real round trip: `SELECT 1`.
public struct PostgresHealth: StoreHealth {
    let database: Database
    static let ping = Statement("health_ping", "SELECT 1")

    public func ping() async throws {
        try await database.probe(Self.ping)
    }
}
