import FoundationEssentials
import Synchronization

/// A value loaded from somewhere slower, kept in memory for a lifetime and shared by every reader.
///
/// Readers within the lifetime get the kept value. Concurrent readers of a missing or expired value share
/// a single load; with ``Expiry/answerStaleWhileLoading`` only the first load is waited for, and readers
/// of an expired value get it at once while the load runs. ``invalidate()`` forgets the value at once, and
/// a load begun before it is never kept. A failed load is kept by nobody: its readers get the error and
/// the next reader tries again. The age is read from the game's ``WallClock``, so a clock that went
/// backwards also counts as expired.
public final class ExpiringSnapshot<Value: Sendable>: Sendable {
    /// What a reader of an expired value gets.
    public enum Expiry: Sendable {
        /// The fresh value: the reader waits for the load.
        case waitForTheLoad
        /// The expired value, at once, while one load runs for the readers after it.
        case answerStaleWhileLoading
    }

    /// A loaded value and which load it came from: no two loads share a serial, so anything derived from
    /// a value may be kept while its serial stays the same.
    public struct Loaded: Sendable {
        public var value: Value
        public var serial: Int
        fileprivate var takenAt: Date
    }

    private let clock: any WallClock
    private let lifetime: TimeInterval
    private let expiry: Expiry
    private let load: @Sendable () async throws -> Value
    private let state = Mutex(State())

    private struct State: Sendable {
        var kept: Loaded?
        /// Moves on with every invalidation, so that a load begun before it is not kept.
        var generation = 0
        var loading: (serial: Int, generation: Int, task: Task<Loaded, any Error>)?
        var loads = 0
    }

    /// - Parameters:
    ///   - lifetime: how long a value answers before it is loaded again; must be positive.
    ///   - load: reads the value; called once per expiry however many readers are waiting.
    public init(
        clock: any WallClock, lifetime: Duration, expiry: Expiry = .waitForTheLoad, load: @escaping @Sendable () async throws -> Value
    ) {
        self.clock = clock
        let parts = lifetime.components
        self.lifetime = TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
        self.expiry = expiry
        self.load = load
    }

    /// The kept value while it is fresh; otherwise as ``Expiry`` says.
    public func current() async throws -> Loaded {
        let now = clock.now()
        let answer: Answer = state.withLock { state in
            if let kept = state.kept, isFresh(kept, at: now) { return .kept(kept) }
            let loading = state.loading.flatMap { $0.generation == state.generation ? $0.task : nil } ?? startLoading(at: now, in: &state)
            if expiry == .answerStaleWhileLoading, let kept = state.kept { return .kept(kept) }
            return .waitFor(loading)
        }
        switch answer {
        case .kept(let kept): return kept
        case .waitFor(let loading): return try await loading.value
        }
    }

    private enum Answer {
        case kept(Loaded)
        case waitFor(Task<Loaded, any Error>)
    }

    /// Forgets the kept value when `isAffected` says a change may have touched it, and in any case a load
    /// under way, whose value is not known yet. Keeping a value `isAffected` clears is the caller's word
    /// that the change left it as it was.
    public func invalidate(where isAffected: (Value) -> Bool) {
        state.withLock { state in
            guard state.loading != nil || state.kept.map({ isAffected($0.value) }) == true else { return }
            state.generation &+= 1
            state.kept = nil
            state.loading = nil
        }
    }

    /// Forgets the kept value; the next reader loads it again.
    public func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.kept = nil
            state.loading = nil
        }
    }

    /// Starts the load the readers share. It keeps its own value, so that a load nobody waits for (one
    /// started for a reader answered stale) still lands.
    private func startLoading(at now: Date, in state: inout State) -> Task<Loaded, any Error> {
        state.loads += 1
        let serial = state.loads
        let generation = state.generation
        let task = Task {
            do {
                let loaded = Loaded(value: try await load(), serial: serial, takenAt: now)
                finish(serial, keeping: loaded, from: generation)
                return loaded
            } catch {
                finish(serial, keeping: nil, from: generation)
                throw error
            }
        }
        state.loading = (serial, generation, task)
        return task
    }

    private func finish(_ serial: Int, keeping loaded: Loaded?, from generation: Int) {
        state.withLock { state in
            if state.loading?.serial == serial { state.loading = nil }
            guard let loaded, state.generation == generation, (state.kept?.serial ?? 0) < loaded.serial else { return }
            state.kept = loaded
        }
    }

    private func isFresh(_ loaded: Loaded, at now: Date) -> Bool {
        let age = now.timeIntervalSince(loaded.takenAt)
        return age >= 0 && age < lifetime
    }
}
