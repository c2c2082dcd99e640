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

    @Test func whileTheDatabaseIsUnreachableOneConnectWaitsAndEveryoneElseIsRefusedAtOnce() async throws {
        let silent = try SilentDatabase()
        // Long enough that only the test ends an attempt, however slow the machine.
        let settings = DatabaseSettings(host: "127.0.0.1", port: silent.port, name: "none", sslMode: "disable", connectTimeout: 300, poolSize: 2)
        let store = PostgresStore(settings: settings)

        // A first attempt fails: the store now knows the database is unreachable.
        let first = Task { try await store.users.find(id: "x") }
        try await silent.waitForArrivals(1)
        silent.dropArrivals()
        await #expect(throws: MapleQuestError.self) { try await first.value }

        // A second attempt waits on the silent host.
        let waiting = Task { try await store.users.find(id: "x") }
        try await silent.waitForArrivals(1)

        // Everything else, single statements and transactions alike, is refused without a connect of its own.
        // Should one connect anyway, the test hangs up at once rather than waiting out its timeout.
        let secondConnect = Task {
            try await silent.waitForArrivals(2)
            silent.hangUp()
        }
        let refusals = await withTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do {
                        if index.isMultiple(of: 2) {
                            _ = try await store.users.find(id: "x")
                        } else {
                            _ = try await store.visits.delete(id: 1, ownedBy: "x")
                        }
                        return "answered"
                    } catch {
                        return String(describing: error)
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        secondConnect.cancel()
        #expect(silent.arrivals() == 1, "no connection was attempted beside the one waiting")
        #expect(refusals.count == 20)
        #expect(refusals.allSatisfy { $0.contains("another attempt is underway") }, "\(refusals)")

        // Once that attempt ends, the next request tries again at once, with no timer to wait for.
        silent.hangUp()
        await #expect(throws: MapleQuestError.self) { try await waiting.value }
        do {
            _ = try await store.users.find(id: "x")
            Issue.record("the closed port answered")
        } catch {
            #expect(!String(describing: error).contains("another attempt is underway"), "a new attempt was made: \(error)")
        }
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
