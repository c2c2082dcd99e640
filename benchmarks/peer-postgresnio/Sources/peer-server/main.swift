import Crypto
import Foundation
import Hummingbird
import Logging
import PostgresNIO

/// GET /api/users/me/ as mq-server answers it: verify the HS256 access token the benchmark minted,
/// read the player's row, answer the profile as JSON. Configured by the same DB_* variables, SECRET_KEY,
/// HOST, PORT and DB_POOL_SIZE.
let environment = ProcessInfo.processInfo.environment
let secret = SymmetricKey(data: Data((environment["SECRET_KEY"] ?? "").utf8))
var logger = Logger(label: "peer")
logger.logLevel = .error

var database = PostgresClient.Configuration(
    host: environment["DB_HOST"] ?? "127.0.0.1", port: Int(environment["DB_PORT"] ?? "") ?? 5432,
    username: environment["DB_USER"] ?? "postgres", password: environment["DB_PASSWORD"],
    database: environment["DB_NAME"] ?? "postgres", tls: .disable)
database.options.maximumConnections = Int(environment["DB_POOL_SIZE"] ?? "") ?? 8
let client = PostgresClient(configuration: database, backgroundLogger: logger)

struct Profile: Encodable {
    let user_id: String
    let email: String
    let first_name: String
    let last_name: String
    let phone_no: String?
    let points: Int
    let profile_pic_url: String?
    let created_at: Date
}

struct Claims: Decodable {
    let token_type: String
    let exp: Double
    let user_id: String
}

func base64URL(_ text: Substring) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
}

/// The player a valid, unexpired HS256 access token names.
func player(from authorization: String?) -> String? {
    guard let authorization, authorization.hasPrefix("Bearer ") else { return nil }
    let parts = authorization.dropFirst(7).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let signature = base64URL(parts[2]), let payload = base64URL(parts[1]) else { return nil }
    let signed = Data("\(parts[0]).\(parts[1])".utf8)
    guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: secret),
        let claims = try? JSONDecoder().decode(Claims.self, from: payload),
        claims.token_type == "access", claims.exp > Date().timeIntervalSince1970
    else { return nil }
    return claims.user_id
}

let encoder = JSONEncoder()
encoder.dateEncodingStrategy = .iso8601

let router = Router()
router.get("/api/users/me/") { request, _ -> Response in
    guard let id = player(from: request.headers[.authorization]) else { return Response(status: .unauthorized) }
    let rows = try await client.query(
        """
        SELECT "userId", email, first_name, last_name, phone_no, points, profile_pic_url, created_at
        FROM core_user WHERE "userId" = \(id)
        """, logger: logger)
    for try await (userID, email, first, last, phone, points, picture, created) in rows.decode(
        (String, String, String, String, String?, Int, String?, Date).self)
    {
        let body = try encoder.encode(
            Profile(
                user_id: userID, email: email, first_name: first, last_name: last, phone_no: phone, points: points,
                profile_pic_url: picture, created_at: created))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
    return Response(status: .unauthorized)
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname(environment["HOST"] ?? "127.0.0.1", port: Int(environment["PORT"] ?? "") ?? 8001)),
    services: [client],
    logger: logger)
try await app.runService()
