import CLibPQ
import Metrics
import Synchronization
import Tracing

/// Single statements from any number of requests, sent over a few connections in pipeline mode
/// (`DB_PIPELINE_CONNECTIONS`): what the repositories use for every operation that is one statement
/// (most reads, a page of visits with its photos among them).
/// Transactions, and operations whose statements must share a session, use the ``ConnectionPool``'s
/// sessions instead.
///
/// Each statement goes to the connection with the fewest unanswered statements. At most
/// `maxDepth` statements are unanswered on each connection; past that, a statement waits for room
/// (``PipelineAdmission``) for up to `DB_ACQUIRE_TIMEOUT`, as a request waits for a pooled connection, and
/// only then is refused with ``PostgresError/poolExhausted`` (answered 503).
public final class StatementPipeline: Sendable {
    /// Statements that may wait for answers on one connection (and up to ``maxProbes`` probes beside them).
    ///
    /// Shallow on purpose: the rest wait their turn here, in order, rather than queued in PostgreSQL's
    /// process, where dear statements (a feed page, a leaderboard) ran one after another behind whichever
    /// had to wait for a core. At 64 connections, 16 against 256 cut the social reads' p99 by half or more
    /// with `/me`'s rate unchanged (`docs/performance.md`); 32 in flight still cover a round trip of a
    /// millisecond or two to RDS at /me's rates.
    public static let maxDepth = 16
    /// Probes that may go out at once without waiting for room.
    public static let maxProbes = 4

    private let connections: [PipelinedConnection]
    private let admission: PipelineAdmission
    private let probesInFlight = Atomic<Int>(0)
    private let answerLimit: Duration?
    /// Each prepared statement's column names, read from its first result: a statement's columns never change.
    private let columnNames = Mutex<[String: ColumnNames]>([:])
    private let inFlightGauge = Gauge(label: "mq_db_pipeline_statements_in_flight")

    /// `settings.pipelineConnections` connections, opened on first use; `reachability` is shared with the
    /// store's other connections.
    public init(settings: DatabaseSettings, reachability: DatabaseReachability = DatabaseReachability()) {
        connections = (0..<max(settings.pipelineConnections, 1)).map { _ in
            PipelinedConnection(settings: settings, reachability: reachability)
        }
        admission = PipelineAdmission(capacity: Self.maxDepth * connections.count, patience: settings.acquireTimeout)
        // The server cancels a statement after `statement_timeout`; a connection silent well past that is gone.
        answerLimit = settings.statementTimeout > .zero ? settings.statementTimeout + .seconds(settings.connectTimeout) : nil
    }

    deinit {
        for connection in connections { connection.close() }
    }

    /// Statements sent and not yet answered, over every connection.
    public var inFlight: Int { connections.reduce(0) { $0 + $1.inFlight } }

    /// Statements waiting for room, none of them sent yet.
    public var waiting: Int { admission.waiting }

    /// Statements refused after waiting `DB_ACQUIRE_TIMEOUT` for room, since start.
    public var admissionTimeouts: Int { admission.timeouts }

    /// Connections open right now.
    public var openConnections: Int { connections.filter(\.isOpen).count }

    /// Runs a prepared statement with bound parameters and returns its rows.
    public func query(_ statement: Statement, _ parameters: [String?] = []) async throws -> [Row] {
        let answer = try await send(statement, parameters)
        return ResultReading.rows(of: answer.result) { result, count in
            if let known = columnNames.withLock({ $0[statement.name] }), known.count == count { return known }
            let names = ResultReading.columnNames(of: result, count: count)
            columnNames.withLock { $0[statement.name] = names }
            return names
        }
    }

    /// Runs a prepared statement that changes rows, and returns how many it changed.
    public func command(_ statement: Statement, _ parameters: [String?] = []) async throws -> Int {
        let answer = try await send(statement, parameters)
        defer { PQclear(answer.result) }
        return ResultReading.changedRows(by: answer.result)
    }

    /// Runs a statement whose answer should tell whether PostgreSQL answers, not how long the line for
    /// room is: the health check's. Up to ``maxProbes`` at once go out without waiting for room, so a burst
    /// that fills the pipeline does not make a busy task look dead to its load balancer (which would
    /// have it replaced, and its load moved onto the others); more wait their turn like any statement.
    public func probe(_ statement: Statement) async throws {
        guard probesInFlight.add(1, ordering: .relaxed).newValue <= Self.maxProbes else {
            probesInFlight.subtract(1, ordering: .relaxed)
            _ = try await query(statement)
            return
        }
        defer { probesInFlight.subtract(1, ordering: .relaxed) }
        PQclear(try await sendNow(statement, []).result)
    }

    /// Closes every connection, e.g. on shutdown; the next statement opens them again.
    public func close() {
        for connection in connections { connection.close() }
    }

    private func send(_ statement: Statement, _ parameters: [String?]) async throws -> PipelinedConnection.Answer {
        try LibPQ.requireStorable(parameters)
        try await admission.enter()
        defer { admission.leave() }
        return try await sendNow(statement, parameters)
    }

    /// Sends on the least busy connection. With room admitted, it has fewer than `maxDepth` unanswered.
    private func sendNow(_ statement: Statement, _ parameters: [String?]) async throws -> PipelinedConnection.Answer {
        var chosen = connections[0]
        for connection in connections.dropFirst() where connection.inFlight < chosen.inFlight { chosen = connection }
        inFlightGauge.record(inFlight + 1)
        defer { inFlightGauge.record(inFlight) }
        guard let parent = ServiceContext.current else {
            return try await chosen.send(statement, parameters, answerWithin: answerLimit)
        }
        return try await withSpan("postgres " + statement.name, context: parent, ofKind: .client) { operation in
            operation.attributes["db.system.name"] = "postgresql"
            operation.attributes["db.statement.names"] = [statement.name]
            return try await withSpan(statement.name, context: operation.context, ofKind: .client) { span in
                span.attributes["db.system.name"] = "postgresql"
                span.attributes["db.operation.name"] = statement.name
                return try await chosen.send(statement, parameters, answerWithin: answerLimit)
            }
        }
    }
}
