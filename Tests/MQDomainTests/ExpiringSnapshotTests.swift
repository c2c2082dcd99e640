import MQDomain
import MQTestSupport
import Testing

/// The stale-while-loading form of ``ExpiringSnapshot``; the waiting form is specified through
/// ``LandmarkCatalog`` in `LandmarkCatalogTests`.
@Suite("An expiring snapshot can answer readers of an expired value while one load runs")
struct ExpiringSnapshotTests {
    func snapshot(_ source: ReadGate, _ clock: TestClock) -> ExpiringSnapshot<Int> {
        ExpiringSnapshot(clock: clock, lifetime: .seconds(10), expiry: .answerStaleWhileLoading) { try await source.pass() }
    }

    @Test(.timeLimit(.minutes(1)))
    func readersOfAnExpiredValueGetItAtOnceAndShareOneLoad() async throws {
        let source = ReadGate()
        let clock = TestClock()
        let snapshot = snapshot(source, clock)
        #expect(try await snapshot.current().value == 1)
        clock.advance(by: 11)
        source.hold()
        #expect(try await snapshot.current().value == 1)
        #expect(try await snapshot.current().value == 1)
        while !source.isHolding { await Task.yield() }
        #expect(source.reads == 2)
        source.release()
        while try await snapshot.current().value != 2 { await Task.yield() }
        #expect(source.reads == 2)
    }

    @Test func theFirstReaderWaitsForTheFirstLoad() async throws {
        let source = ReadGate()
        let snapshot = snapshot(source, TestClock())
        let loaded = try await snapshot.current()
        #expect(loaded.value == 1)
        #expect(loaded.serial == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailedLoadKeepsTheExpiredValueAndTheNextReaderTriesAgain() async throws {
        let source = ReadGate()
        let clock = TestClock()
        let snapshot = snapshot(source, clock)
        _ = try await snapshot.current()
        clock.advance(by: 11)
        source.fail(true)
        #expect(try await snapshot.current().value == 1)
        while source.reads < 3 {
            _ = try await snapshot.current()
            await Task.yield()
        }
        source.fail(false)
        while try await snapshot.current().value == 1 { await Task.yield() }
        #expect(try await snapshot.current().value > 3)
    }

    @Test func anInvalidatedValueIsNeverAnsweredAgain() async throws {
        let source = ReadGate()
        let snapshot = snapshot(source, TestClock())
        _ = try await snapshot.current()
        snapshot.invalidate()
        #expect(try await snapshot.current().value == 2)
    }

    @Test func aChangeTheValueCannotShowKeepsIt() async throws {
        let source = ReadGate()
        let snapshot = snapshot(source, TestClock())
        _ = try await snapshot.current()
        snapshot.invalidate { value in value > 1 }
        #expect(try await snapshot.current().value == 1)
        snapshot.invalidate { value in value == 1 }
        #expect(try await snapshot.current().value == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func aLoadUnderWayIsForgottenWhateverTheChange() async throws {
        let source = ReadGate()
        let snapshot = snapshot(source, TestClock())
        source.hold()
        let first = Task { try await snapshot.current().value }
        while !source.isHolding { await Task.yield() }
        snapshot.invalidate { _ in false }
        source.release()
        #expect(try await first.value == 1)
        #expect(try await snapshot.current().value == 2, "the load begun before the change is not kept")
    }
}
