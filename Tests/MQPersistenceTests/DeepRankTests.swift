import MQDomain
import MQTestSupport
import Testing

@testable import MQPersistence

/// The global leaderboard counts a caller's rank exactly down to a depth and places deeper callers on a
/// ladder of everyone's totals read once per lifetime (``RankCounting``). Here the depth is 2, so the
/// ladder is exercised with a handful of players.
@Suite("Deep ranks on PostgreSQL: exact near the top, from a shared ladder below it")
struct DeepRankTests {
    func board(ladderLifetime: Duration = .seconds(60)) async throws -> RankedBoard {
        try await RankedBoard.make(ladderLifetime: ladderLifetime)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func everyBoardMatchesTheExactCountWhileNothingChanges(read: RankedBoard.Read) async throws {
        let board = try await board()
        for player in RankedBoard.totals.indices {
            let shared = try await board.leaderboard(for: player, read)
            #expect(shared == (try await board.leaderboard(for: player, in: board.exact)), "p\(player)")
        }
        #expect(try await board.rank(of: 6, read).rank == 7)
        #expect(try await board.rank(of: 8, read).rank == 9)
        #expect(try await board.rank(of: 1, read).rank == 2)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aRankWithinTheExactDepthFollowsEveryChangeAtOnce(read: RankedBoard.Read) async throws {
        let board = try await board()
        #expect(try await board.rank(of: 1, read).rank == 2)
        try await board.setPoints(of: 0, to: 0)
        #expect(try await board.rank(of: 1, read).rank == 1)
    }

    @Test(.timeLimit(.minutes(1)), arguments: RankedBoard.Read.allCases)
    func aDeeperRankMayMissOtherPlayersChangesForTheLadderLifetimeAndNoLonger(read: RankedBoard.Read) async throws {
        let board = try await board()
        #expect(try await board.rank(of: 6, read).rank == 7)
        for player in 0...2 { try await board.setPoints(of: player, to: 0) }
        #expect(try await board.rank(of: 6, read).rank == 7)
        board.clock.advance(by: 61)
        #expect(try await board.rank(of: 6, read).rank == 7, "the read that finds the ladder expired is answered from it")
        while try await board.rank(of: 6, read).rank != 4 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await board.rank(of: 6, in: board.exact).rank == 4)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aDeepCallersOwnPointsAreAlwaysCurrent(read: RankedBoard.Read) async throws {
        let board = try await board()
        #expect(try await board.rank(of: 8, read).rank == 9)
        try await board.setPoints(of: 8, to: 45)
        let standing = try await board.rank(of: 8, read)
        #expect(standing.points == 45)
        #expect(standing.rank == 4)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aLadderNeverPlacesACallerAboveTheExactDepth(read: RankedBoard.Read) async throws {
        let board = try await board()
        #expect(try await board.rank(of: 6, read).rank == 7)
        for player in 7...8 { try await board.setPoints(of: player, to: 100) }
        #expect(try await board.rank(of: 6, read).rank == 7)
        try await board.setPoints(of: 6, to: 55)
        #expect(try await board.rank(of: 6, read).rank == 3)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func withoutALadderEveryRankIsCountedOnEveryRead(read: RankedBoard.Read) async throws {
        let board = try await board(ladderLifetime: .zero)
        #expect(try await board.rank(of: 6, read).rank == 7)
        for player in 0...2 { try await board.setPoints(of: player, to: 0) }
        #expect(try await board.rank(of: 6, read).rank == 4)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func concurrentDeepReadsAllAgreeWithTheExactCount(read: RankedBoard.Read) async throws {
        let board = try await board()
        let expected = try await board.rank(of: 7, in: board.exact)
        try await withThrowingTaskGroup(of: Standing.self) { group in
            for _ in 0..<64 { group.addTask { try await board.rank(of: 7, read) } }
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
