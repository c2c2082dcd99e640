import Foundation
import MQDomain
import MQPersistence
import MQTestSupport

/// One staged race: a fresh database with a player (`racer`, no points) and a landmark (`race-spot`),
/// and an advisory lock of its own (races run in parallel, and the test ends a race by name).
struct Race {
    let settings: DatabaseSettings
    let store: PostgresStore
    let landmark: Location
    private let locks: ConnectionPool
    private let lock = Int32.random(in: 1...Int32.max)
    private let holderName: String
    private let deleterName: String
    private let holder: Task<Void, any Error>

    static func ready() async throws -> Race {
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
        return try await Race(settings: settings, store: store, landmark: landmark)
    }

    /// Takes the race's advisory lock on a session of its own and keeps it until the test ends that session.
    private init(settings: DatabaseSettings, store: PostgresStore, landmark: Location) async throws {
        (self.settings, self.store, self.landmark) = (settings, store, landmark)
        let (locks, lock, name) = (ConnectionPool(settings: settings), lock, "holder-of-advisory-lock-\(lock)")
        (self.locks, holderName, deleterName) = (locks, name, "deleter-waits-for-advisory-lock-\(lock)")
        holder = Task { try await locks.withSession { try $0.execute("SELECT pg_advisory_lock(\(lock)), pg_sleep(600) /* \(name) */") } }
        try await TestDatabase.waitUntilRunning(name, in: settings.name)
    }

    /// Runs `statement` in a transaction that then waits, its row locks held, until the holder goes away.
    func runAndHold(_ statement: String) async throws -> Task<Void, any Error> {
        let (locks, lock, name) = (locks, lock, deleterName)
        let deleter = Task {
            try await locks.withSession { session in
                try session.transaction {
                    try session.execute(statement)
                    try session.execute("SELECT pg_advisory_xact_lock(\(lock)) /* \(name) */")
                }
            }
        }
        try await TestDatabase.waitUntilWaitingForALock(deleterName, in: settings.name)
        return deleter
    }

    /// Checks `racer` in at `race-spot`, with `images`.
    func checkIn(images: [NewImage] = []) -> Task<CheckInOutcome?, any Error> {
        let (store, landmark) = (store, landmark)
        return Task {
            try await store.visits.checkIn(
                CheckIn(userID: "racer", locationID: landmark.id, note: "", at: Date(), points: landmark.points, images: images))
        }
    }

    /// Once a statement containing `text` waits for a lock (the held transaction's), lets `held` commit.
    func commit(_ held: Task<Void, any Error>, onceWaiting text: String) async throws {
        try await TestDatabase.waitUntilWaitingForALock(text, in: settings.name)
        try await TestDatabase.terminateProcess(running: holderName)
        _ = await holder.result
        try await held.value
    }
}
