import Crypto
import Foundation
import MQDomain
import MQTestSupport
import Testing

@testable import MQAuth

@Suite("Reading a token's JSON without JSONDecoder")
struct TokenJSONTests {
    func read(_ text: String) -> TokenJSON? { TokenJSON(Array(text.utf8)) }

    @Test func stringsIntegersAndNullAreReadAndEverythingElseIsKeptAsOther() throws {
        let object = try #require(
            read(#" { "a" : "x", "b":12, "c":null, "d":true, "e":[1,{"f":[]}], "g":1.5, "h":-0, "k":1e3, "i":"\u00e9\ud83d\ude00\n\"\\\/\t" } "#))
        #expect(object["a"] == .string("x"))
        #expect(object["b"] == .integer(12))
        #expect(object["c"] == .null)
        #expect(object["d"] == .other)
        #expect(object["e"] == .other)
        #expect(object["g"] == .other)
        #expect(object["h"] == .integer(0))
        #expect(object["k"] == .other)
        #expect(object["i"] == .string("é😀\n\"\\/\t"))
        #expect(object["missing"] == nil)
        #expect(read(#"{"n":99999999999999999999}"#)?["n"] == .other)
        #expect(read(#"{"a":1,"a":"two"}"#)?["a"] == .string("two"))
        #expect(read("{}")?.members.isEmpty == true)
    }

    @Test(arguments: [
        "", "{", "}", "{}x", "[1]", "{,}", #"{"a":}"#, #"{"a" 1}"#, #"{"a":1,}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#,
        #"{"a":-}"#, #"{"a":1e}"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\ud800"}"#,
        #"{"a":"\ud800\u0041"}"#, #"{"a":"\udc00"}"#, "{\"a\":\"raw\ttab\"}", "{\"a\":\"line\nbreak\"}", #"{"a":"open}"#,
        #"{a:1}"#, #"{"a":[1,]}"#, #"{"a":{"b"}}"#, #"{"a":'x'}"#,
    ])
    func textThatIsNotStrictJSONIsRefused(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func invalidUTF8InAStringIsRefused() {
        #expect(TokenJSON([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) == nil)
        #expect(TokenJSON([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x5C, 0x6E, 0xC3, 0x22, 0x7D]) == nil)
    }

    @Test func nestingStopsAt32Levels() {
        let nested = { (depth: Int) in #"{"a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}" }
        #expect(read(nested(32))?["a"] == .other)
        #expect(read(nested(33)) == nil)
        #expect(read(nested(10_000)) == nil)
    }

    @Test func whateverJSONEncoderWritesReadsBackTheSame() throws {
        struct Sample: Encodable {
            var text: String
            var number: Int
            var missing: String?
        }
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{2028}", "\u{FEFF}"]
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let number = Int.random(in: Int.min...Int.max, using: &generator)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let object = try #require(TokenJSON(Array(try encoder.encode(Sample(text: text, number: number)))))
            #expect(object["text"] == .string(text))
            #expect(object["number"] == .integer(number))
            #expect(object["missing"] == nil)
        }
    }

    @Test func tokensFromTheOldBackendWithOptionalOrExtraClaimsVerify() throws {
        let signer = HS256TokenSigner(secret: "test-secret")
        let claims = try signer.verify(
            token(#"{"token_type":"access","exp":2000000000,"iat":1700000000,"jti":"j1","user_id":42,"email":null,"scopes":["a",{"b":1}],"ratio":0.5}"#))
        #expect(claims.userID == "42")
        #expect(claims.email == nil)
        #expect(claims.expiresAt == 2_000_000_000)
        #expect(try signer.verify(token(#"{"token_type":"refresh","exp":2,"iat":1,"jti":"j","user_id":"u-1"}"#)).kind == .refresh)
    }

    @Test(arguments: [
        #"{"token_type":"access","exp":"2000000000","iat":1,"jti":"j","user_id":"u"}"#,
        #"{"token_type":"access","exp":2.5,"iat":1,"jti":"j","user_id":"u"}"#,
        #"{"token_type":"access","exp":2,"iat":1,"jti":"","user_id":"u"}"#,
        #"{"token_type":"access","exp":2,"iat":1,"jti":"j","user_id":"u","email":5}"#,
        #"{"token_type":"access","exp":2,"iat":1,"jti":"j","user_id":true}"#,
        #"{"token_type":"session","exp":2,"iat":1,"jti":"j","user_id":"u"}"#,
        #"{"token_type":"access","exp":2,"iat":1,"jti":"j","user_id":"u"} trailing"#,
    ])
    func tokensWithClaimsOfTheWrongShapeAreRefused(_ payload: String) {
        #expect(throws: (any Error).self) { try HS256TokenSigner(secret: "test-secret").verify(token(payload)) }
    }

    @Test(arguments: [#"{"alg":"HS256","typ":"JWS"}"#, #"{"alg":"none"}"#, #"{"alg":"HS256","typ":1}"#, #"{"typ":"JWT"}"#])
    func headersOtherThanHS256AreRefused(_ header: String) {
        let payload = #"{"token_type":"access","exp":2,"iat":1,"jti":"j","user_id":"u"}"#
        #expect(throws: (any Error).self) { try HS256TokenSigner(secret: "test-secret").verify(token(payload, header: header)) }
    }

    /// Tokens with the usual header skip reading it, so that header must be exactly what the signer
    /// writes, and skipping it must not skip the signature.
    @Test func theUsualHeaderIsTheSignersAndStillNeedsTheRightSignature() throws {
        let signer = HS256TokenSigner(secret: "test-secret")
        let claims = TokenClaims(kind: .access, tokenID: "j", userID: "u", email: nil, issuedAt: 1, expiresAt: 2)
        let signed = try signer.sign(claims)
        #expect(Array(signed.utf8.prefix { $0 != UInt8(ascii: ".") }) == HS256TokenSigner.usualHeader)
        #expect(Base64URL.decode(HS256TokenSigner.usualHeader[...]) == Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        #expect(try signer.verify(signed) == claims)
        let payload = #"{"token_type":"access","exp":2,"iat":1,"jti":"j","user_id":"u"}"#
        #expect(try signer.verify(token(payload, header: #"{"alg":"HS256","typ":"JWT"}"#)).userID == "u")
        #expect(throws: (any Error).self) { try HS256TokenSigner(secret: "another-secret").verify(signed) }
        var tampered = Array(signed.utf8)
        tampered[tampered.count - 2] = tampered[tampered.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: (any Error).self) { try signer.verify(String(decoding: tampered, as: UTF8.self)) }
    }

    /// A token signed with `test-secret`, carrying exactly these JSON texts.
    func token(_ payload: String, header: String = #"{"alg":"HS256","typ":null}"#) -> String {
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(payload.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data("test-secret".utf8)))
        return input + "." + Base64URL.encode(Data(signature))
    }
}
