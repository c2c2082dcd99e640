import FoundationEssentials

/// The claims of an access or refresh token, as the old backend's tokens carry them.
public struct TokenClaims: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case access
        case refresh
    }

    public var kind: Kind
    /// The `jti`: 32 hexadecimal characters.
    public var tokenID: String
    public var userID: UserID
    /// Absent from tokens minted before the old backend added it.
    public var email: String?
    /// Seconds since 1970.
    public var issuedAt: Int
    /// Seconds since 1970.
    public var expiresAt: Int

    public init(kind: Kind, tokenID: String, userID: UserID, email: String?, issuedAt: Int, expiresAt: Int) {
        self.kind = kind
        self.tokenID = tokenID
        self.userID = userID
        self.email = email
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

/// Turns claims into a signed token and back.
public protocol TokenSigner: Sendable {
    func sign(_ claims: TokenClaims) throws -> String
    /// The claims of a token whose signature and algorithm are right. Expiry is the caller's to check.
    /// Throws for anything else.
    func verify(_ token: String) throws -> TokenClaims
}
