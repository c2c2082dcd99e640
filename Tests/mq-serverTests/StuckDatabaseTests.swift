import Foundation
import HTTPTypes
import HummingbirdTesting
import MQPersistence
import Testing

@testable import mq_server

@Suite("A stuck table delays only the requests that touch it")
struct StuckDatabaseTests {
    /// Holds an exclusive lock on `table` from another session (a `psql` named `mq-lock-holder`) until
    /// ``release(in:)`` ends that session.
    func lock(_ table: String, in environment: [String: String]) async throws {
        let process = ProcessInfo.processInfo.environment
        let psql = URL(fileURLWithPath: (process["MQ_TEST_PGBIN"] ?? "/usr/bin") + "/psql")
        let holder = Process()
        holder.executableURL = psql
        holder.arguments = [
            "-h", environment["DB_HOST"]!, "-p", environment["DB_PORT"]!, "-U", environment["DB_USER"]!, "-d", environment["DB_NAME"]!,
            "-c", "BEGIN; LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3600);",
        ]
        holder.environment = ["PGAPPNAME": "mq-lock-holder"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        let admin = admin(environment)
        while try await admin.withSession({ session in
            try session.query(
                Statement(
                    "test_lock_held",
                    "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = $1 AND l.granted AND l.mode = 'AccessExclusiveLock'"),
                [table]
            ).isEmpty
        }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        await admin.closeIdleConnections()
    }

    func release(in environment: [String: String]) async throws {
        let admin = admin(environment)
        _ = try await admin.withSession { session in
            try session.query(
                Statement(
                    "test_release_lock", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'mq-lock-holder' AND datname = $1"),
                [environment["DB_NAME"]!])
        }
        await admin.closeIdleConnections()
    }

    func admin(_ environment: [String: String]) -> ConnectionPool {
        ConnectionPool(
            settings: DatabaseSettings(
                host: environment["DB_HOST"]!, port: Int(environment["DB_PORT"]!)!, name: environment["DB_NAME"]!,
                user: environment["DB_USER"]!, sslMode: "disable", poolSize: 1))
    }

    @Test func aLockedPlayersTableTimesOutAuthenticatedRequestsWhileTheMapAndReadinessAnswer() async throws {
        let database = try await StoreKind.freshDatabase()
        let server = try await StoreKind.postgres.assembly(database.merging(["DB_POOL_SIZE": "2", "DB_LOCK_TIMEOUT": "0.2"]) { $1 })
        try await server.test { client in
            let ann = try await client.signUp("ann")
            try await lock("core_user", in: database)
            for _ in 0..<4 {
                let me = try await client.json(.get, "/api/users/me/", token: ann.access)
                #expect(me.status == .serviceUnavailable, "a request that needs the locked table gives up and says so")
                #expect(me.headers[.retryAfter] != nil)
                #expect(try await client.json(.get, "/api/locations/").status == .ok, "the map does not touch the players")
            }
            #expect(try await client.json(.get, "/health/").status == .ok)
            #expect(try await client.json(.get, "/health/live/").status == .ok)
            try await release(in: database)
            #expect(try await client.json(.get, "/api/users/me/", token: ann.access).status == .ok, "and recovers once the lock is gone")
        }
    }
}
