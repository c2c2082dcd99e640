import CLibPQ
import Metrics
import Synchronization
import Tracing

/// Statements from any number of requests, sent over a few connections in pipeline mode
/// (`DB_PIPELINE_CONNECTIONS`): what the repositories use for every operation that is one statement,
/// for reads of statements that need no shared transaction (a page of visits, then their photos), and
/// for a few statements that form a transaction on their own, sent together (``group(_:)``).
/// Transactions that need answers before their next statement, and operations whose statements must
/// share a session, use the ``ConnectionPool``'s sessions instead.
///
/// Each request goes to the connection with the fewest unanswered requests. At most
/// `maxDepth` requests wait on one connection; past that on every connection, a request is refused
/// with ``PostgresError/poolExhausted`` (answered 503) rather than queued without bound.
public final class StatementPipeline: Sendable {
    /// Statements that may wait for answers on one connection.
    public static let maxDepth = 256

    private let connections: [PipelinedConnection]
    private let answerLimit: Duration?
    /// Each prepared statement's column names, read from its first result: a statement's columns never change.
    private let columnNames = Mutex<[String: ColumnNames]>([:])
    private let inFlightGauge = Gauge(label: "mq_db_pipeline_statements_in_flight")

    /// `settings.pipelineConnections` connections, opened on first use.
    public init(settings: DatabaseSettings) {
        connections = (0..<max(settings.pipelineConnections, 1)).map { _ in PipelinedConnection(settings: settings) }
        // The server cancels a statement after `statement_timeout`; a connection silent well past that is gone.
        answerLimit = settings.statementTimeout > .zero ? settings.statementTimeout + .seconds(settings.connectTimeout) : nil
    }

    deinit {
        for connection in connections { connection.close() }
    }

    /// Statements sent and not yet answered, over every connection.
    public var inFlight: Int { connections.reduce(0) { $0 + $1.inFlight } }

    /// Connections open right now.
    public var openConnections: Int { connections.filter(\.isOpen).count }

    /// Runs a prepared statement with bound parameters and returns its rows.
    public func query(_ statement: Statement, _ parameters: [String?] = []) async throws -> [Row] {
        let answer = try await send([(statement, parameters)], named: [statement.name])
        defer { PQclear(answer.results[0]) }
        return rows(of: answer.results[0], from: statement)
    }

    /// Runs prepared statements together as one transaction of their own — all of them or none — and
    /// returns each one's rows. They go out in one message and are answered in one, so they cost one round
    /// trip; none can depend on another's answer in the client.
    ///
    /// A statement waiting for a lock holds up every request behind it on its connection, so statements
    /// that take row locks should pass `lockTimeout`: they then wait for a lock at most that long (as
    /// `lock_timeout`, for this transaction only) and fail with SQLSTATE `55P03`, having changed nothing.
    /// `nil` or zero keeps the session's `lock_timeout` (`DatabaseSettings.lockTimeout`).
    public func group(_ statements: [(Statement, [String?])], lockTimeout: Duration? = nil) async throws -> [[Row]] {
        guard !statements.isEmpty else { return [] }
        var sent = statements
        if let lockTimeout, lockTimeout > .zero {
            sent.insert((Self.boundLockWait, ["\(DatabaseSettings.milliseconds(lockTimeout))ms"]), at: 0)
        }
        let answer = try await send(sent, named: statements.map(\.0.name))
        defer { for result in answer.results { PQclear(result) } }
        return zip(statements, answer.results.suffix(statements.count)).map { rows(of: $1, from: $0.0) }
    }

    /// Sets `lock_timeout` for the rest of the implicit transaction the statements after it share.
    private static let boundLockWait = Statement("pipeline_bound_lock_wait", "SELECT set_config('lock_timeout', $1, true)")

    private func rows(of result: OpaquePointer, from statement: Statement) -> [Row] {
        ResultReading.rows(of: result) { result, count in
            if let known = columnNames.withLock({ $0[statement.name] }), known.count == count { return known }
            let names = ResultReading.columnNames(of: result, count: count)
            columnNames.withLock { $0[statement.name] = names }
            return names
        }
    }

    /// Runs a prepared statement that changes rows, and returns how many it changed.
    public func command(_ statement: Statement, _ parameters: [String?] = []) async throws -> Int {
        let answer = try await send([(statement, parameters)], named: [statement.name])
        defer { PQclear(answer.results[0]) }
        return ResultReading.changedRows(by: answer.results[0])
    }

    /// Closes every connection, e.g. on shutdown; the next statement opens them again.
    public func close() {
        for connection in connections { connection.close() }
    }

    /// Sends the statements with one sync point; the spans that trace them carry `names`.
    private func send(_ statements: [(Statement, [String?])], named names: @autoclosure () -> [String]) async throws -> PipelinedConnection.Answer {
        for (_, parameters) in statements { try LibPQ.requireStorable(parameters) }
        var chosen = connections[0]
        for connection in connections.dropFirst() where connection.inFlight < chosen.inFlight { chosen = connection }
        guard chosen.inFlight < Self.maxDepth else { throw PostgresError.poolExhausted }
        inFlightGauge.record(inFlight + 1)
        defer { inFlightGauge.record(inFlight) }
        guard let parent = ServiceContext.current else {
            return try await chosen.send(statements, answerWithin: answerLimit)
        }
        let names = names()
        let operationName = "postgres " + names[0] + (names.count > 1 ? " +\(names.count - 1)" : "")
        return try await withSpan(operationName, context: parent, ofKind: .client) { operation in
            operation.attributes["db.system.name"] = "postgresql"
            operation.attributes["db.statement.names"] = names
            // The statements are answered together, so one span times them all.
            return try await withSpan(names.joined(separator: " "), context: operation.context, ofKind: .client) { span in
                span.attributes["db.system.name"] = "postgresql"
                span.attributes["db.operation.name"] = names.joined(separator: " ")
                return try await chosen.send(statements, answerWithin: answerLimit)
            }
        }
    }
}
