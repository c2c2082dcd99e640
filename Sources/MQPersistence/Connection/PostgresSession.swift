import CLibPQ
import FoundationEssentials
import MQDomain
import Tracing

#if canImport(Glibc)
    import Glibc
#endif

/// A checked-out connection, used synchronously on the connection's own thread for the length of one
/// repository operation. Never escapes that operation.
public final class PostgresSession {
    let handle: OpaquePointer
    var prepared: Set<String>
    /// Each prepared statement's column names, read from its first result: a statement's columns never change.
    private var columnNames: [String: ColumnNames]
    /// The span of the repository operation using this session, when the request is traced: each
    /// statement becomes a child of it, named by the statement (never its parameter values).
    var operationSpan: ServiceContext?
    /// The statements run so far in this session's operation, when traced.
    var statementsRun: [String] = []
    /// Set by ``transaction(_:)`` until its first statement, which then takes `BEGIN` with it in one
    /// round trip.
    var beginPending = false
    /// Set by ``transaction(_:)`` for the length of its body.
    var inTransaction = false
    /// Set when the body's last statements carried `COMMIT` (``queries(_:committing:)``).
    var committed = false

    init(handle: OpaquePointer, prepared: Set<String>, columnNames: [String: ColumnNames]) {
        self.handle = handle
        self.prepared = prepared
        self.columnNames = columnNames
    }

    var preparedStatements: Set<String> { prepared }
    var statementColumns: [String: ColumnNames] { columnNames }

    /// Runs a prepared statement with bound parameters and returns its rows.
    @discardableResult
    public func query(_ statement: Statement, _ parameters: [String?] = []) throws -> [Row] {
        try check(try execute(statement, parameters), expecting: PGRES_TUPLES_OK, PGRES_COMMAND_OK, columnsOf: statement.name)
    }

    /// Runs a prepared statement that changes rows, and returns how many it changed.
    public func command(_ statement: Statement, _ parameters: [String?] = []) throws -> Int {
        let result = try execute(statement, parameters)
        let changed = result.map(ResultReading.changedRows) ?? 0
        try check(result, expecting: PGRES_TUPLES_OK, PGRES_COMMAND_OK)
        return changed
    }

    /// Prepares `statement` on first use, then runs it; the caller checks (and frees) the result.
    private func execute(_ statement: Statement, _ parameters: [String?]) throws -> OpaquePointer? {
        try LibPQ.requireStorable(parameters)
        guard let operationSpan else { return try executeUntraced(statement, parameters) }
        statementsRun.append(statement.name)
        let span = InstrumentationSystem.tracer.startSpan(statement.name, context: operationSpan, ofKind: .client)
        span.attributes["db.system.name"] = "postgresql"
        span.attributes["db.operation.name"] = statement.name
        defer { span.end() }
        return try executeUntraced(statement, parameters)
    }

    private func executeUntraced(_ statement: Statement, _ parameters: [String?]) throws -> OpaquePointer? {
        precondition(!committed, "a statement after its transaction's COMMIT")
        if beginPending {
            beginPending = false
            return try exchange([(statement, parameters)], beginning: true)[0]
        }
        if !prepared.contains(statement.name) {
            let result = PQprepare(handle, statement.name, statement.sql, Int32(parameters.count), nil)
            try check(result, expecting: PGRES_COMMAND_OK)
            prepared.insert(statement.name)
        }
        return withCStrings(parameters) { values in
            PQexecPrepared(handle, statement.name, Int32(parameters.count), values, nil, nil, 0)
        }
    }

    /// Runs fixed SQL text (several statements allowed) with no parameters: for schema changes.
    public func execute(_ sql: String) throws {
        if beginPending {
            beginPending = false
            try check(PQexec(handle, "BEGIN"), expecting: PGRES_COMMAND_OK)
        }
        try check(PQexec(handle, sql), expecting: PGRES_COMMAND_OK, PGRES_TUPLES_OK)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws. `BEGIN` goes
    /// out with the first statement; a body that runs none costs no round trip.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        beginPending = true
        inTransaction = true
        committed = false
        defer {
            inTransaction = false
            committed = false
        }
        do {
            let value = try body()
            if beginPending {
                beginPending = false
                return value
            }
            if !committed { try execute("COMMIT") }
            return value
        } catch {
            let began = !beginPending
            beginPending = false
            if began, !committed, PQstatus(handle) == CONNECTION_OK { try? execute("ROLLBACK") }
            throw error
        }
    }

    @discardableResult
    func check(_ result: OpaquePointer?, expecting accepted: ExecStatusType..., columnsOf statement: String? = nil) throws -> [Row] {
        guard let result else { throw PostgresError.connectionLost(Self.message(PQerrorMessage(handle))) }
        guard accepted.contains(PQresultStatus(result)) else {
            defer { PQclear(result) }
            throw ResultReading.error(of: result, connectionIsBad: PQstatus(handle) != CONNECTION_OK)
        }
        return ResultReading.rows(of: result) { result, count in
            if let statement, let known = columnNames[statement], known.count == count { return known }
            let names = ResultReading.columnNames(of: result, count: count)
            if let statement { columnNames[statement] = names }
            return names
        }
    }

    static func message(_ pointer: UnsafePointer<CChar>?) -> String {
        ResultReading.message(pointer)
    }
}

/// Calls `body` with C strings for `values` (NULL for `nil`), freed afterwards.
func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } }
    defer {
        for pointer in pointers { free(pointer) }
    }
    return body(pointers.map { $0.map { UnsafePointer($0) } })
}
