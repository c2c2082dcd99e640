import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// A first visit's credit is what locks the player's row, so the player can be deleted between the
/// visit's insert and its credit. These make that race happen on purpose.
@Suite("A check-in racing its player's deletion writes nothing")
struct CheckInRaceTests {
    static let holder = "holder-of-advisory-lock-7"
    static let deleter = "deleter-waits-for-advisory-lock-7"

    @Test(.timeLimit(.minutes(2)))
    func aPlayerDeletedBetweenTheVisitAndItsCreditLeavesNoVisitAndIsAnsweredAsMissing() async throws {
        var settings = try await TestDatabase.fresh()
        // Every wait below ends when the test ends it, however long a loaded machine takes to get there.
        settings.statementTimeout = .zero
        settings.lockTimeout = .zero
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        let landmark = try await store.locations.create(
            Location(
                id: "race-spot", name: "Race Spot", province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "",
                points: 10, defaultImageURL: nil))
        try await TestDatabase.insertPlayers([(id: "racer", points: 0)], in: settings.name)

        // The deleter removes the player and then waits, its row lock held, until the holder goes away.
        let locks = ConnectionPool(settings: settings)
        let holder = Task { try await locks.withSession { try $0.execute("SELECT pg_advisory_lock(7), pg_sleep(600) /* \(Self.holder) */") } }
        try await TestDatabase.waitUntilRunning(Self.holder, in: settings.name)
        let deleter = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)
                    try session.execute("SELECT pg_advisory_xact_lock(7) /* \(Self.deleter) */")
                }
            }
        }
        try await TestDatabase.waitUntilWaitingForALock(Self.deleter, in: settings.name)

        // The check-in sees the player, inserts the visit, and waits at the credit for the deleter.
        let checkIn = Task {
            try await store.visits.checkIn(
                CheckIn(userID: "racer", locationID: landmark.id, note: "", at: Date(), points: landmark.points, images: []))
        }
        try await TestDatabase.waitUntilWaitingForALock("INSERT INTO core_visit", in: settings.name)
        try await TestDatabase.terminateProcess(running: Self.holder)
        _ = await holder.result
        try await deleter.value

        #expect(try await checkIn.value == nil)
        #expect(try await store.users.find(id: "racer") == nil)
        #expect(try await store.visits.visits(of: "racer", PageRequest()).totalCount == 0)
    }
}
