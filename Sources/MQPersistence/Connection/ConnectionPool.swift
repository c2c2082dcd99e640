import Logging

/// A bounded set of connections shared by every repository.
///
/// Connections are opened lazily, so the server starts while the database is down and recovers when it
/// returns. A request that finds every connection busy waits up to `acquireTimeout`, then fails.
public actor ConnectionPool {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<PostgresConnection, any Error>
    }

    public let settings: DatabaseSettings
    private var idle: [PostgresConnection] = []
    private var created = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0

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
        if let connection = idle.popLast() { return connection }
        if created < settings.poolSize {
            created += 1
            return PostgresConnection(settings: settings)
        }
        let id = nextWaiterID
        nextWaiterID += 1
        let timeout = settings.acquireTimeout
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(id: id, continuation: continuation))
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id)
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().continuation.resume(returning: connection)
        }
    }

    private func expire(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: PostgresError.poolExhausted)
    }
}
