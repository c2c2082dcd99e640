import CLibPQ
import NIOPosix

/// One connection to PostgreSQL with a thread of its own: every libpq call for it runs there, so the
/// blocking API never stalls Swift's cooperative threads, and the `PGconn` is never touched by two threads.
///
/// It connects lazily and reconnects after a loss: before each use it reads whatever the server sent
/// while the connection sat idle, so a connection the server closed (a restart, `pg_terminate_backend`)
/// is noticed and replaced before a request runs on it.
final class PostgresConnection: @unchecked Sendable {
    private let settings: DatabaseSettings
    private let reachability: DatabaseReachability
    private let thread = NIOThreadPool(numberOfThreads: 1)
    // Touched only on `thread`.
    private var handle: OpaquePointer?
    private var prepared: Set<String> = []
    private var columnNames: [String: ColumnNames] = [:]

    init(settings: DatabaseSettings, reachability: DatabaseReachability) {
        self.settings = settings
        self.reachability = reachability
        thread.start()
    }

    deinit {
        // Nothing else can reach the connection any more: its thread is the last to touch it.
        nonisolated(unsafe) let handle = handle
        thread.shutdownGracefully { _ in
            if let handle { PQfinish(handle) }
        }
    }

    /// Runs `body` with this connection, on its thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        do {
            return try await thread.runIfActive { try self.runHere(body) }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw PostgresError.connectionLost("the connection's thread has stopped")
        }
    }

    /// Closes the connection; the next use opens a new one.
    func close() async {
        _ = try? await thread.runIfActive { self.disconnect() }
    }

    private func runHere<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let handle = try openHandle()
        let session = PostgresSession(handle: handle, prepared: prepared, columnNames: columnNames)
        defer {
            prepared = session.preparedStatements
            columnNames = session.statementColumns
        }
        do {
            return try body(session)
        } catch let error as PostgresError {
            if PQstatus(handle) != CONNECTION_OK {
                disconnect()
                if case .connectionLost = error { throw error }
                throw PostgresError.connectionLost(error.description)
            }
            throw error
        }
    }

    private func openHandle() throws -> OpaquePointer {
        if let handle {
            if PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE {
                return handle
            }
            disconnect()
        }
        let connection = try reachability.connect { try LibPQ.connect(settings) }
        handle = connection
        prepared = []
        columnNames = [:]
        return connection
    }

    private func disconnect() {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared = []
        columnNames = [:]
    }
}
