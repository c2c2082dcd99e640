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
}
