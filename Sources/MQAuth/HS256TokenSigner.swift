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
    /// An HMAC already keyed: copied for each token, so verifying does not pad and hash the key again.
    private let keyed: HMAC<SHA256>

    public init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
        keyed = HMAC<SHA256>(key: key)
    }

    /// The payload as signed, keys in the order the old backend wrote them. Tokens are read with
    /// ``TokenJSON``: leniently where the old backend's tokens vary (a numeric `user_id`, no `email`),
    /// strictly everywhere else.
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
        let payload = try encoder.encode(
            Payload(
                tokenType: claims.kind.rawValue, exp: claims.expiresAt, iat: claims.issuedAt,
                jti: claims.tokenID, userID: claims.userID, email: claims.email))
        let signingInput = String(decoding: Self.usualHeader, as: UTF8.self) + "." + Base64URL.encode(payload)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(signature))
    }

    public func verify(_ token: String) throws -> TokenClaims {
        let bytes = Array(token.utf8)
        guard let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = bytes[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !bytes[(secondDot + 1)...].contains(UInt8(ascii: ".")),
            let payloadBytes = Base64URL.decode(bytes[(firstDot + 1)..<secondDot]),
            let signature = Base64URL.decode(bytes[(secondDot + 1)...])
        else { throw InvalidToken.malformed }
        if !bytes[..<firstDot].elementsEqual(Self.usualHeader) {
            guard let headerBytes = Base64URL.decode(bytes[..<firstDot]) else { throw InvalidToken.malformed }
            guard let header = TokenJSON(headerBytes), header["alg"] == .string("HS256"),
                [nil, .null, .string("JWT")].contains(header["typ"])
            else { throw InvalidToken.algorithm }
        }
        var mac = keyed
        mac.update(data: bytes[..<secondDot])
        // `==` against bytes is swift-crypto's constant-time comparison.
        guard mac.finalize() == signature else { throw InvalidToken.signature }
        guard let payload = TokenJSON(payloadBytes), case .string(let tokenType) = payload["token_type"],
            let kind = TokenClaims.Kind(rawValue: tokenType), case .integer(let expiresAt) = payload["exp"],
            case .integer(let issuedAt) = payload["iat"], case .string(let tokenID) = payload["jti"], !tokenID.isEmpty,
            let userID = Self.identifier(payload["user_id"]), let email = Self.optionalText(payload["email"])
        else { throw InvalidToken.claims }
        return TokenClaims(kind: kind, tokenID: tokenID, userID: userID, email: email, issuedAt: issuedAt, expiresAt: expiresAt)
    }

    /// A `user_id`: a string, or an integer read as its decimal text (the old backend's tokens vary).
    private static func identifier(_ value: TokenJSON.Value?) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }

    /// `{"alg":"HS256","typ":"JWT"}` encoded, as the old backend (PyJWT) writes it and ``sign(_:)`` writes
    /// it on every token (`JSONEncoder` would order the two keys differently from one process to the next).
    /// A token carrying exactly these bytes has its header accepted without decoding and parsing it (a
    /// tenth of checking a token); any other header is read in full.
    static let usualHeader = Array("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9".utf8)

    /// An optional string claim: `.some(nil)` when absent or `null`, `nil` when it is not a string.
    private static func optionalText(_ value: TokenJSON.Value?) -> String?? {
        switch value {
        case nil, .null: .some(nil)
        case .string(let text): .some(text)
        default: nil
        }
    }

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
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 4 != 1 else { return nil }
        // Written into place through pointers: appending byte by byte, with a capacity and uniqueness check
        // each time, cost 40 instructions a character.
        var valid = true
        let output = [UInt8](unsafeUninitializedCapacity: text.count * 3 / 4) { buffer, count in
            var accumulator: UInt32 = 0
            var bits = 0
            var written = 0
            text.withUnsafeBufferPointer { input in
                sextets.withUnsafeBufferPointer { sextets in
                    for byte in input {
                        let value = sextets[Int(byte)]
                        guard value != 0xFF else {
                            valid = false
                            return
                        }
                        accumulator = (accumulator << 6) | UInt32(value)
                        bits += 6
                        if bits >= 8 {
                            bits -= 8
                            buffer[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                            written += 1
                        }
                    }
                }
            }
            count = written
        }
        return valid ? output : nil
    }

    /// Each byte's value in the URL-safe alphabet, or `0xFF` for a byte outside it: one load per byte.
    private static let sextets: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt8(byte) - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: 0xFF
        }
    }
}
