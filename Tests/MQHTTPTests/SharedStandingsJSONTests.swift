import Foundation
import MQDomain
import Synchronization
import Testing

@testable import MQHTTP

/// The global board's top is written once for every answer that shares its array, and afresh for any
/// other array, however alike.
@Suite("The shared top's JSON")
struct SharedStandingsJSONTests {
    static let top = (1...50).map { Standing(rank: $0, userID: "p\($0)", firstName: "First \($0)", lastName: "Last", points: 1_000 - $0) }

    /// Writes as the leaderboard answer does, counting the writes.
    final class CountingWriter: Sendable {
        let writes = Mutex(0)

        func write(_ standings: [Standing]) -> [UInt8] {
            writes.withLock { $0 += 1 }
            return JSONObjectWriter.encodedList(standings.map(LeaderboardJSON.StandingJSON.init))
        }
    }

    @Test func theSameArrayIsWrittenOnce() {
        let shared = SharedStandingsJSON()
        let writer = CountingWriter()
        let first = shared.json(Self.top, writer.write)
        let second = shared.json(Self.top, writer.write)
        #expect(first == second)
        #expect(writer.writes.withLock { $0 } == 1)
    }

    @Test func aChangedCopyIsWrittenAfreshWithItsChange() {
        let shared = SharedStandingsJSON()
        let writer = CountingWriter()
        let original = shared.json(Self.top, writer.write)
        var changed = Self.top
        changed[0].points += 1
        let json = shared.json(changed, writer.write)
        #expect(json != original)
        #expect(json == writer.write(changed))
        #expect(shared.json(Self.top, writer.write) == original)
    }

    @Test func anEqualArrayOfItsOwnIsWrittenAfreshAndOnlyTheLastArrayIsKept() {
        let shared = SharedStandingsJSON()
        let writer = CountingWriter()
        let first = shared.json(Self.top, writer.write)
        let alike = Self.top.map { $0 }
        #expect(shared.json(alike, writer.write) == first)
        #expect(shared.json(alike, writer.write) == first)
        #expect(shared.json(Self.top, writer.write) == first)
        #expect(writer.writes.withLock { $0 } == 3)
    }

    @Test func anEmptyTopIsAnEmptyList() {
        let writer = CountingWriter()
        #expect(SharedStandingsJSON().json([], writer.write) == Array("[]".utf8))
    }

    @Test func answersSharingATopMatchJSONEncoderForEachCaller() throws {
        for rank in [1, 51, 99_999] {
            let board = Leaderboard(top: Self.top, me: Standing(rank: rank, userID: "me", firstName: "", lastName: "", points: 3))
            let answer = LeaderboardJSON(board, scope: .global)
            #expect(answer.json() == Array(try JSONObjectWriterTests.encoder.encode(answer)))
        }
    }
}
