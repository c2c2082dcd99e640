import Synchronization

/// Whether connecting to the database worked the last time any connection tried, shared by every
/// connection of a store, so that while it does not, one attempt at a time waits on it and everyone
/// else is refused at once.
///
/// Without it, a database that accepts no connections and does not refuse them either (a failover, a network
/// partition: the connect waits out `DB_CONNECT_TIMEOUT`) made every request wait that long before its 503, and
/// each pooled connection a request took made an attempt of its own. Now, once an attempt has failed, a request
/// that would need a new connection while another attempt is still underway fails with
/// ``PostgresError/connectionLost(_:)`` straight away, naming the last failure. With no attempt underway the next
/// one is made, so the first request after the database is back finds it: recovery waits for no timer.
public final class DatabaseReachability: Sendable {
    private struct State {
        /// Why the last attempt failed; `nil` once one succeeds.
        var failure: String?
        /// Attempts underway, on any connection.
        var attempting = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The error to refuse a new connection with now, or `nil` when it may be attempted (or waited for).
    func refusal() -> PostgresError? {
        state.withLock { Self.refusal(in: $0) }
    }

    /// Runs `attempt` (a blocking libpq connect) unless ``refusal()`` refuses it, and records how it went.
    func connect<Connection>(_ attempt: () throws -> Connection) throws -> Connection {
        try state.withLock { state in
            if let refusal = Self.refusal(in: state) { throw refusal }
            state.attempting += 1
        }
        do {
            let connection = try attempt()
            state.withLock { state in
                state.attempting -= 1
                state.failure = nil
            }
            return connection
        } catch {
            state.withLock { state in
                state.attempting -= 1
                state.failure = Self.reason(error)
            }
            throw error
        }
    }

    private static func reason(_ error: any Error) -> String {
        if case PostgresError.connectionLost(let message) = error { return message }
        return String(describing: error)
    }

    /// Refused while the last attempt failed and another is still underway.
    private static func refusal(in state: State) -> PostgresError? {
        guard let failure = state.failure, state.attempting > 0 else { return nil }
        return .connectionLost("not tried while another attempt is underway; the last one failed with \(failure)")
    }
}
