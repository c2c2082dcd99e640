import Synchronization

/// Stands in front of a slow read in a test double: counts the reads, can hold them until released, and
/// can make them fail.
final class ReadGate: Sendable {
    struct Unavailable: Error {}

    private let state = Mutex((reads: 0, holding: false, failing: false))
    private let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)

    /// Reads that have passed the gate or are held at it.
    var reads: Int { state.withLock { $0.reads } }
    /// Whether a read is held right now.
    var isHolding: Bool { waiting.withLock { $0 != nil } }

    /// The next read waits until ``release()``.
    func hold() { state.withLock { $0.holding = true } }
    func release() {
        state.withLock { $0.holding = false }
        waiting.withLock { $0.take() }?.resume()
    }
    /// While `failing`, reads throw ``Unavailable``.
    func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    /// Counts a read, waits while the gate holds, and throws while it fails; returns the read's number.
    func pass() async throws -> Int {
        let (read, holding, failing) = state.withLock { state in
            state.reads += 1
            return (state.reads, state.holding, state.failing)
        }
        if holding { await withCheckedContinuation { continuation in waiting.withLock { $0 = continuation } } }
        if failing { throw Unavailable() }
        return read
    }
}
