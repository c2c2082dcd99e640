import Foundation
import MQTestSupport
import Testing

@testable import MQHTTP

@Suite("Flat request bodies read without JSONDecoder, meaning exactly what JSONDecoder reads")
struct FlatJSONObjectTests {
    /// What the body meant before the fast reader: `JSONDecoder`'s reading, `nil` when it refuses the text.
    func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(LoneSurrogates.neutralised(bytes)))
    }

    /// The fast reader either declines or agrees with `JSONDecoder`.
    func expectAgreement(_ bytes: [UInt8]) -> Bool {
        guard let fast = FlatJSONObject.parse(bytes) else { return false }
        #expect(decoded(bytes) == .object(fast), "\(String(decoding: bytes, as: UTF8.self))")
        return true
    }

    @Test func theCommonBodiesAreReadByTheFastReader() {
        #expect(FlatJSONObject.parse(Array(#"{"note": "profile"}"#.utf8)) == ["note": .string("profile")])
        #expect(
            FlatJSONObject.parse(Array(" {\"email\":\"ann@example.com\",\r\n\t\"password\" : \"maple 🍁\", \"points\": -42, \"ok\": true, \"x\": null}\n".utf8))
                == ["email": .string("ann@example.com"), "password": .string("maple 🍁"), "points": .integer(-42), "ok": .bool(true), "x": .null])
        #expect(FlatJSONObject.parse(Array("{}".utf8)) == [:])
        #expect(
            FlatJSONObject.parse(Array(#"{"a":999999999999999999,"b":-999999999999999999}"#.utf8)) == [
                "a": .integer(999_999_999_999_999_999), "b": .integer(-999_999_999_999_999_999),
            ])
    }

    @Test func anythingItIsNotSureOfIsLeftToJSONDecoder() {
        let declined = [
            #"{"a":1,"a":2}"#, #"{"a":-0}"#, #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":01}"#, #"{"a":1234567890123456789}"#,
            #"{"a":"\n"}"#, #"{"a":"\ud800"}"#, #"{"a":[1]}"#, #"{"a":{}}"#, #"{"a":1} x"#, #"{"a":1,}"#, #"{"a" 1}"#, "[]", "1", #""a""#,
            #"{"a":9999999999999999999}"#, #"{"a":-9223372036854775808}"#, #"{"a":99999999999999999999999999}"#, "\u{FEFF}{}", "{\"a\":\"\u{1}\"}",
            #"{"a":tru}"#, #"{"a":nul"#, #"{"a":"#, "{", "",
        ]
        for text in declined { #expect(FlatJSONObject.parse(Array(text.utf8)) == nil, "\(text)") }
        #expect(FlatJSONObject.parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) == nil, "bytes that are not UTF-8")
    }

    @Test func randomAndBrokenBodiesMeanWhatJSONDecoderReads() {
        var generator = SeededGenerator(seed: 2026)
        let characters: [String] = ["a", "Z", "0", " ", "é", "😀", "\u{2028}", "/", "\\\"", "\\n", "\\u00e9", "\\ud800", "\u{7F}", "\t"]
        func text() -> String { (0..<Int.random(in: 0...6, using: &generator)).map { _ in characters.randomElement(using: &generator)! }.joined() }
        func value() -> String {
            switch Int.random(in: 0..<9, using: &generator) {
            case 0: return "\"\(text())\""
            case 1: return String(Int.random(in: -999_999...999_999, using: &generator))
            case 2: return String(Int.random(in: Int.min...Int.max, using: &generator))
            case 3: return ["true", "false", "null"].randomElement(using: &generator)!
            case 4: return String(Double.random(in: -1e6...1e6, using: &generator))
            case 5: return "[\(Int.random(in: 0...9, using: &generator))]"
            case 6:
                return ["-0", "0", "-1", "1e2", "007", "12345678901234567890", "9999999999999999999", "-9223372036854775808"].randomElement(using: &generator)!
            default: return "\"\(["profile", "ann@example.com", "maple-syrup-42", ""].randomElement(using: &generator)!)\""
            }
        }
        func space() -> String { ["", " ", "\n", "\t ", "\r\n"].randomElement(using: &generator)! }
        var accepted = 0
        for round in 0..<3_000 {
            let fields = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                "\(space())\"\(Bool.random(using: &generator) ? text() : ["note", "email", "a"].randomElement(using: &generator)!)\"\(space()):\(space())\(value())\(space())"
            }
            var bytes = Array("\(space()){\(fields.joined(separator: ","))}\(space())".utf8)
            if round % 3 == 0, !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
                default: bytes[at] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            if expectAgreement(bytes) { accepted += 1 }
        }
        #expect(accepted > 500, "the fast reader reads a good share of plain bodies (\(accepted))")
    }
}
