import Foundation
import MQPersistence
import Testing

/// Fresh databases on the throwaway cluster `scripts/with-test-services.sh` starts (through `make test`).
/// Without one, a test that needs it is skipped with the reason, not failed.
public enum TestDatabase {
    public static let notConfigured: Comment = "skipped: no test database (MQ_TEST_DB_HOST is not set); `make test` starts PostgreSQL"

    /// The cluster's address; skips the calling test when there is none.
    public static func server() throws -> (host: String, port: Int, user: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["MQ_TEST_DB_HOST"], let port = environment["MQ_TEST_DB_PORT"].flatMap(Int.init) else {
            try Test.cancel(notConfigured)
        }
        return (host, port, environment["MQ_TEST_DB_USER"] ?? "postgres")
    }

    /// The cluster's self-signed certificate and its key (PEM files), which also serve as the root a
    /// `verify-full` connection trusts; skips the calling test when the cluster was started without them.
    public static func tlsCertificate() throws -> (certificate: String, key: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let certificate = environment["MQ_TEST_TLS_CERT"], let key = environment["MQ_TEST_TLS_KEY"] else {
            try Test.cancel("skipped: the test cluster has no TLS certificate (MQ_TEST_TLS_CERT); `make test` makes one")
        }
        return (certificate, key)
    }

    /// Shared by every test for set-up, so it waits as long as set-up takes on a loaded machine: dozens of
    /// tests create their databases at once, and PostgreSQL runs `CREATE DATABASE` one at a time. Set-up
    /// statements have no `statement_timeout` for the same reason (see ``execute(_:in:)``).
    public static let admin: ConnectionPool? = try? {
        let cluster = try Self.server()
        return ConnectionPool(
            settings: DatabaseSettings(
                host: cluster.host, port: cluster.port, name: "postgres", user: cluster.user, sslMode: "disable", poolSize: 4,
                acquireTimeout: setUpTimeout, statementTimeout: .zero))
    }()

    /// How long set-up may wait for a connection. Not a claim about speed: tests that are about waiting
    /// pass their own, short, timeouts.
    public static let setUpTimeout: Duration = .seconds(300)

    /// An empty database of its own for one test. Its pool waits `acquireTimeout` for a connection: long
    /// by default, so a test on a machine busy running all the others never fails for want of CPU.
    public static func fresh(poolSize: Int = 4, acquireTimeout: Duration = setUpTimeout) async throws -> DatabaseSettings {
        let server = try server()
        guard let admin else { try Test.cancel(notConfigured) }
        let name = "mq_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.withSession { try $0.execute("CREATE DATABASE \(name)") }
        return DatabaseSettings(
            host: server.host, port: server.port, name: name, user: server.user, sslMode: "disable",
            poolSize: poolSize, acquireTimeout: acquireTimeout)
    }

    /// Runs SQL as the cluster's superuser in `database` (for fixtures and for breaking connections), with
    /// no `statement_timeout`: filling tables with thousands of rows, while the whole suite runs on two
    /// busy cores, takes what it takes, and a time limit there would only make set-up fail at random.
    public static func execute(_ sql: String, in database: String) async throws {
        let server = try server()
        let pool = ConnectionPool(
            settings: DatabaseSettings(
                host: server.host, port: server.port, name: database, user: server.user, sslMode: "disable", poolSize: 1,
                acquireTimeout: setUpTimeout, statementTimeout: .zero))
        try await pool.withSession { try $0.execute(sql) }
        await pool.closeIdleConnections()
    }

    /// Adds players straight to `core_user` in `database` (no password anyone can use), each `id` with its
    /// points: for tests about many players' points, where registering each would only add time.
    public static func insertPlayers(_ players: [(id: String, points: Int)], in database: String) async throws {
        let rows = players.map { "('\($0.id)', '!', '\($0.id)@example.com', '\($0.id)', '', \($0.points), '', now())" }
        try await execute(
            #"INSERT INTO core_user ("userId", password, email, first_name, last_name, points, profile_pic_url, created_at) VALUES "#
                + rows.joined(separator: ", "), in: database)
    }

    /// Returns once a statement containing `text` is running in `database`: a test's own query has
    /// reached the server, however busy the machine is.
    public static func waitUntilRunning(_ text: String, in database: String) async throws {
        try await waitForActivity("state = 'active'", running: text, in: database)
    }

    /// Returns once `count` statements containing `text` wait for a lock in `database`: they have reached
    /// the row or lock another session holds, however busy the machine is.
    public static func waitUntilWaitingForALock(_ text: String, count: Int = 1, in database: String) async throws {
        try await waitForActivity("wait_event_type = 'Lock'", running: text, count: count, in: database)
    }

    /// Polls `pg_stat_activity` until `count` processes of `database` running `text` meet `condition`.
    private static func waitForActivity(_ condition: String, running text: String, count: Int = 1, in database: String) async throws {
        let statement = Statement(
            "test_activity_" + condition.filter(\.isLetter),
            "SELECT count(*) AS matching FROM pg_stat_activity WHERE datname = $1 AND \(condition) AND strpos(query, $2) > 0")
        while true {
            let matching = try await admin!.withSession { session in try session.query(statement, [database, text]) }
            if try matching.first?.int("matching") ?? 0 >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Ends every server process connected to `database`, as a crash or a restart would, and returns once
    /// they have exited (`pg_terminate_backend` alone only signals them, so a statement sent at once could
    /// still reach a process on its way out).
    public static func terminateConnections(to database: String) async throws {
        try await terminate("datname = '\(database)'")
    }

    /// Ends, the same way, only the server process running a statement containing `text`.
    public static func terminateProcess(running text: String) async throws {
        try await terminate("strpos(query, '\(text)') > 0")
    }

    private static func terminate(_ condition: String) async throws {
        try await admin!.withSession { session in
            try session.execute("SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE \(condition) AND pid <> pg_backend_pid()")
        }
    }
}

extension DatabaseSettings {
    /// The `DB_*` variables a deployment would pass to reach this database.
    public var environment: [String: String] {
        ["DB_HOST": host, "DB_PORT": String(port), "DB_NAME": name, "DB_USER": user, "DB_SSLMODE": sslMode]
    }
}
