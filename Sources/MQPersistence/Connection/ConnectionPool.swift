import Metrics
import Synchronization
import Tracing

/// A bounded set of connections shared by every repository.
///
/// Connections are opened lazily, so the server starts while the database is down and recovers when it
/// returns. A request that finds every connection busy queues (first come, first served) for up to
/// `acquireTimeout`; one sweeper task, alive only while requests queue, fails the overdue ones. Taking a
/// free connection is a lock and a pop, with no executor hop.
public final class ConnectionPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var created = 0
        var line = WaitingLine<PostgresConnection>()
        var sweeping = false
        /// The most connections busy at once since the statistics were last read.
        var peakBusy = 0
        /// Requests that waited past `acquireTimeout`, since the pool was made.
        var acquireTimeouts = 0

        /// Busy, open and queued, for the gauges: read under the same lock as the change it follows.
        var usage: Usage { Usage(busy: created - idle.count, open: created, queued: line.count) }
    }

    private struct Usage {
        var busy: Int
        var open: Int
        var queued: Int
    }

    private enum Acquisition {
        case ready(PostgresConnection)
        case open
        case queued(startSweeper: Bool)
    }

    public let settings: DatabaseSettings
    private let reachability: DatabaseReachability
    private let state = Mutex(State())
    private let busyGauge = Gauge(label: "mq_db_pool_connections_busy")
    private let openGauge = Gauge(label: "mq_db_pool_connections_open")
    private let queuedGauge = Gauge(label: "mq_db_pool_requests_queued")
    private let timeouts = Counter(label: "mq_db_pool_acquire_timeouts_total")

    /// - Parameter reachability: shared with the store's other connections (``DatabaseReachability``).
    public init(settings: DatabaseSettings, reachability: DatabaseReachability = DatabaseReachability()) {
        self.settings = settings
        self.reachability = reachability
    }

    /// Connections in use right now, and how many exist.
    public var usage: (busy: Int, open: Int) {
        state.withLock { ($0.usage.busy, $0.usage.open) }
    }

    /// How the pool has fared: the peak is since the previous call, so a periodic reader sees each
    /// burst once, however short it was.
    public func statistics() -> PoolStatistics {
        state.withLock { state in
            let usage = state.usage
            defer { state.peakBusy = usage.busy }
            return PoolStatistics(
                size: settings.poolSize, busy: usage.busy, peakBusy: max(state.peakBusy, usage.busy), open: usage.open,
                queued: usage.queued, acquireTimeouts: state.acquireTimeouts)
        }
    }

    /// Runs `body` on a pooled connection's thread. Connection problems surface as transient
    /// ``PostgresError``s; the connection goes back to the pool either way.
    ///
    /// Inside a traced request the operation is a span (`postgres <statement>`, with the time spent waiting
    /// for a connection), and each statement a child of it.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        guard let parent = ServiceContext.current else {
            let connection = try await acquire()
            defer { release(connection) }
            return try await connection.run(body)
        }
        return try await withSpan("postgres", context: parent, ofKind: .client) { span in
            span.attributes["db.system.name"] = "postgresql"
            let waitStarted = ContinuousClock.now
            let connection = try await acquire()
            defer { release(connection) }
            let waited = waitStarted.duration(to: .now)
            span.attributes["db.pool.wait_ms"] = Double(waited.components.seconds) * 1000 + Double(waited.components.attoseconds) / 1e15
            let operation = span.context
            let (value, statements) = try await connection.run { session -> (T, [String]) in
                session.operationSpan = operation
                let value = try body(session)
                return (value, session.statementsRun)
            }
            span.operationName = "postgres " + (statements.first ?? "session") + (statements.count > 1 ? " +\(statements.count - 1)" : "")
            span.attributes["db.statement.names"] = statements
            return value
        }
    }

    /// Closes every idle connection, e.g. on shutdown.
    public func closeIdleConnections() async {
        let (closing, usage) = state.withLock { state in
            let idle = state.idle
            state.idle.removeAll()
            state.created -= idle.count
            return (idle, state.usage)
        }
        for connection in closing { await connection.close() }
        record(usage)
    }

    private func acquire() async throws -> PostgresConnection {
        let poolSize = settings.poolSize
        let (decision, usage) = state.withLock { state -> (Acquisition, Usage) in
            if let connection = state.idle.popLast() {
                state.peakBusy = max(state.peakBusy, state.usage.busy)
                return (.ready(connection), state.usage)
            }
            guard state.created >= poolSize else {
                state.created += 1
                state.peakBusy = max(state.peakBusy, state.usage.busy)
                return (.open, state.usage)
            }
            return (.queued(startSweeper: false), state.usage)
        }
        switch decision {
        case .ready(let connection):
            record(usage)
            return connection
        case .open:
            record(usage)
            return PostgresConnection(settings: settings, reachability: reachability)
        case .queued:
            let deadline = ContinuousClock.now.advanced(by: settings.acquireTimeout)
            return try await withCheckedThrowingContinuation { continuation in
                let (outcome, usage) = state.withLock { state -> (Acquisition, Usage) in
                    if let connection = state.idle.popLast() { return (.ready(connection), state.usage) }
                    state.line.join(until: deadline, continuation)
                    let start = !state.sweeping
                    state.sweeping = true
                    return (.queued(startSweeper: start), state.usage)
                }
                record(usage)
                switch outcome {
                case .ready(let connection): continuation.resume(returning: connection)
                case .queued(startSweeper: true): Task { await self.sweep() }
                default: break
                }
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        let (waiter, usage) = state.withLock { state -> (WaitingLine<PostgresConnection>.Waiter?, Usage) in
            if let waiter = state.line.next() {
                state.peakBusy = max(state.peakBusy, state.usage.busy)
                return (waiter, state.usage)
            }
            state.idle.append(connection)
            return (nil, state.usage)
        }
        record(usage)
        waiter?.continuation.resume(returning: connection)
    }

    /// Fails queued requests whose deadline passed; stops when nobody is queued.
    private func sweep() async {
        await WaitingLine<PostgresConnection>.sweep { now in
            let (overdue, next) = state.withLock { state in
                let overdue = state.line.overdue(at: now)
                state.acquireTimeouts += overdue.count
                if state.line.isEmpty { state.sweeping = false }
                return (overdue, state.line.nextDeadline)
            }
            if !overdue.isEmpty { timeouts.increment(by: overdue.count) }
            return (overdue, next)
        }
    }

    private func record(_ usage: Usage) {
        busyGauge.record(usage.busy)
        openGauge.record(usage.open)
        queuedGauge.record(usage.queued)
    }
}

/// A reading of the pool, for metrics.
public struct PoolStatistics: Sendable, Equatable {
    /// Connections the pool may open (`DB_POOL_SIZE`).
    public var size: Int
    public var busy: Int
    /// The most connections busy at once since the previous reading.
    public var peakBusy: Int
    public var open: Int
    /// Requests waiting for a connection.
    public var queued: Int
    /// Requests refused after waiting `DB_ACQUIRE_TIMEOUT`, since start.
    public var acquireTimeouts: Int

    public init(size: Int, busy: Int, peakBusy: Int, open: Int, queued: Int, acquireTimeouts: Int) {
        self.size = size
        self.busy = busy
        self.peakBusy = peakBusy
        self.open = open
        self.queued = queued
        self.acquireTimeouts = acquireTimeouts
    }
}
