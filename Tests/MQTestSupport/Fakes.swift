import Foundation
import MQDomain
import Synchronization

/// A clock the test sets and moves.
public final class TestClock: WallClock {
    public init() {}

    private let current = Mutex(Date(timeIntervalSince1970: 1_764_000_000))

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Stores passwords as `plain$<password>` and counts how often it was asked to check a missing account.
public final class FakePasswordHasher: PasswordHasher {
    public init() {}

    private let decoyChecks = Mutex(0)

    public var checksWithoutAccount: Int { decoyChecks.withLock { $0 } }

    public func hash(_ password: String) async throws -> String { "plain$" + password }

    public func verify(_ password: String, against encoded: String?) async throws -> Bool {
        guard let encoded else {
            decoyChecks.withLock { $0 += 1 }
            return false
        }
        return encoded == "plain$" + password
    }
}

/// Tokens as readable JSON behind a `fake.` prefix: the domain's rules, not cryptography, are under test.
public struct FakeTokenSigner: TokenSigner {
    public init() {}

    private struct Wire: Codable {
        var kind: String, jti: String, user: String, email: String?, iat: Int, exp: Int
    }

    public struct Refused: Error {}

    public func sign(_ claims: TokenClaims) throws -> String {
        let wire = Wire(
            kind: claims.kind.rawValue, jti: claims.tokenID, user: claims.userID, email: claims.email,
            iat: claims.issuedAt, exp: claims.expiresAt)
        return "fake." + (try JSONEncoder().encode(wire)).base64EncodedString()
    }

    public func verify(_ token: String) throws -> TokenClaims {
        guard token.hasPrefix("fake."), let data = Data(base64Encoded: String(token.dropFirst(5))),
            let wire = try? JSONDecoder().decode(Wire.self, from: data), let kind = TokenClaims.Kind(rawValue: wire.kind)
        else { throw Refused() }
        return TokenClaims(kind: kind, tokenID: wire.jti, userID: wire.user, email: wire.email, issuedAt: wire.iat, expiresAt: wire.exp)
    }
}

/// Photo storage at `https://photos.test/`, which can be told to fail.
public final class FakeUploadSigner: UploadSigner {
    public static let base = "https://photos.test/"
    private let failing = Mutex(false)

    public struct Unavailable: Error {}

    public init() {}

    public func fail(_ shouldFail: Bool) { failing.withLock { $0 = shouldFail } }

    public func signUpload(key: String, contentType: String, expiresIn: Int) async throws -> SignedUpload {
        if failing.withLock({ $0 }) { throw Unavailable() }
        return SignedUpload(uploadURL: Self.base + "upload/" + key + "?type=" + contentType, publicURL: publicURL(forKey: key))
    }

    public func publicURL(forKey key: String) -> String { Self.base + key }

    public func key(forPublicURL url: String) -> String? {
        url.hasPrefix(Self.base) ? String(url.dropFirst(Self.base.count)) : nil
    }
}
