import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// Requests one player sends at once are counted against their limit on waiting requests one after the
/// other. The race is staged: a transaction holds `core_friendrequest` in share mode, so every request
/// reads freely and then waits to insert, until the test lets that transaction end.
@Suite("Requests sent at once wait their turn to be counted")
struct WaitingRequestRaceTests {
    @Test(.timeLimit(.minutes(2)))
    func requestsSentAtOnceCannotTakeTheSenderPastTheWaitingLimit() async throws {
        let race = try await Race.ready()
        let asked = ["asked-1", "asked-2", "asked-3"]
        try await TestDatabase.insertPlayers(asked.map { (id: $0, points: 0) }, in: race.settings.name)
        let hold = try await race.runAndHold("LOCK TABLE core_friendrequest IN SHARE MODE")

        let requests = asked.map { player in
            Task { () -> Bool in
                do {
                    _ = try await race.store.friendRequests.create(from: "racer", to: player, at: Date(), waitingLimit: 1)
                    return true
                } catch let full as WaitingRequestLimitReached {
                    #expect(full == WaitingRequestLimitReached(playerID: "racer", limit: 1))
                    return false
                }
            }
        }
        // Each request is stopped, whatever stops it: the first at its insert, the others at the insert
        // too if nothing made them wait before counting. The holder's own wait is the fourth.
        try await TestDatabase.waitUntilWaitingForALock("", count: asked.count + 1, in: race.settings.name)
        try await race.commit(hold, onceWaiting: "INSERT INTO core_friendrequest")

        var sent = 0
        for request in requests where try await request.value { sent += 1 }
        #expect(sent == 1)
        #expect(try await race.store.friendRequests.requests(involving: "racer", PageRequest()).totalCount == 1)
    }
}
