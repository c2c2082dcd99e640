import FoundationEssentials
import MQDomain
import NIOHTTP1

/// The task role's credentials on ECS (and EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
/// against the agent at `http://169.254.170.2`, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` with an
/// `Authorization` token from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
///
/// A full URI must be https, or http to a loopback address or to the ECS/EKS link-local agents, so that
/// a misconfigured variable cannot send the authorization token anywhere else.
public struct ContainerCredentialsProvider: CredentialsProvider {
    public static let agentBase = "http://169.254.170.2"
    static let linkLocalAgents: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"]

    let environment: [String: String]
    let agentBase: String
    let http: CredentialsHTTPClient

    /// - Parameter agentBase: where relative URIs point; only tests change it.
    public init(environment: [String: String], agentBase: String = ContainerCredentialsProvider.agentBase) {
        self.environment = environment
        self.agentBase = agentBase
        http = CredentialsHTTPClient()
    }

    public func credentials() async throws -> AWSCredentials {
        let url: String
        var headers: [(String, String)] = []
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = agentBase + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            guard Self.isAllowedFullURI(full) else {
                throw CredentialsError.unavailable(
                    "refusing AWS_CONTAINER_CREDENTIALS_FULL_URI: it must be https, or http to a loopback or ECS/EKS agent address")
            }
            url = full
            if let token = try authorizationToken() { headers.append(("Authorization", token)) }
        } else {
            throw CredentialsError.notConfigured
        }
        let response: CredentialsHTTPClient.Response
        do {
            response = try await http.send(.GET, url, headers: headers)
        } catch {
            throw CredentialsError.unavailable("the container credentials endpoint did not answer: \(error)")
        }
        guard response.status == 200 else {
            throw CredentialsError.unavailable("the container credentials endpoint answered \(response.status)")
        }
        return try CredentialsDocument.parse(response.body)
    }

    /// The token file wins over the variable; it is read on every fetch because the agent rotates it.
    private func authorizationToken() throws -> String? {
        var token: String?
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CredentialsError.unavailable("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            }
            token = contents.trimmingWhitespace()
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
            token = value
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw CredentialsError.unavailable("the container authorization token contains a line break")
        }
        return token
    }

    static func isAllowedFullURI(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            var host = components.host?.lowercased(), !host.isEmpty
        else { return false }
        if scheme == "https" { return true }
        guard scheme == "http" else { return false }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || linkLocalAgents.contains(host) { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
