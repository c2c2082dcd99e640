import FoundationEssentials

/// An access key pair, with the session token and expiry that temporary credentials carry.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// `nil` for long-lived keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }
}

/// Somewhere credentials come from.
public protocol CredentialsProvider: Sendable {
    /// Fresh credentials, or a thrown ``CredentialsError``.
    func credentials() async throws -> AWSCredentials
}

/// Why no credentials could be had.
public enum CredentialsError: Error, Equatable, CustomStringConvertible {
    /// No source in the chain is configured here.
    case notConfigured
    /// A configured source refused or failed.
    case unavailable(String)

    public var description: String {
        switch self {
        case .notConfigured: "no AWS credentials are configured (environment, ECS task role or EC2 instance role)"
        case .unavailable(let reason): "AWS credentials unavailable: \(reason)"
        }
    }
}
