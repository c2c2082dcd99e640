import Foundation
import MQDomain
import MQTestSupport
import Testing

@testable import MQPersistence

/// While ranks may lag, the global board's top and the points just past the exact depth are read once
/// and shared (`BoardHead`): this store's own changes show on the next read, another task's within
/// about a second, and the caller's own entry is always current.
@Suite("The shared head of the global board on PostgreSQL")
struct SharedBoardHeadTests {
    func top(_ board: Leaderboard) -> [String] {
        board.top.map(\.userID)
    }

    @Test(.timeLimit(.minutes(1)), arguments: RankedBoard.Read.allCases)
    func theTopMayMissAnotherTasksChangeForAboutASecondAndNoLonger(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        try await board.setPoints(of: 8, to: 100)
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        board.clock.advance(by: 2)
        while top(try await board.leaderboard(for: 3, read)).first != "p8" { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await board.leaderboard(for: 3, read).top == (try await board.leaderboard(for: 3, in: board.exact)).top)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aCheckInAndItsRemovalThroughThisStoreShowOnTheNextRead(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        let landmark = try await board.landmarks(1, points: 100)[0]
        let outcome = try await board.checkIn("p7", at: landmark)
        let after = try await board.leaderboard(for: 3, read)
        #expect(top(after) == ["p7", "p0", "p1"])
        #expect(after.top.first?.points == 110)
        #expect(after.top == (try await board.leaderboard(for: 3, in: board.exact)).top)
        #expect(try await board.store.visits.delete(id: outcome.visit.id, ownedBy: "p7"))
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
    }

    /// A check-in by a player outside the top who stays below the points just past the depth cannot show
    /// in the head, so it stays shared; here another task's change shows that it did.
    @Test(arguments: RankedBoard.Read.allCases)
    func aCheckInFarBelowTheTopLeavesTheSharedHeadAsItIs(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        try await TestDatabase.insertPlayers((10..<70).map { (id: "q\($0)", points: 1) }, in: board.database)
        let landmarks = try await board.landmarks(2, points: 5)
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        try await board.setPoints(of: 0, to: 0)
        try await board.checkIn("q69", at: landmarks[0])
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        try await board.checkIn("p3", at: landmarks[1])
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p1", "p2", "p3"])
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aNewNameALeavingPlayerAndANewcomerThroughThisStoreShowOnTheNextRead(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        var renamed = try #require(try await board.store.users.find(id: "p1"))
        renamed.firstName = "Renamed"
        _ = try await board.store.users.update(renamed)
        #expect(try await board.leaderboard(for: 3, read).top[1].firstName == "Renamed")
        _ = try await board.store.users.delete(id: "p0")
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p1", "p2", "p3"])
        _ = try await board.store.users.create(User(id: "newcomer", email: "new@example.com", passwordHash: "!", points: 70, createdAt: Date()))
        let after = try await board.leaderboard(for: 3, read)
        #expect(top(after) == ["newcomer", "p1", "p2"])
        #expect(after.top == (try await board.leaderboard(for: 3, in: board.exact)).top)
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aCallersOwnEntryAndRankAreCurrentWhileTheHeadIsKept(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        try await board.setPoints(of: 5, to: 55)
        let risen = try await board.leaderboard(for: 5, read)
        #expect(top(risen) == ["p0", "p5", "p1"])
        #expect(risen.me == Standing(rank: 2, userID: "p5", firstName: "p5", lastName: "", points: 55))
        try await board.setPoints(of: 0, to: 5)
        let fallen = try await board.leaderboard(for: 0, read)
        #expect(fallen.me.points == 5)
        #expect(top(fallen) == ["p1", "p2", "p3"], "p5's rise was another task's change: it shows within the head's lifetime")
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func aCallerWhoFellOutOfAFullTopHasItReadAfresh(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        try await TestDatabase.insertPlayers((10..<70).map { (id: "q\($0)", points: 1) }, in: board.database)
        #expect(try await board.leaderboard(for: 3, limit: 50, read).top.count == 50)
        try await board.setPoints(of: 0, to: 0)
        let fallen = try await board.leaderboard(for: 0, limit: 50, read)
        #expect(!top(fallen).contains("p0"))
        #expect(fallen.top == (try await board.leaderboard(for: 0, in: board.exact, limit: 50)).top)
    }

    /// The depth is 2. With p2 at 44, the players at the depth and past it hold 50 and 44; p1 falling
    /// from 50 to 45 still has only p0 ahead, which a head that looked no further than the depth's own
    /// 50 would have missed.
    @Test(arguments: RankedBoard.Read.allCases)
    func aCallerWhoFellWithinTheDepthIsStillCountedExactly(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        try await board.setPoints(of: 2, to: 44)
        #expect(try await board.rank(of: 1, read).rank == 2)
        try await board.setPoints(of: 1, to: 45)
        #expect(try await board.rank(of: 1, read).rank == 2)
        #expect(try await board.rank(of: 1, read) == (try await board.rank(of: 1, in: board.exact)))
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func withoutALadderNothingIsShared(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make(ladderLifetime: .zero)
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p0", "p1", "p2"])
        try await board.setPoints(of: 8, to: 100)
        #expect(top(try await board.leaderboard(for: 3, read)) == ["p8", "p0", "p1"])
    }

    @Test(arguments: RankedBoard.Read.allCases)
    func readsRacingChangesThroughThisStoreEndOnTheLatestBoard(read: RankedBoard.Read) async throws {
        let board = try await RankedBoard.make()
        let landmarks = try await board.landmarks(8, points: 7)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for landmark in landmarks {
                group.addTask { try await board.checkIn("p8", at: landmark) }
                group.addTask { _ = try await board.leaderboard(for: 3, read) }
            }
            try await group.waitForAll()
        }
        let after = try await board.leaderboard(for: 3, read)
        #expect(top(after) == ["p0", "p8", "p1"])
        #expect(after.top[1].points == 56)
        #expect(after.top == (try await board.leaderboard(for: 3, in: board.exact)).top)
    }
}
