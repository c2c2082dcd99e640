import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MQDomain
import MQHTTP
import MQPersistence
import MQTestSupport

@testable import mq_server

/// The two stores a whole server runs on, each built from the environment a deployment passes.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory
    case postgres

    var description: String { rawValue }

    /// A server on a fresh store, seeded with the landmarks; `extra` adds or overrides variables.
    func assembly(_ extra: [String: String] = [:]) async throws -> GameAssembly {
        // A long pool wait and connect timeout: the suite runs every test at once on two cores, and a test
        // must not fail for want of CPU. Tests about timeouts set their own.
        var environment = [
            "SECRET_KEY": "hostile-input-suite", "PASSWORD_HASH_CONCURRENCY": "1",
            "DB_ACQUIRE_TIMEOUT": "120", "DB_CONNECT_TIMEOUT": "60",
            "MEDIA_ROOT": FileManager.default.temporaryDirectory.appendingPathComponent("mq-\(UUID().uuidString)").path,
        ]
        if self == .postgres { environment.merge(try await Self.freshDatabase()) { $1 } }
        environment.merge(extra) { $1 }
        let assembly = try GameAssembly(try ServerConfiguration.read(from: environment))
        if let database = assembly.database { _ = try await database.migrate() }
        _ = try await assembly.game.locations.seed(try Landmarks.load())
        return assembly
    }

    /// The `DB_*` variables of a new, empty database on the test cluster (skipping the test without one).
    static func freshDatabase() async throws -> [String: String] {
        try await TestDatabase.fresh().environment
    }
}

extension GameAssembly {
    /// Runs `body` against this server's real router and channel setup.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: api.router(), server: MapleQuestAPI.server).test(.router, body)
    }
}

/// A client's view of one player.
struct SignedInPlayer: Sendable {
    let id: String
    let access: String
    let refresh: String
}

extension TestClientProtocol {
    /// Sends `body` as JSON (or raw text when it is a `String`), with a bearer token when given.
    func json(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let buffer: ByteBuffer? =
            switch body {
            case nil: nil
            case let text as String: ByteBuffer(string: text)
            case let object?: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
            }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer)
    }

    func signUp(_ name: String) async throws -> SignedInPlayer {
        let response = try await json(.post, "/auth/register/", ["email": "\(name)@example.com", "password": "maple-syrup-42"])
        let body = try response.jsonObject()
        guard let user = body["user"] as? [String: Any], let tokens = body["tokens"] as? [String: String] else {
            throw StoreTestFailure("registration failed: \(response.status) \(String(buffer: response.body))")
        }
        return SignedInPlayer(id: user["user_id"] as! String, access: tokens["access"]!, refresh: tokens["refresh"]!)
    }
}

extension TestResponse {
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) as? [String: Any] else {
            throw StoreTestFailure("not a JSON object: \(String(buffer: body))")
        }
        return object
    }
}

struct StoreTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
