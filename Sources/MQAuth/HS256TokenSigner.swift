import Crypto
import FoundationEssentials
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

    /// The payload, keys in the order the old backend wrote them. Reading is lenient where the old
    /// backend's tokens vary (a numeric `user_id`, no `email`) and strict everywhere else.
    private struct Payload: Codable {
        var tokenType: String
        var exp: Int
        var iat: Int
        var jti: String
        var userID: Identifier
        var email: String?

        enum CodingKeys: String, CodingKey {
            case tokenType = "token_type", exp, iat, jti, userID = "user_id", email
        }
    }

    /// A `user_id`: written as a string; read from a string or an integer (as its decimal text).
    private struct Identifier: Codable {
        var text: String

        init(_ text: String) {
            self.text = text
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                text = String(try container.decode(Int.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    public func sign(_ claims: TokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let header = try encoder.encode(Header(alg: "HS256", typ: "JWT"))
        let payload = try encoder.encode(
            Payload(
                tokenType: claims.kind.rawValue, exp: claims.expiresAt, iat: claims.issuedAt,
                jti: claims.tokenID, userID: Identifier(claims.userID), email: claims.email))
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(signature))
    }

    public func verify(_ token: String) throws -> TokenClaims {
        let bytes = Array(token.utf8)
        guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = bytes[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !bytes[(secondDot + 1)...].contains(UInt8(ascii: ".")),
            let headerData = Base64URL.decode(bytes[..<firstDot]),
            let payloadData = Base64URL.decode(bytes[(firstDot + 1)..<secondDot]),
            let signature = Base64URL.decode(bytes[(secondDot + 1)...])
        else { throw InvalidToken.malformed }
        guard let header = try? Self.decoder.decode(Header.self, from: headerData),
            header.alg == "HS256", header.typ == nil || header.typ == "JWT"
        else { throw InvalidToken.algorithm }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: bytes[..<secondDot], using: key) else {
            throw InvalidToken.signature
        }
        guard let payload = try? Self.decoder.decode(Payload.self, from: payloadData),
            let kind = TokenClaims.Kind(rawValue: payload.tokenType), !payload.jti.isEmpty
        else { throw InvalidToken.claims }
        return TokenClaims(
            kind: kind, tokenID: payload.jti, userID: payload.userID.text, email: payload.email,
            issuedAt: payload.iat, expiresAt: payload.exp)
    }

    private static let decoder = JSONDecoder()

    enum InvalidToken: Error {
        case malformed, algorithm, signature, claims
    }
}

/// Base64 with the URL-safe alphabet and no padding, as JSON Web Tokens use it.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        var text = data.base64EncodedString()
        text = String(
            text.unicodeScalars.compactMap { scalar -> Character? in
                switch scalar {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: Character(scalar)
                }
            })
        return text
    }

    /// Decodes unpadded base64url; `nil` for any other byte or an impossible length.
    static func decode(_ text: ArraySlice<UInt8>) -> Data? {
        guard text.count % 4 != 1 else { return nil }
        // Into an array first: appending to `Data` byte by byte cost a third of verifying a token.
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            guard let value = sextet(byte) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return Data(output)
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
