import MQDomain
import MQTestSupport
import Synchronization
import Testing

/// The stale-while-loading form of ``ExpiringSnapshot``; the waiting form is specified through
/// ``LandmarkCatalog`` in `LandmarkCatalogTests`.
@Suite("An expiring snapshot can answer readers of an expired value while one load runs")
struct ExpiringSnapshotTests {
    /// Counts its loads, and can hold the next one until released or make them fail.
    final class Source: Sendable {
        private let state = Mutex((loads: 0, holding: false, failing: false))
        private let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)

        var loads: Int { state.withLock { $0.loads } }
        var isHolding: Bool { gate.withLock { $0 != nil } }
        func hold() { state.withLock { $0.holding = true } }
        func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }
        func release() {
            state.withLock { $0.holding = false }
            gate.withLock { $0.take() }?.resume()
        }

        struct Unavailable: Error {}

        func load() async throws -> Int {
            let (load, holding, failing) = state.withLock { state in
                state.loads += 1
                return (state.loads, state.holding, state.failing)
            }
            if holding { await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } } }
            if failing { throw Unavailable() }
            return load
        }
    }

    func snapshot(_ source: Source, _ clock: TestClock) -> ExpiringSnapshot<Int> {
        ExpiringSnapshot(clock: clock, lifetime: .seconds(10), expiry: .answerStaleWhileLoading) { try await source.load() }
    }

    @Test(.timeLimit(.minutes(1)))
    func readersOfAnExpiredValueGetItAtOnceAndShareOneLoad() async throws {
        let source = Source()
        let clock = TestClock()
        let snapshot = snapshot(source, clock)
        #expect(try await snapshot.current().value == 1)
        clock.advance(by: 11)
        source.hold()
        #expect(try await snapshot.current().value == 1)
        #expect(try await snapshot.current().value == 1)
        while !source.isHolding { await Task.yield() }
        #expect(source.loads == 2)
        source.release()
        while try await snapshot.current().value != 2 { await Task.yield() }
        #expect(source.loads == 2)
    }

    @Test func theFirstReaderWaitsForTheFirstLoad() async throws {
        let source = Source()
        let snapshot = snapshot(source, TestClock())
        let loaded = try await snapshot.current()
        #expect(loaded.value == 1)
        #expect(loaded.serial == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFailedLoadKeepsTheExpiredValueAndTheNextReaderTriesAgain() async throws {
        let source = Source()
        let clock = TestClock()
        let snapshot = snapshot(source, clock)
        _ = try await snapshot.current()
        clock.advance(by: 11)
        source.fail(true)
        #expect(try await snapshot.current().value == 1)
        while source.loads < 3 {
            _ = try await snapshot.current()
            await Task.yield()
        }
        source.fail(false)
        while try await snapshot.current().value == 1 { await Task.yield() }
        #expect(try await snapshot.current().value > 3)
    }

    @Test func anInvalidatedValueIsNeverAnsweredAgain() async throws {
        let source = Source()
        let snapshot = snapshot(source, TestClock())
        _ = try await snapshot.current()
        snapshot.invalidate()
        #expect(try await snapshot.current().value == 2)
    }
}
