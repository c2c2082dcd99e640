import Foundation
import MQDomain
import MQPersistence
import MQAuth

/// Fresh databases on the throwaway cluster `scripts/with-test-services.sh` starts (through `make test`).
enum TestDatabase {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "MQ_TEST_DB_HOST is not set: run the tests with `make test`, which starts PostgreSQL" }
    }

    static func server() throws -> (host: String, port: Int, user: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["MQ_TEST_DB_HOST"], let port = environment["MQ_TEST_DB_PORT"].flatMap(Int.init) else {
            throw NotConfigured()
        }
        return (host, port, environment["MQ_TEST_DB_USER"] ?? "postgres")
    }

    /// Shared by every test for set-up, so it waits as long as set-up takes on a loaded machine: dozens of
    /// tests create their databases at once, and PostgreSQL runs `CREATE DATABASE` one at a time.
    static let admin: ConnectionPool? = try? {
        let cluster = try Self.server()
        return ConnectionPool(settings: DatabaseSettings(
            host: cluster.host, port: cluster.port, name: "postgres", user: cluster.user, sslMode: "disable", poolSize: 4,
            acquireTimeout: setUpTimeout))
    }()

    /// How long set-up may wait for a connection. Not a claim about speed: tests that are about waiting
    /// pass their own, short, timeouts.
    static let setUpTimeout: Duration = .seconds(300)

    /// An empty database of its own for one test. Its pool waits `acquireTimeout` for a connection: long
    /// by default, so a test on a machine busy running all the others never fails for want of CPU.
    static func fresh(poolSize: Int = 4, acquireTimeout: Duration = setUpTimeout) async throws -> DatabaseSettings {
        let server = try server()
        guard let admin else { throw NotConfigured() }
        let name = "mq_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.withSession { try $0.execute("CREATE DATABASE \(name)") }
        return DatabaseSettings(host: server.host, port: server.port, name: name, user: server.user, sslMode: "disable",
                                poolSize: poolSize, acquireTimeout: acquireTimeout)
    }

    /// Runs SQL as the cluster's superuser in `database` (for fixtures and for breaking connections).
    static func execute(_ sql: String, in database: String) async throws {
        let server = try server()
        let pool = ConnectionPool(settings: DatabaseSettings(
            host: server.host, port: server.port, name: database, user: server.user, sslMode: "disable", poolSize: 1,
            acquireTimeout: setUpTimeout))
        try await pool.withSession { try $0.execute(sql) }
        await pool.closeIdleConnections()
    }

    /// Returns once a statement containing `text` is running in `database`: a test's own query has
    /// reached the server, however busy the machine is.
    static func waitUntilRunning(_ text: String, in database: String) async throws {
        while true {
            let running = try await admin!.withSession { session in
                try session.query(
                    Statement("test_running_query", "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND strpos(query, $2) > 0"),
                    [database, text])
            }
            if running.first?.int(0) ?? 0 > 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Ends every server process connected to `database`, as a crash or a restart would.
    static func terminateConnections(to database: String) async throws {
        try await admin!.withSession { session in
            try session.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        }
    }
}

/// Photo storage at `https://photos.test/`.
struct TestUploads: UploadSigner {
    func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        SignedUpload(uploadURL: "https://photos.test/upload/" + key, publicURL: publicURL(forKey: key))
    }
    func publicURL(forKey key: String) -> String { "https://photos.test/" + key }
    func key(forPublicURL url: String) -> String? { url.hasPrefix("https://photos.test/") ? String(url.dropFirst(20)) : nil }
}

/// The two stores every repository contract test runs against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory
    case postgres

    var description: String { rawValue }

    /// A fresh, empty store's ports, with real token signing and (cheap) Django password hashing.
    func dependencies() async throws -> GameDependencies {
        let passwords = DjangoPasswordHasher(iterations: 1000, concurrency: 2)
        let tokens = HS256TokenSigner(secret: "contract-suite")
        switch self {
        case .memory:
            return InMemoryStore().dependencies(passwords: passwords, tokens: tokens, uploads: TestUploads())
        case .postgres:
            let store = PostgresStore(settings: try await TestDatabase.fresh())
            _ = try await store.migrate()
            return store.dependencies(passwords: passwords, tokens: tokens, uploads: TestUploads())
        }
    }
}
