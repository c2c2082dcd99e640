import MQDomain
import MQTestSupport
import Testing

@testable import MQPersistence

/// The global leaderboard counts a caller's rank exactly down to a depth and places deeper callers on a
/// ladder of everyone's totals read once per lifetime (``RankCounting``). Here the depth is 2, so the
/// ladder is exercised with a handful of players.
@Suite("Deep ranks on PostgreSQL: exact near the top, from a shared ladder below it")
struct DeepRankTests {
    /// Players `p0`, `p1`, … holding these totals.
    static let totals = [60, 50, 50, 40, 30, 20, 10, 10, 0]

    struct Board {
        let store: PostgresStore
        let exact: PostgresStore
        let clock: TestClock
        let database: String

        func rank(of player: Int, in store: PostgresStore? = nil) async throws -> Standing {
            try #require(try await (store ?? self.store).leaderboards.leaderboard(.global, for: "p\(player)", limit: 3)).me
        }

        func setPoints(of player: Int, to points: Int) async throws {
            try await TestDatabase.execute(#"UPDATE core_user SET points = \#(points) WHERE "userId" = 'p\#(player)'"#, in: database)
        }
    }

    func board(ladderLifetime: Duration = .seconds(60)) async throws -> Board {
        let settings = try await TestDatabase.fresh()
        let clock = TestClock()
        let store = PostgresStore(settings: settings, rankCounting: RankCounting(exactDepth: 2, ladderLifetime: ladderLifetime, clock: clock))
        _ = try await store.migrate()
        try await TestDatabase.insertPlayers(Self.totals.enumerated().map { (id: "p\($0)", points: $1) }, in: settings.name)
        return Board(store: store, exact: PostgresStore(settings: settings, rankCounting: .exact), clock: clock, database: settings.name)
    }

    @Test func everyRankMatchesTheExactCountWhileNothingChanges() async throws {
        let board = try await board()
        for player in Self.totals.indices {
            let placed = try await board.rank(of: player)
            #expect(placed == (try await board.rank(of: player, in: board.exact)))
        }
        #expect(try await board.rank(of: 6).rank == 7)
        #expect(try await board.rank(of: 8).rank == 9)
        #expect(try await board.rank(of: 1).rank == 2)
    }

    @Test func aRankWithinTheExactDepthFollowsEveryChangeAtOnce() async throws {
        let board = try await board()
        #expect(try await board.rank(of: 1).rank == 2)
        try await board.setPoints(of: 0, to: 0)
        #expect(try await board.rank(of: 1).rank == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aDeeperRankMayMissOtherPlayersChangesForTheLadderLifetimeAndNoLonger() async throws {
        let board = try await board()
        #expect(try await board.rank(of: 6).rank == 7)
        for player in 0...2 { try await board.setPoints(of: player, to: 0) }
        #expect(try await board.rank(of: 6).rank == 7)
        board.clock.advance(by: 61)
        #expect(try await board.rank(of: 6).rank == 7, "the read that finds the ladder expired is answered from it")
        while try await board.rank(of: 6).rank != 4 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await board.rank(of: 6, in: board.exact).rank == 4)
    }

    @Test func aDeepCallersOwnPointsAreAlwaysCurrent() async throws {
        let board = try await board()
        #expect(try await board.rank(of: 8).rank == 9)
        try await board.setPoints(of: 8, to: 45)
        let standing = try await board.rank(of: 8)
        #expect(standing.points == 45)
        #expect(standing.rank == 4)
    }

    @Test func aLadderNeverPlacesACallerAboveTheExactDepth() async throws {
        let board = try await board()
        #expect(try await board.rank(of: 6).rank == 7)
        for player in 7...8 { try await board.setPoints(of: player, to: 100) }
        #expect(try await board.rank(of: 6).rank == 7)
        try await board.setPoints(of: 6, to: 55)
        #expect(try await board.rank(of: 6).rank == 3)
    }

    @Test func withoutALadderEveryRankIsCountedOnEveryRead() async throws {
        let board = try await board(ladderLifetime: .zero)
        #expect(try await board.rank(of: 6).rank == 7)
        for player in 0...2 { try await board.setPoints(of: player, to: 0) }
        #expect(try await board.rank(of: 6).rank == 4)
    }

    @Test func concurrentDeepReadsAllAgreeWithTheExactCount() async throws {
        let board = try await board()
        let expected = try await board.rank(of: 7, in: board.exact)
        try await withThrowingTaskGroup(of: Standing.self) { group in
            for _ in 0..<64 { group.addTask { try await board.rank(of: 7) } }
            for try await standing in group { #expect(standing == expected) }
        }
    }

    @Test(arguments: 0..<20)
    func theLadderCountsThePlayersHoldingMoreThanATotal(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let players = (0..<Int(generator.next() % 40)).map { _ in Int(generator.next() % 12) * 5 }
        var holders: [Int: Int] = [:]
        for points in players { holders[points, default: 0] += 1 }
        let ladder = PointsLadder(holders.map { (points: $0.key, players: $0.value) }.shuffled(using: &generator))
        #expect(ladder.players == players.count)
        for points in -1...61 {
            #expect(ladder.playersAbove(points) == players.filter { $0 > points }.count, "above \(points)")
        }
    }
}
