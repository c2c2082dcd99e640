import Foundation
import Hummingbird
import MQDomain
import Testing

@testable import MQHTTP

@Suite("Feeds, leaderboards, landmarks, photo lists and pages written without JSONEncoder, byte for byte as JSONEncoder writes them")
struct ListJSONWriterTests {
    typealias Samples = CheckInJSONWriterTests.Samples

    func expectSameAsEncoder(_ value: some WritesOwnJSON) throws {
        let encoded = try JSONObjectWriterTests.encoder.encode(value)
        #expect(value.json() == Array(encoded), "\(String(decoding: encoded, as: UTF8.self))")
    }

    static func location(_ samples: inout Samples) -> Location {
        Location(
            id: samples.text(), name: samples.text(), province: samples.text(), latitude: samples.text(), longitude: samples.text(),
            description: samples.text(), points: samples.number(), defaultImageURL: Bool.random(using: &samples.generator) ? samples.text() : nil)
    }

    static func player(_ samples: inout Samples) -> PlayerCard {
        PlayerCard(id: samples.text(), firstName: samples.text(), lastName: samples.text(), profilePictureURL: samples.text())
    }

    static func feedItem(_ samples: inout Samples) -> FeedItem {
        FeedItem(visit: samples.visit(), player: player(&samples), location: location(&samples))
    }

    static func request(_ target: String) -> Request {
        Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "api.test", path: target),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func landmarksAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for _ in 0..<300 { try expectSameAsEncoder(LocationJSON(location: Self.location(&samples))) }
    }

    @Test func landmarkPhotoListsAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for _ in 0..<200 {
            let visit = samples.number()
            let images = (0..<Int.random(in: 0...5, using: &samples.generator)).map { _ in ImageJSON(samples.image(of: visit)) }
            try expectSameAsEncoder(
                LocationPhotosJSON(locationID: samples.text(), locationName: samples.text(), totalImages: samples.number(), images: images))
        }
    }

    @Test func feedItemsAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for _ in 0..<300 { try expectSameAsEncoder(FeedItemJSON(Self.feedItem(&samples))) }
    }

    @Test func leaderboardsOfEveryScopeAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for round in 0..<200 {
            let players = (0..<Int.random(in: 0...8, using: &samples.generator)).map { _ in
                Contender(userID: samples.text(), firstName: samples.text(), lastName: samples.text(), points: samples.number())
            }
            let caller = Contender(userID: samples.text(), firstName: samples.text(), lastName: samples.text(), points: samples.number())
            let board = Leaderboard.ranking(players + [caller], for: caller)
            try expectSameAsEncoder(LeaderboardJSON(board, scope: LeaderboardScope.allCases[round % LeaderboardScope.allCases.count]))
        }
    }

    @Test func integersAtEveryDigitBoundaryAreWrittenAsJSONEncoderWritesThem() throws {
        var boundaries = [0, 1, -1, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            boundaries += [power - 1, power, power + 1, -power + 1, -power, -power - 1]
        }
        for (rank, points) in zip(boundaries, boundaries.reversed()) {
            try expectSameAsEncoder(LeaderboardJSON.MyStandingJSON(rank: rank, points: points))
        }
    }

    @Test func pagesWithAndWithoutNeighboursAreWrittenAsJSONEncoderWritesThem() throws {
        var samples = Samples()
        for target in ["/api/feed/", "/api/feed/?page=2", "/api/feed/?page=3&page_size=2", "/api/visits/?x=%22%5C"] {
            for _ in 0..<50 {
                let items = (0..<Int.random(in: 0...3, using: &samples.generator)).map { _ in Self.feedItem(&samples) }
                let number = Int.random(in: 1...3, using: &samples.generator)
                let page = Page(items: items, totalCount: Int.random(in: 0...20, using: &samples.generator), request: PageRequest(number: number, size: 3))
                try expectSameAsEncoder(PageJSON(page, request: Self.request(target), transform: FeedItemJSON.init))
            }
        }
    }
}
