import AsyncHTTPClient
import FoundationEssentials
import NIOCore
import NIOHTTP1

/// The few HTTP calls credential providers make, with short time-outs: metadata endpoints answer in
/// milliseconds or not at all.
struct CredentialsHTTPClient: Sendable {
    struct Response {
        var status: Int
        var body: Data
    }

    var timeout: TimeAmount = .seconds(2)

    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = []) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 64 * 1024)
        return Response(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}

/// The JSON the ECS and EC2 credential endpoints answer with.
struct CredentialsDocument: Decodable {
    var accessKeyID: String
    var secretAccessKey: String
    var token: String?
    var expiration: String?
    var code: String?

    enum CodingKeys: String, CodingKey {
        case accessKeyID = "AccessKeyId", secretAccessKey = "SecretAccessKey", token = "Token", expiration = "Expiration", code = "Code"
    }

    func credentials() throws -> AWSCredentials {
        if let code, code != "Success" { throw CredentialsError.unavailable("the endpoint answered \(code)") }
        guard !accessKeyID.isEmpty, !secretAccessKey.isEmpty else { throw CredentialsError.unavailable("the endpoint sent empty keys") }
        var expiry: Date?
        if let text = expiration {
            guard let date = Self.parseDate(text) else { throw CredentialsError.unavailable("unreadable Expiration") }
            expiry = date
        }
        return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: token, expiration: expiry)
    }

    static func parse(_ data: Data) throws -> AWSCredentials {
        guard let document = try? JSONDecoder().decode(CredentialsDocument.self, from: data) else {
            throw CredentialsError.unavailable("the endpoint's answer is not a credentials document")
        }
        return try document.credentials()
    }

    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
