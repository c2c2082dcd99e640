import Metrics
import Synchronization

/// Room on the pipeline: at most `capacity` statements sent and unanswered at once. A statement that
/// finds no room waits its turn, first come first served, for up to `patience` (`DB_ACQUIRE_TIMEOUT`,
/// as long as a request waits for a pooled connection), then is refused with
/// ``PostgresError/poolExhausted`` (answered 503).
///
/// So a burst of more requests than the pipeline holds is served in order, a little later, instead of
/// refused at once; and the statements waiting cost only their requests' memory, never PostgreSQL's.
final class PipelineAdmission: Sendable {
    private struct State {
        let capacity: Int
        var admitted = 0
        var line = WaitingLine<Void>()
        var sweeping = false
        /// Statements refused after waiting `patience`, since start.
        var timeouts = 0

        /// Takes room if there is some and nobody is waiting for it already.
        mutating func admitIfRoom() -> Bool {
            guard admitted < capacity, line.isEmpty else { return false }
            admitted += 1
            return true
        }
    }

    private enum Entry {
        case admitted
        case waiting(startSweep: Bool)
    }

    let patience: Duration
    private let state: Mutex<State>
    private let waitingGauge = Gauge(label: "mq_db_pipeline_statements_waiting")
    private let timeoutCounter = Counter(label: "mq_db_pipeline_admission_timeouts_total")

    init(capacity: Int, patience: Duration) {
        self.patience = patience
        state = Mutex(State(capacity: max(1, capacity)))
    }

    /// Statements waiting for room now.
    var waiting: Int { state.withLock { $0.line.count } }

    /// Statements refused after waiting `patience`, since start.
    var timeouts: Int { state.withLock { $0.timeouts } }

    /// Returns once the statement has room; every admission must be followed by one ``leave()``.
    func enter() async throws {
        if state.withLock({ $0.admitIfRoom() }) { return }
        let deadline = ContinuousClock.now.advanced(by: patience)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let (entry, waiting) = state.withLock { state -> (Entry, Int) in
                if state.admitIfRoom() { return (.admitted, state.line.count) }
                state.line.join(until: deadline, continuation)
                defer { state.sweeping = true }
                return (.waiting(startSweep: !state.sweeping), state.line.count)
            }
            waitingGauge.record(waiting)
            switch entry {
            case .admitted: continuation.resume()
            case .waiting(startSweep: true): Task { await self.sweep() }
            case .waiting: break
            }
        }
    }

    /// Gives the statement's room to the longest-waiting statement, or frees it.
    func leave() {
        let (waiter, waiting) = state.withLock { state -> (WaitingLine<Void>.Waiter?, Int) in
            guard let waiter = state.line.next() else {
                state.admitted -= 1
                return (nil, 0)
            }
            return (waiter, state.line.count)
        }
        guard let waiter else { return }
        waitingGauge.record(waiting)
        waiter.continuation.resume()
    }

    private func sweep() async {
        await WaitingLine<Void>.sweep { now in
            let (overdue, next, waiting) = state.withLock { state in
                let overdue = state.line.overdue(at: now)
                state.timeouts += overdue.count
                if state.line.isEmpty { state.sweeping = false }
                return (overdue, state.line.nextDeadline, state.line.count)
            }
            if !overdue.isEmpty {
                timeoutCounter.increment(by: overdue.count)
                waitingGauge.record(waiting)
            }
            return (overdue, next)
        }
    }
}
