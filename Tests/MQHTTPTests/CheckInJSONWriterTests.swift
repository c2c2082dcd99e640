import Foundation
import MQDomain
import MQTestSupport
import Testing

@testable import MQHTTP

@Suite("Check-in answers written without JSONEncoder, byte for byte as JSONEncoder writes them")
struct CheckInJSONWriterTests {
    /// Random game values whose text holds every character JSONEncoder treats specially.
    struct Samples {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Character] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1B}", "é", "😀", "\u{7F}", "\u{2028}",
        ]

        mutating func text() -> String {
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }

        mutating func number() -> Int { Int.random(in: Int.min...Int.max, using: &generator) }

        mutating func image(of visit: Int) -> Image {
            Image(id: number(), visitID: visit, description: text(), imageURL: "https://photos.test/\(text())", likes: number())
        }

        mutating func visit() -> Visit {
            let id = number()
            let images = (0..<Int.random(in: 0...3, using: &generator)).map { _ in image(of: id) }
            let at = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)) + 0.123456)
            return Visit(id: id, userID: text(), locationID: text(), visitedAt: at, note: text(), images: images)
        }

        mutating func achievement() -> Achievement {
            let rules: [AchievementRule?] = [
                nil, .distinctLandmarks(number()), .distinctProvinces(number()),
                .landmarks(Set((0..<Int.random(in: 0...4, using: &generator)).map { _ in text() })),
            ]
            return Achievement(id: text(), description: text(), points: number(), rule: rules.randomElement(using: &generator)!)
        }

        mutating func achievements() -> [AchievementJSON] {
            (0..<Int.random(in: 0...3, using: &generator)).map { _ in AchievementJSON(achievement()) }
        }
    }

    func expectSameAsEncoder(_ value: some WritesOwnJSON) throws {
        let encoded = try JSONObjectWriterTests.encoder.encode(value)
        #expect(value.json() == Array(encoded), "\(String(decoding: encoded, as: UTF8.self))")
    }

    @Test func firstVisitAnswersAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for _ in 0..<300 {
            let visit = samples.visit()
            try expectSameAsEncoder(
                FirstVisitJSON(
                    message: samples.text(), visit: VisitJSON(visit), images: visit.images.map(ImageJSON.init), pointsEarned: samples.number(),
                    totalPoints: samples.number(), achievementsEarned: samples.achievements()))
        }
    }

    @Test func repeatVisitAnswersAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for _ in 0..<300 {
            let visit = samples.visit()
            try expectSameAsEncoder(
                RepeatVisitJSON(
                    message: samples.text(), visit: VisitJSON(visit), imagesAdded: visit.images.prefix(1).map(ImageJSON.init),
                    achievementsEarned: samples.achievements()))
        }
    }

    @Test func everyKindOfAchievementRuleIsWrittenAsJSONEncoderWritesIt() throws {
        var samples = Samples()
        for _ in 0..<300 { try expectSameAsEncoder(AchievementJSON(samples.achievement())) }
        try expectSameAsEncoder(AchievementJSON(Achievement(id: "empty", description: "", points: 0, rule: .landmarks([]))))
    }
}
