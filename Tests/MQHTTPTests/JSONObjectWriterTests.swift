import Foundation
import MQDomain
import MQTestSupport
import Testing

@testable import MQHTTP

@Suite("Profiles written without JSONEncoder, byte for byte as JSONEncoder writes them")
struct JSONObjectWriterTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    @Test func everyCharacterJSONEncoderEscapesIsEscapedTheSameWay() throws {
        let everyASCII = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let user = User(
            id: everyASCII, email: "é€😀\u{2028}\u{FEFF}/", passwordHash: "", firstName: "", lastName: "\u{0}\u{1F}\u{7F}",
            phoneNumber: nil, points: Int.min, profilePictureURL: "https://cdn.example/a b.jpg", createdAt: nil)
        let profile = UserProfileJSON(user: user)
        #expect(String(decoding: profile.json(), as: UTF8.self) == String(decoding: try Self.encoder.encode(profile), as: UTF8.self))
    }

    @Test func randomProfilesAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1B}", "é", "😀", "\u{7F}"]
        func text() -> String {
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for _ in 0..<500 {
            let user = User(
                id: text(), email: text(), passwordHash: text(), firstName: text(), lastName: text(),
                phoneNumber: Bool.random(using: &generator) ? nil : text(), points: Int.random(in: Int.min...Int.max, using: &generator),
                profilePictureURL: text(),
                createdAt: Bool.random(using: &generator) ? nil : Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator))),
                isStaff: Bool.random(using: &generator))
            let profile = UserProfileJSON(user: user)
            #expect(profile.json() == Array(try Self.encoder.encode(profile)), "\(user)")
        }
    }
}
