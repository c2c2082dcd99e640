import Metrics

/// A bounded set of connections shared by every repository.
///
/// Connections are opened lazily, so the server starts while the database is down and recovers when it
/// returns. A request that finds every connection busy queues (first come, first served) for up to
/// `acquireTimeout`; one sweeper task, alive only while requests queue, fails the overdue ones.
public actor ConnectionPool {
    private struct Waiter {
        let id: Int
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<PostgresConnection, any Error>
    }

    public let settings: DatabaseSettings
    private let busyGauge = Gauge(label: "mq_db_pool_connections_busy")
    private let openGauge = Gauge(label: "mq_db_pool_connections_open")
    private let queuedGauge = Gauge(label: "mq_db_pool_requests_queued")
    private let timeouts = Counter(label: "mq_db_pool_acquire_timeouts_total")
    private var idle: [PostgresConnection] = []
    private var created = 0
    private var waiters: [Waiter] = []
    private var firstWaiter = 0
    private var nextWaiterID = 0
    private var sweeping = false

    public init(settings: DatabaseSettings) {
        self.settings = settings
    }

    /// Connections in use right now, and how many exist.
    public var usage: (busy: Int, open: Int) { (created - idle.count, created) }

    /// Runs `body` on a pooled connection's thread. Connection problems surface as transient
    /// ``PostgresError``s; the connection goes back to the pool either way.
    public nonisolated func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await connection.run(body)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes every idle connection, e.g. on shutdown.
    public func closeIdleConnections() async {
        let closing = idle
        idle.removeAll()
        created -= closing.count
        for connection in closing { await connection.close() }
    }

    private func acquire() async throws -> PostgresConnection {
        defer { recordUsage() }
        if let connection = idle.popLast() { return connection }
        if created < settings.poolSize {
            created += 1
            return PostgresConnection(settings: settings)
        }
        let deadline = ContinuousClock.now.advanced(by: settings.acquireTimeout)
        let id = nextWaiterID
        nextWaiterID += 1
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(id: id, deadline: deadline, continuation: continuation))
            startSweeping()
        }
    }

    private func release(_ connection: PostgresConnection) {
        defer { recordUsage() }
        if let waiter = popWaiter() {
            waiter.continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func recordUsage() {
        busyGauge.record(created - idle.count)
        openGauge.record(created)
        queuedGauge.record(waiters.count - firstWaiter)
    }

    private func popWaiter() -> Waiter? {
        guard firstWaiter < waiters.count else { return nil }
        let waiter = waiters[firstWaiter]
        firstWaiter += 1
        if firstWaiter > 64, firstWaiter * 2 > waiters.count {
            waiters.removeFirst(firstWaiter)
            firstWaiter = 0
        }
        return waiter
    }

    private func startSweeping() {
        guard !sweeping else { return }
        sweeping = true
        Task { await self.sweep() }
    }

    /// Fails queued requests whose deadline passed; stops when nobody is queued.
    private func sweep() async {
        while firstWaiter < waiters.count {
            let now = ContinuousClock.now
            while firstWaiter < waiters.count, waiters[firstWaiter].deadline <= now {
                popWaiter()?.continuation.resume(throwing: PostgresError.poolExhausted)
                timeouts.increment()
            }
            guard firstWaiter < waiters.count else { break }
            let wait = min(waiters[firstWaiter].deadline - now, .milliseconds(100))
            try? await Task.sleep(for: wait)
        }
        sweeping = false
    }
}
