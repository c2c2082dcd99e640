import Foundation
import MQDomain
import MQTestSupport
import Testing

@testable import MQPersistence

/// A database of nine players (`p0`, `p1`, … holding ``totals``) behind two stores: ``store``, which
/// counts ranks exactly down to a depth of 2 and shares its board's head and ladder on a test clock,
/// and ``exact``, which counts every rank on every read, as a second server task with no sharing would.
struct RankedBoard {
    static let totals = [60, 50, 50, 40, 30, 20, 10, 10, 0]

    /// How a read names its caller: by identifier (the store reads their row), or as the account the
    /// request's token check just read.
    enum Read: CaseIterable, Sendable {
        case byIdentifier
        case accountJustRead
    }

    let store: PostgresStore
    let exact: PostgresStore
    let clock: TestClock
    let database: String

    static func make(ladderLifetime: Duration = .seconds(60)) async throws -> RankedBoard {
        let settings = try await TestDatabase.fresh()
        let clock = TestClock()
        let store = PostgresStore(settings: settings, rankCounting: RankCounting(exactDepth: 2, ladderLifetime: ladderLifetime, clock: clock))
        _ = try await store.migrate()
        try await TestDatabase.insertPlayers(totals.enumerated().map { (id: "p\($0)", points: $1) }, in: settings.name)
        return RankedBoard(store: store, exact: PostgresStore(settings: settings, rankCounting: .exact), clock: clock, database: settings.name)
    }

    /// The global board of player `player`.
    func leaderboard(for player: Int, in store: PostgresStore? = nil, limit: Int = 3, _ read: Read = .byIdentifier) async throws -> Leaderboard {
        let boards = (store ?? self.store).leaderboards
        switch read {
        case .byIdentifier:
            return try #require(try await boards.leaderboard(.global, for: "p\(player)", limit: limit))
        case .accountJustRead:
            let account = try #require(try await (store ?? self.store).users.find(id: "p\(player)"))
            return try #require(try await boards.leaderboard(.global, forJustRead: Contender(account), limit: limit))
        }
    }

    func rank(of player: Int, in store: PostgresStore? = nil, _ read: Read = .byIdentifier) async throws -> Standing {
        try await leaderboard(for: player, in: store, read).me
    }

    /// `count` new landmarks worth `points` each.
    func landmarks(_ count: Int, points: Int) async throws -> [Location] {
        var landmarks: [Location] = []
        for number in 0..<count {
            let landmark = Location(
                id: "landmark-\(number)", name: "Landmark \(number)", province: "Ontario", latitude: "43.64", longitude: "-79.38",
                description: "", points: points, defaultImageURL: nil)
            landmarks.append(try await store.locations.create(landmark))
        }
        return landmarks
    }

    /// A check-in through ``store`` by `player` at `landmark`, for its points.
    @discardableResult
    func checkIn(_ player: String, at landmark: Location) async throws -> CheckInOutcome {
        try #require(
            try await store.visits.checkIn(
                CheckIn(userID: player, locationID: landmark.id, note: "", at: Date(), points: landmark.points, images: [])))
    }

    /// Changes a total behind the stores' backs, as another server task would.
    func setPoints(of player: Int, to points: Int) async throws {
        try await TestDatabase.execute(#"UPDATE core_user SET points = \#(points) WHERE "userId" = 'p\#(player)'"#, in: database)
    }
}
