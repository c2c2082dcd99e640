import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import MQPersistence
import MQTestSupport
import Synchronization
import Testing

@testable import mq_server

@Suite("The server on PostgreSQL, from its environment")
struct PostgresServerTests {
    /// The environment a deployment passes, pointing at a fresh database on the test cluster.
    func environment() async throws -> [String: String] {
        let database = try await TestDatabase.fresh()
        let media = FileManager.default.temporaryDirectory.appendingPathComponent(database.name).path
        return database.environment.merging(
            ["SECRET_KEY": "a-deployed-secret", "PASSWORD_HASH_CONCURRENCY": "1", "MEDIA_ROOT": media]) { $1 }
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }

    func post(_ client: some TestClientProtocol, _ path: String, _ body: [String: Any], token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
    }

    @Test func theAppsFlowsRunOnPostgresAndSurviveARestart() async throws {
        let environment = try await environment()
        let configuration = try ServerConfiguration.read(from: environment)
        let first = try GameAssembly(configuration)
        _ = try await first.database!.migrate()
        #expect(try await first.game.locations.seed(try Landmarks.load()).created == 9)

        let refresh = Mutex("")
        try await Application(router: first.api.router()).test(.router) { client in
            let registered = try await post(client, "/auth/register/", ["email": "ann@example.com", "password": "maple-syrup-42"])
            #expect(registered.status == .created)
            let tokens = try #require(try json(registered)["tokens"] as? [String: String])
            refresh.withLock { $0 = tokens["refresh"]! }
            let locations = try json(try await client.execute(uri: "/api/locations/", method: .get))
            #expect(locations["count"] as? Int == 9)
            let first = try #require((locations["results"] as? [[String: Any]])?.first?["location_id"] as? String)
            let visit = try await post(client, "/api/locations/\(first)/visit/", ["note": "on postgres"], token: tokens["access"])
            #expect(visit.status == .created)
            #expect(try json(visit)["total_points"] as? Int == 100)
            let health = try json(try await client.execute(uri: "/health/", method: .get))
            #expect(health["database"] as? String == "connected")
        }
        await first.database!.pool.closeIdleConnections()

        let restarted = try GameAssembly(try ServerConfiguration.read(from: environment))
        #expect(try await restarted.database!.migrate().applied.isEmpty)
        #expect(try await restarted.game.locations.seed(try Landmarks.load()).unchanged == 9)
        try await Application(router: restarted.api.router()).test(.router) { client in
            let login = try await post(client, "/auth/login/", ["email": "ann@example.com", "password": "maple-syrup-42"])
            #expect(login.status == .ok)
            #expect((try json(login)["user"] as? [String: Any])?["points"] as? Int == 100)
            let rotated = try await post(client, "/auth/token/refresh/", ["refresh": refresh.withLock { $0 }])
            #expect(rotated.status == .ok, "a refresh token survives the restart")
        }
    }

    /// As deployed against RDS: `DB_SSLMODE=verify-full` with the CA bundle in `DB_SSLROOTCERT`. Every
    /// connection the server opens, pooled or pipelined, is encrypted.
    @Test func theDeployedTLSSettingsEncryptEveryConnectionTheServerOpens() async throws {
        var environment = try await environment()
        environment["DB_SSLMODE"] = "verify-full"
        environment["DB_SSLROOTCERT"] = try TestDatabase.tlsCertificate().certificate
        let assembly = try GameAssembly(try ServerConfiguration.read(from: environment))
        _ = try await assembly.database!.migrate()
        _ = try await assembly.game.locations.seed(try Landmarks.load())
        try await Application(router: assembly.api.router()).test(.router) { client in
            let registered = try await post(client, "/auth/register/", ["email": "tls@example.com", "password": "maple-syrup-42"])
            let access = try #require((try json(registered)["tokens"] as? [String: String])?["access"])
            let me = try await client.execute(uri: "/api/users/me/", method: .get, headers: [.authorization: "Bearer \(access)"])
            #expect(me.status == .ok)
            let locations = try json(try await client.execute(uri: "/api/locations/", method: .get))
            let first = try #require((locations["results"] as? [[String: Any]])?.first?["location_id"] as? String)
            #expect(try await post(client, "/api/locations/\(first)/visit/", ["note": "over TLS"], token: access).status == .created)
        }
        let connections = Statement(
            "test_server_connections_encrypted",
            """
            SELECT count(*) AS connections, count(*) FILTER (WHERE s.ssl) AS encrypted
            FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid WHERE a.datname = $1
            """)
        let name = try #require(environment["DB_NAME"])
        let seen = try #require(try await TestDatabase.admin?.withSession { try $0.query(connections, [name]) }.first)
        #expect(try seen.int("connections") >= 2, "a pooled connection and a pipelined one")
        #expect(try seen.int("encrypted") == seen.int("connections"))
        await assembly.database!.pool.closeIdleConnections()
    }

    @Test func theServerStartsAndAnswers503WhileTheDatabaseIsDown() async throws {
        let configuration = try ServerConfiguration.read(from: [
            "SECRET_KEY": "k", "DB_HOST": "127.0.0.1", "DB_PORT": "1", "DB_SSLMODE": "disable", "DB_CONNECT_TIMEOUT": "1",
        ])
        let assembly = try GameAssembly(configuration)
        try await Application(router: assembly.api.router()).test(.router) { client in
            let health = try await client.execute(uri: "/health/", method: .get)
            #expect(health.status == .serviceUnavailable)
            let locations = try await client.execute(uri: "/api/locations/", method: .get)
            #expect(locations.status == .serviceUnavailable)
            #expect(try json(locations)["error"] as? String == "Service temporarily unavailable")
            let login = try await post(client, "/auth/login/", ["email": "ann@example.com", "password": "whatever-it-is"])
            #expect(login.status == .serviceUnavailable)
        }
    }
}
