import Crypto
import Foundation
import MQDomain

/// JSON Web Tokens signed with HMAC-SHA256 over `SECRET_KEY`, claim for claim as the old backend
/// (djangorestframework-simplejwt) issued them, so tokens it minted keep working.
///
/// swift-crypto's HMAC is used directly rather than a JWT library: the deployed key may be shorter than
/// 32 bytes, which some libraries refuse, and verification must accept exactly `HS256` and nothing else.
public struct HS256TokenSigner: TokenSigner {
    private let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    private struct Header: Codable {
        var alg: String
        var typ: String?
    }

    /// The payload, keys in the order the old backend wrote them.
    private struct Payload: Encodable {
        var tokenType: String
        var exp: Int
        var iat: Int
        var jti: String
        var userID: String
        var email: String?

        enum CodingKeys: String, CodingKey {
            case tokenType = "token_type", exp, iat, jti, userID = "user_id", email
        }
    }

    public func sign(_ claims: TokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let header = try encoder.encode(Header(alg: "HS256", typ: "JWT"))
        let payload = try encoder.encode(Payload(
            tokenType: claims.kind.rawValue, exp: claims.expiresAt, iat: claims.issuedAt,
            jti: claims.tokenID, userID: claims.userID, email: claims.email))
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(signature))
    }

    public func verify(_ token: String) throws -> TokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = Base64URL.decode(parts[0]),
              let payloadData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2])
        else { throw InvalidToken.malformed }
        guard let header = try? JSONDecoder().decode(Header.self, from: headerData),
              header.alg == "HS256", header.typ == nil || header.typ == "JWT"
        else { throw InvalidToken.algorithm }
        let signingInput = Data(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw InvalidToken.signature
        }
        return try Self.claims(from: payloadData)
    }

    /// Reads the claims leniently where the old backend's tokens vary (a numeric `user_id`, a missing
    /// `email`) and strictly everywhere else.
    private static func claims(from payload: Data) throws -> TokenClaims {
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: payload),
              case .string(let type)? = fields["token_type"], let kind = TokenClaims.Kind(rawValue: type),
              let exp = fields["exp"]?.integerValue,
              let iat = fields["iat"]?.integerValue,
              case .string(let jti)? = fields["jti"], !jti.isEmpty,
              let userID = fields["user_id"]?.identifierText
        else { throw InvalidToken.claims }
        var email: String?
        if case .string(let value)? = fields["email"] { email = value }
        return TokenClaims(kind: kind, tokenID: jti, userID: userID, email: email, issuedAt: iat, expiresAt: exp)
    }

    enum InvalidToken: Error {
        case malformed, algorithm, signature, claims
    }
}

/// Base64 with the URL-safe alphabet and no padding, as JSON Web Tokens use it.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}
