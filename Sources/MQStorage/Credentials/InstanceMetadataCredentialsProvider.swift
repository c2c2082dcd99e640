import FoundationEssentials
import NIOCore
import NIOHTTP1

/// The instance role's credentials from EC2 instance metadata, with IMDSv2's session token.
/// Off EC2 the endpoint does not answer, which counts as "not configured" after a short time-out.
public struct InstanceMetadataCredentialsProvider: CredentialsProvider {
    public static let defaultEndpoint = "http://169.254.169.254"

    let endpoint: String
    let disabled: Bool
    let http = CredentialsHTTPClient(timeout: .seconds(1))

    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves the endpoint; `AWS_EC2_METADATA_DISABLED=true` turns it off.
    public init(environment: [String: String]) {
        let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultEndpoint
        endpoint = configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        disabled = environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
    }

    public func credentials() async throws -> AWSCredentials {
        guard !disabled else { throw CredentialsError.notConfigured }
        let session: CredentialsHTTPClient.Response
        do {
            session = try await http.send(.PUT, "\(endpoint)/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        } catch {
            throw CredentialsError.notConfigured
        }
        guard session.status == 200, let token = String(data: session.body, encoding: .utf8), !token.isEmpty else {
            throw CredentialsError.unavailable("instance metadata refused a session token (\(session.status))")
        }
        let authorised = [("X-aws-ec2-metadata-token", token)]
        let roles = try await http.send(.GET, "\(endpoint)/latest/meta-data/iam/security-credentials/", headers: authorised)
        guard roles.status == 200, let role = String(data: roles.body, encoding: .utf8)?.split(whereSeparator: \.isNewline).first,
            role.allSatisfy({ $0.isLetter || $0.isNumber || "+=,.@_-".contains($0) })
        else { throw CredentialsError.unavailable("the instance has no role (\(roles.status))") }
        let document = try await http.send(.GET, "\(endpoint)/latest/meta-data/iam/security-credentials/\(role)", headers: authorised)
        guard document.status == 200 else { throw CredentialsError.unavailable("instance metadata answered \(document.status)") }
        return try CredentialsDocument.parse(document.body)
    }
}
