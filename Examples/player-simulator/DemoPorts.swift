import Foundation
import MQDomain

/// Stand-ins for the ports a real server fills with Django's password hashing, HS256 tokens and S3. They are
/// enough for a simulation and unsafe anywhere else: nothing here is secret.
struct DemoPasswords: PasswordHasher {
    func hash(_ password: String) async throws -> String { "demo$" + password }
    func verify(_ password: String, against encoded: String?) async throws -> Bool { encoded == "demo$" + password }
}

/// Tokens as readable JSON, unsigned.
struct DemoTokens: TokenSigner {
    func sign(_ claims: TokenClaims) throws -> String {
        String(decoding: try JSONEncoder().encode(DemoClaims(claims)), as: UTF8.self)
    }

    func verify(_ token: String) throws -> TokenClaims {
        try JSONDecoder().decode(DemoClaims.self, from: Data(token.utf8)).claims
    }
}

/// Uploads "stored" under a made-up host; nothing is ever uploaded.
struct DemoUploads: UploadSigner {
    static let base = "https://photos.simulator.example/"

    static func publicURL(player: UserID, name: String) -> String { base + "images/\(player)/" + name }

    func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        SignedUpload(uploadURL: Self.base + "upload/" + key, publicURL: publicURL(forKey: key))
    }

    func publicURL(forKey key: String) -> String { Self.base + key }

    func key(forPublicURL url: String) -> String? { url.hasPrefix(Self.base) ? String(url.dropFirst(Self.base.count)) : nil }
}

/// ``TokenClaims`` as JSON.
struct DemoClaims: Codable {
    var kind: String, tokenID: String, userID: String, email: String?, issuedAt: Int, expiresAt: Int

    init(_ claims: TokenClaims) {
        (kind, tokenID, userID, email, issuedAt, expiresAt) =
            (claims.kind.rawValue, claims.tokenID, claims.userID, claims.email, claims.issuedAt, claims.expiresAt)
    }

    var claims: TokenClaims {
        get throws {
            guard let kind = TokenClaims.Kind(rawValue: kind) else { throw CocoaError(.coderInvalidValue) }
            return TokenClaims(kind: kind, tokenID: tokenID, userID: userID, email: email, issuedAt: issuedAt, expiresAt: expiresAt)
        }
    }
}
