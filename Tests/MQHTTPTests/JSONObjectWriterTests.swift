import Foundation
import MQDomain
import MQTestSupport
import NIOCore
import Testing

@testable import MQHTTP

@Suite("Profiles and friend requests written without JSONEncoder, byte for byte as JSONEncoder writes them")
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

    @Test func randomProfilesFriendsListsAndFriendRequestsAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = SeededGenerator(seed: 7)
        var circle: [UserProfileJSON] = []
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
            circle.append(profile)
        }
        for size in [0, 1, 2, 500] {
            let friends = FriendsJSON(friends: Array(circle.prefix(size)), count: size)
            #expect(friends.json() == Array(try Self.encoder.encode(friends)), "a list of \(size)")
        }
        let statuses: [FriendRequest.Status] = [.pending, .accepted, .rejected]
        for (index, (from, to)) in zip(circle, circle.reversed()).enumerated() {
            let moment = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)))
            let request = FriendRequest(
                id: Int.random(in: 1...Int.max, using: &generator), fromUserID: from.user.id, toUserID: to.user.id,
                status: statuses[index % statuses.count], createdAt: moment, updatedAt: moment.addingTimeInterval(0.25))
            let answer = FriendRequestJSON(FriendRequestDetails(request: request, from: from.user, to: to.user))
            #expect(answer.json() == Array(try Self.encoder.encode(answer)), "\(request)")
            let outcome = AddFriendJSON(message: text(), friendRequest: answer)
            #expect(outcome.json() == Array(try Self.encoder.encode(outcome)), "\(request)")
        }
    }

    /// The writer starts with room for a kilobyte and grows as it writes: an answer many times that long,
    /// escapes straddling each growth, comes out whole, and as a response body the same bytes.
    @Test func anAnswerLongerThanTheWritersFirstBufferComesOutWhole() throws {
        let long = String(repeating: "Lake Louise \"turquoise\"\n/", count: 700)
        let user = User(
            id: "player-1", email: long, passwordHash: "", firstName: long, lastName: "é😀", phoneNumber: long, points: 42,
            profilePictureURL: "", createdAt: nil)
        let profile = UserProfileJSON(user: user)
        let written = profile.json()
        #expect(written.count > 50_000)
        #expect(written == Array(try Self.encoder.encode(profile)))
        var body = profile.jsonBuffer()
        #expect(body.readBytes(length: body.readableBytes) == written)
    }

    /// Text is scanned eight bytes at a time: a character to escape is found at every position of a
    /// word and of the bytes after the last whole word, next to one-byte and multi-byte neighbours.
    @Test func aCharacterToEscapeIsFoundAtEveryPositionOfLongText() throws {
        let neighbours = ["a", " ", "!", "#", "[", "]", "é", "😀", "\u{7F}"]
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{8}"] {
            for neighbour in neighbours {
                for length in 1...40 {
                    for position in 0..<length {
                        var characters = Array(repeating: neighbour, count: length)
                        characters[position] = special
                        let text = characters.joined()
                        let profile = UserProfileJSON(
                            user: User(
                                id: "p", email: "", passwordHash: "", firstName: text, lastName: "", phoneNumber: nil, points: 0,
                                profilePictureURL: "", createdAt: nil))
                        #expect(profile.json() == Array(try Self.encoder.encode(profile)), "\(text.debugDescription)")
                    }
                }
            }
        }
    }

    /// The word test agrees with a byte-by-byte test: every byte value at every position of a word whose
    /// other bytes sit just above, at or just below the limits, where a borrow could mislead it.
    @Test func theEightByteTestAgreesWithTheByteByByteTest() {
        func needsEscaping(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } }
        var generator = SeededGenerator(seed: 11)
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA0, 0xDC, 0xFF]
        for value in 0...255 {
            for position in 0..<8 {
                for _ in 0..<20 {
                    var bytes = (0..<8).map { _ in edges.randomElement(using: &generator)! }
                    bytes[position] = UInt8(value)
                    #expect(JSONObjectWriter.anyNeedsEscaping(word(bytes)) == bytes.contains(where: needsEscaping), "\(bytes)")
                }
            }
        }
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(JSONObjectWriter.anyNeedsEscaping(word(bytes)) == bytes.contains(where: needsEscaping), "\(bytes)")
        }
    }
}
