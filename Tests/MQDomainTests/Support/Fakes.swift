import Foundation
import MQDomain
import Synchronization

/// A clock the test sets and moves.
final class TestClock: WallClock {
    private let current = Mutex(Date(timeIntervalSince1970: 1_764_000_000))

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Stores passwords as `plain$<password>` and counts how often it was asked to check a missing account.
final class FakePasswordHasher: PasswordHasher {
    private let decoyChecks = Mutex(0)

    var checksWithoutAccount: Int { decoyChecks.withLock { $0 } }

    func hash(_ password: String) async throws -> String { "plain$" + password }

    func verify(_ password: String, against encoded: String?) async throws -> Bool {
        guard let encoded else {
            decoyChecks.withLock { $0 += 1 }
            return false
        }
        return encoded == "plain$" + password
    }
}

/// Tokens as readable JSON behind a `fake.` prefix: the domain's rules, not cryptography, are under test.
struct FakeTokenSigner: TokenSigner {
    private struct Wire: Codable {
        var kind: String, jti: String, user: String, email: String?, iat: Int, exp: Int
    }

    struct Refused: Error {}

    func sign(_ claims: TokenClaims) throws -> String {
        let wire = Wire(kind: claims.kind.rawValue, jti: claims.tokenID, user: claims.userID, email: claims.email,
                        iat: claims.issuedAt, exp: claims.expiresAt)
        return "fake." + (try JSONEncoder().encode(wire)).base64EncodedString()
    }

    func verify(_ token: String) throws -> TokenClaims {
        guard token.hasPrefix("fake."), let data = Data(base64Encoded: String(token.dropFirst(5))),
              let wire = try? JSONDecoder().decode(Wire.self, from: data), let kind = TokenClaims.Kind(rawValue: wire.kind)
        else { throw Refused() }
        return TokenClaims(kind: kind, tokenID: wire.jti, userID: wire.user, email: wire.email, issuedAt: wire.iat, expiresAt: wire.exp)
    }
}

/// Photo storage at `https://photos.test/`, which can be told to fail.
final class FakeUploadSigner: UploadSigner {
    static let base = "https://photos.test/"
    private let failing = Mutex(false)

    struct Unavailable: Error {}

    func fail(_ shouldFail: Bool) { failing.withLock { $0 = shouldFail } }

    func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        if failing.withLock({ $0 }) { throw Unavailable() }
        return SignedUpload(uploadURL: Self.base + "upload/" + key + "?type=" + contentType, publicURL: publicURL(forKey: key))
    }

    func publicURL(forKey key: String) -> String { Self.base + key }

    func key(forPublicURL url: String) -> String? {
        url.hasPrefix(Self.base) ? String(url.dropFirst(Self.base.count)) : nil
    }
}
