import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MQAuth
import MQDomain
import MQHTTP
import MQStorage
import NIOCore

/// The real HTTP stack on the in-memory store, with the real token signer, password hasher (at few
/// iterations, to keep tests quick) and local photo store in a temporary directory.
struct TestServer {
    /// Deliberately shorter than 32 bytes, like the deployed key.
    static let secret = "django-insecure-short"
    static let password = "correct-horse-battery"
    static let baseURL = "http://localhost:8000"

    let store = InMemoryStore()
    let media: LocalDiskPhotoStore
    let game: MapleQuest
    let api: MapleQuestAPI

    init(
        settings: HTTPSettings = HTTPSettings(),
        passwords: DjangoPasswordHasher = DjangoPasswordHasher(iterations: 1000, concurrency: 2),
        health: (any StoreHealth)? = nil,
        limits: GameLimits = .standard,
        quota: DiskQuota = DiskQuota(),
        clock: any WallClock = SystemClock()
    ) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mq-media-\(UUID().uuidString)")
        media = LocalDiskPhotoStore(root: root, baseURL: Self.baseURL, secret: Self.secret, maximumUploadBytes: 64 * 1024, quota: quota)
        var dependencies = store.dependencies(clock: clock, passwords: passwords, tokens: HS256TokenSigner(secret: Self.secret), uploads: media)
        dependencies.limits = limits
        if let health { dependencies.health = health }
        game = MapleQuest(dependencies)
        api = MapleQuestAPI(game: game, settings: settings, media: media)
    }

    /// Runs `body` against the server; `logger` (by default one that logs only errors) is the application's.
    func test(
        _ framework: TestingSetup = .router, logger: Logger? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let logger =
            logger
            ?? {
                var quiet = Logger(label: "mq-server-test")
                quiet.logLevel = .error
                return quiet
            }()
        let app = Application(
            router: api.router(), server: MapleQuestAPI.server, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(framework, body)
    }

    /// A landmark worth `points`, straight into the store.
    func location(_ name: String = "CN Tower", points: Int = 90) async throws -> Location {
        try await store.locations.create(
            Location(
                id: String(UUID().uuidString.lowercased().prefix(10)), name: name, province: "Ontario",
                latitude: "43.64272921522629", longitude: "-79.38712117632794", description: "Tower", points: points,
                defaultImageURL: nil))
    }
}

/// A registered player as a client sees them.
struct Player {
    let id: String
    let email: String
    let access: String
    let refresh: String

    var auth: HTTPFields { [.authorization: "Bearer \(access)", .contentType: "application/json"] }
}

extension TestClientProtocol {
    @discardableResult
    func register(_ name: String, phone: String? = nil) async throws -> Player {
        var fields: [String: Any] = ["email": "\(name)@example.com", "password": TestServer.password, "first_name": name.capitalized]
        if let phone { fields["phone_no"] = phone }
        let response = try await send(.post, "/auth/register/", fields)
        guard response.status == .created else { throw TestFailure("registration failed: \(response.status) \(String(buffer: response.body))") }
        let body = try response.object()
        let user = body["user"] as! [String: Any]
        let tokens = body["tokens"] as! [String: Any]
        return Player(
            id: user["user_id"] as! String, email: user["email"] as! String,
            access: tokens["access"] as! String, refresh: tokens["refresh"] as! String)
    }

    /// Sends a JSON body (or none) with optional extra headers.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil, as player: Player? = nil, headers: HTTPFields = [:]) async throws -> TestResponse
    {
        var fields = headers
        if let player { fields[.authorization] = "Bearer \(player.access)" }
        var buffer: ByteBuffer?
        if let body {
            fields[.contentType] = "application/json"
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        return try await execute(uri: uri, method: method, headers: fields, body: buffer)
    }

    func raw(_ method: HTTPRequest.Method, _ uri: String, _ text: String, as player: Player? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if let player { fields[.authorization] = "Bearer \(player.access)" }
        fields[.contentType] = fields[.contentType] ?? "application/json"
        return try await execute(uri: uri, method: method, headers: fields, body: ByteBuffer(string: text))
    }
}

extension TestResponse {
    func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(String(buffer: body))")
        }
        return object
    }

    var text: String { String(buffer: body) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `2025-11-05T21:10:32.998848Z`
func isContractTimestamp(_ value: Any?) -> Bool {
    guard let text = value as? String else { return false }
    return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#, options: .regularExpression) != nil
}
