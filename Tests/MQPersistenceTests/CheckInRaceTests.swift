import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

/// A first visit's credit is what locks the player's row, so the player can be deleted between the
/// visit's insert and its credit, and another transaction holding that row makes the check-in wait. These
/// make those races happen on purpose, on both of a check-in's paths.
@Suite("A check-in racing its player's deletion or a held row")
struct CheckInRaceTests {
    /// Where a check-in without photos waits for a row lock: in the pipeline (here with no bound on the
    /// wait), or in a pooled session's transaction once the pipeline's bound has passed.
    enum Path: String, CaseIterable, CustomTestStringConvertible {
        case pipeline
        case pooledSessionPastThePipelinesBound

        var testDescription: String { rawValue }
        /// The `application_name` of the connection the check-in waits on.
        var application: String { self == .pipeline ? "mq-server pipeline" : "mq-server" }
    }

    @Test(.timeLimit(.minutes(2)), arguments: Path.allCases)
    func aPlayerDeletedBetweenTheVisitAndItsCreditLeavesNoVisitAndIsAnsweredAsMissing(path: Path) async throws {
        var settings = try await TestDatabase.fresh()
        // Every wait below ends when the test ends it, however long a loaded machine takes to get there.
        settings.statementTimeout = .zero
        settings.lockTimeout = .zero
        if path == .pipeline { settings.pipelineLockTimeout = .zero }
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        let landmark = try await store.locations.create(
            Location(
                id: "race-spot", name: "Race Spot", province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "",
                points: 10, defaultImageURL: nil))
        try await TestDatabase.insertPlayers([(id: "racer", points: 0)], in: settings.name)
        // Named after the test's own database, so that tests running beside it end only their own.
        let holding = "holder-of-advisory-lock-7 in \(settings.name)"
        let deleting = "deleter-waits-for-advisory-lock-7 in \(settings.name)"

        // The deleter removes the player and then waits, its row lock held, until the holder goes away.
        let locks = ConnectionPool(settings: settings)
        let holder = Task { try await locks.withSession { try $0.execute("SELECT pg_advisory_lock(7), pg_sleep(600) /* \(holding) */") } }
        try await TestDatabase.waitUntilRunning(holding, in: settings.name)
        let deleter = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute(#"DELETE FROM core_user WHERE "userId" = 'racer'"#)
                    try session.execute("SELECT pg_advisory_xact_lock(7) /* \(deleting) */")
                }
            }
        }
        try await TestDatabase.waitUntilWaitingForALock(deleting, in: settings.name)

        // The check-in sees the player, inserts the visit, and waits at the credit for the deleter.
        let checkIn = Task {
            try await store.visits.checkIn(
                CheckIn(userID: "racer", locationID: landmark.id, note: "", at: Date(), points: landmark.points, images: []))
        }
        try await TestDatabase.waitUntilWaitingForALock("INSERT INTO core_visit", connectedAs: path.application, in: settings.name)
        try await TestDatabase.terminateProcess(running: holding)
        _ = await holder.result
        try await deleter.value

        #expect(try await checkIn.value == nil)
        #expect(try await store.users.find(id: "racer") == nil)
        #expect(try await store.visits.visits(of: "racer", PageRequest()).totalCount == 0)
    }

    /// While the check-in waits in a pooled session, the pipeline's shared connection is free: other
    /// requests' statements go on being answered.
    @Test(.timeLimit(.minutes(2)))
    func aFirstVisitWhosePlayerIsHeldPastThePipelinesBoundWaitsInAPooledSessionAndIsCreditedOnce() async throws {
        var settings = try await TestDatabase.fresh()
        settings.statementTimeout = .zero
        settings.lockTimeout = .zero
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        let landmark = try await store.locations.create(
            Location(
                id: "held-spot", name: "Held Spot", province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "",
                points: 10, defaultImageURL: nil))
        try await TestDatabase.insertPlayers([(id: "held", points: 5)], in: settings.name)
        let holding = "holder-of-the-player-row in \(settings.name)"

        let locks = ConnectionPool(settings: settings)
        let holder = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute(#"SELECT 1 FROM core_user WHERE "userId" = 'held' FOR UPDATE"#)
                    try session.execute("SELECT pg_sleep(600) /* \(holding) */")
                }
            }
        }
        try await TestDatabase.waitUntilRunning(holding, in: settings.name)
        let checkIn = Task {
            try await store.visits.checkIn(
                CheckIn(userID: "held", locationID: landmark.id, note: "", at: Date(), points: landmark.points, images: []))
        }
        try await TestDatabase.waitUntilWaitingForALock("INSERT INTO core_visit", connectedAs: "mq-server", in: settings.name)
        #expect(try await store.users.find(id: "held")?.points == 5)
        try await TestDatabase.terminateProcess(running: holding)
        _ = await holder.result

        let outcome = try #require(try await checkIn.value)
        #expect(outcome.isFirstVisit)
        #expect(outcome.pointsEarned == 10)
        #expect(outcome.totalPoints == 15)
        #expect(try await store.users.find(id: "held")?.points == 15)
        #expect(try await store.visits.visits(of: "held", PageRequest()).totalCount == 1)
    }

    /// A check-in through the pipeline reads the achievement rules before its transaction. Another visit by
    /// the same player committed in between is caught in the transaction, which is rolled back and made
    /// again in a pooled session under the player's lock, so the achievement both visits earn together is
    /// awarded with this one.
    @Test(.timeLimit(.minutes(2)))
    func aVisitCommittedBetweenTheRulesReadAndTheTransactionIsCountedTowardTheAchievements() async throws {
        var settings = try await TestDatabase.fresh()
        settings.statementTimeout = .zero
        settings.lockTimeout = .zero
        settings.pipelineLockTimeout = .zero
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        var landmarks: [Location] = []
        for name in ["first", "second"] {
            landmarks.append(
                try await store.locations.create(
                    Location(
                        id: name, name: name, province: "Ontario", latitude: "43.64", longitude: "-79.38", description: "", points: 10,
                        defaultImageURL: nil)))
        }
        _ = try await store.achievements.create(Achievement(id: "two", description: "", points: 25, rule: .distinctLandmarks(2)))
        try await TestDatabase.insertPlayers([(id: "pair", points: 0)], in: settings.name)
        let holding = "holder-of-advisory-lock-9 in \(settings.name)"
        let visiting = "visitor-waits-for-advisory-lock-9 in \(settings.name)"

        // The other visit is made and its player's row held until the holder goes away.
        let locks = ConnectionPool(settings: settings)
        let holder = Task { try await locks.withSession { try $0.execute("SELECT pg_advisory_lock(9), pg_sleep(600) /* \(holding) */") } }
        try await TestDatabase.waitUntilRunning(holding, in: settings.name)
        let visitor = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute("INSERT INTO core_visit (visited_at, note, location_id, user_id) VALUES (now(), '', 'first', 'pair')")
                    try session.execute(#"UPDATE core_user SET points = points + 10 WHERE "userId" = 'pair'"#)
                    try session.execute("SELECT pg_advisory_xact_lock(9) /* \(visiting) */")
                }
            }
        }
        try await TestDatabase.waitUntilWaitingForALock(visiting, in: settings.name)

        // The check-in reads no visits, then waits in the pipeline at its credit while the other commits.
        let checkIn = Task {
            try await store.visits.checkIn(CheckIn(userID: "pair", locationID: "second", note: "", at: Date(), points: 10, images: []))
        }
        try await TestDatabase.waitUntilWaitingForALock("INSERT INTO core_visit", connectedAs: "mq-server pipeline", in: settings.name)
        try await TestDatabase.terminateProcess(running: holding)
        _ = await holder.result
        try await visitor.value

        let outcome = try #require(try await checkIn.value)
        #expect(outcome.isFirstVisit)
        #expect(outcome.achievementsEarned.map(\.id) == ["two"])
        #expect(outcome.totalPoints == 10 + 10 + 25)
        #expect(try await store.users.find(id: "pair")?.points == 45)
        #expect(try await store.visits.visits(of: "pair", PageRequest()).totalCount == 2)
    }
}
