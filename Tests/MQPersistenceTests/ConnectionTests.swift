import Foundation
import MQDomain
import MQPersistence
import MQTestSupport
import Testing

@Suite("Connections: outages, recovery and limits")
struct ConnectionTests {
    @Test func requestsInFlightWhenConnectionsDieFailAnd503AndLaterOnesSucceed() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 2)
        // The slow statement must still be running when its connection dies, however long a loaded machine
        // takes to get there: no statement timeout ends it first.
        settings.statementTimeout = .zero
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        try await store.health.ping()

        let slow = Task { try await store.pool.withSession { try $0.execute("SELECT pg_sleep(600)") } }
        try await TestDatabase.waitUntilRunning("pg_sleep(600)", in: settings.name)
        try await TestDatabase.terminateConnections(to: settings.name)
        await #expect(throws: PostgresError.self) { try await slow.value }

        for _ in 0..<5 { try await store.health.ping() }
        #expect(try await store.users.find(id: "nobody") == nil)
    }

    @Test func aRepositoryReportsAnOutageAsDatabaseUnavailable() async throws {
        let settings = DatabaseSettings(host: "127.0.0.1", port: try closedPort(), name: "none", sslMode: "disable", connectTimeout: 2)
        let store = PostgresStore(settings: settings)
        await #expect(throws: MapleQuestError.self) { try await store.users.find(id: "x") }
        await #expect(throws: MapleQuestError.self) { try await store.health.ping() }
    }

    @Test func theStoreRecoversWhenTheDatabaseComesBack() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 2)
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        try await TestDatabase.execute("ALTER DATABASE \(settings.name) ALLOW_CONNECTIONS false", in: "postgres")
        try await TestDatabase.terminateConnections(to: settings.name)
        try await Task.sleep(for: .milliseconds(200))
        await #expect(throws: MapleQuestError.self) { try await store.health.ping() }
        try await TestDatabase.execute("ALTER DATABASE \(settings.name) ALLOW_CONNECTIONS true", in: "postgres")
        try await store.health.ping()
    }

    @Test func anOperationThatFindsEveryPooledConnectionBusyGivesUpInTimeWhileSingleStatementsStillAnswer() async throws {
        var settings = try await TestDatabase.fresh(poolSize: 1, acquireTimeout: .milliseconds(200))
        // Busy until the test ends it, not until a statement timeout frees it while a loaded machine is slow.
        settings.statementTimeout = .zero
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        let busy = Task { try await store.pool.withSession { try $0.execute("SELECT pg_sleep(600)") } }
        try await TestDatabase.waitUntilRunning("pg_sleep(600)", in: settings.name)
        await #expect(throws: MapleQuestError.self, "the only pooled connection is busy until the test ends it") {
            try await store.visits.delete(id: 1, ownedBy: "nobody")
        }
        try await store.health.ping()
        try await TestDatabase.terminateConnections(to: settings.name)
        _ = await busy.result
        #expect(try await store.visits.delete(id: 1, ownedBy: "nobody") == false)
    }

    @Test func manyConcurrentRequestsShareASmallPool() async throws {
        let settings = try await TestDatabase.fresh(poolSize: 3)
        let store = PostgresStore(settings: settings)
        _ = try await store.migrate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 { group.addTask { try await store.health.ping() } }
            try await group.waitForAll()
        }
        let usage = store.pool.usage
        #expect(usage.open <= 3)
        #expect(usage.busy == 0)
    }

    /// A local port nothing listens on.
    func closedPort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
    }
}
