/// Requests waiting their turn for something the database side has too little of (a pooled connection,
/// room on the pipeline), first come first served, each until its own deadline.
///
/// A value kept under its owner's lock, beside what it waits for, so that a request joining the line and
/// a turn being handed out can never miss each other.
struct WaitingLine<Turn> {
    struct Waiter {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Turn, any Error>
    }

    private var waiters: [Waiter] = []
    private var first = 0

    /// Requests waiting now.
    var count: Int { waiters.count - first }

    var isEmpty: Bool { first == waiters.count }

    /// The deadline the line must be swept at next: its oldest waiter's (every waiter waits equally long).
    var nextDeadline: ContinuousClock.Instant? { isEmpty ? nil : waiters[first].deadline }

    mutating func join(until deadline: ContinuousClock.Instant, _ continuation: CheckedContinuation<Turn, any Error>) {
        waiters.append(Waiter(deadline: deadline, continuation: continuation))
    }

    /// The longest-waiting request, leaving the line to take its turn.
    mutating func next() -> Waiter? {
        guard first < waiters.count else { return nil }
        let waiter = waiters[first]
        first += 1
        if first == waiters.count {
            waiters.removeAll(keepingCapacity: true)
            first = 0
        } else if first > 64, first * 2 > waiters.count {
            waiters.removeFirst(first)
            first = 0
        }
        return waiter
    }

    /// The requests whose deadline has passed by `now`, leaving the line to be refused.
    mutating func overdue(at now: ContinuousClock.Instant) -> [Waiter] {
        var overdue: [Waiter] = []
        while let deadline = nextDeadline, deadline <= now, let waiter = next() { overdue.append(waiter) }
        return overdue
    }
}

extension WaitingLine {
    /// Refuses each waiter with ``PostgresError/poolExhausted`` once its deadline passes, until the line is
    /// empty; an owner runs one such sweep while anyone waits. `step` runs under the owner's lock: it
    /// takes the overdue waiters out of the line and says when to look again, or `nil` once the line is
    /// empty (and the owner no longer counts a sweep as running).
    static func sweep(_ step: (ContinuousClock.Instant) -> (overdue: [Waiter], next: ContinuousClock.Instant?)) async {
        while true {
            let now = ContinuousClock.now
            let (overdue, next) = step(now)
            for waiter in overdue { waiter.continuation.resume(throwing: PostgresError.poolExhausted) }
            guard let next else { return }
            try? await Task.sleep(for: min(next - now, .milliseconds(100)))
        }
    }
}
