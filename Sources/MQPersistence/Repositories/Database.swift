import MQDomain

/// The database as repositories use it: one statement through the pipeline, or one closure per
/// operation on a pooled session, with database outages reported to the game as
/// ``MapleQuestError/databaseUnavailable(_:)`` (answered 503).
struct Database: Sendable {
    let pool: ConnectionPool
    /// `nil` when `DB_PIPELINE_CONNECTIONS` is 0: single statements then take a pooled session too.
    let pipeline: StatementPipeline?

    /// Runs an operation that is one statement, and returns its rows. Like a ``transaction(_:)``, a
    /// statement refused for a foreign key runs once more.
    @discardableResult
    func query(_ statement: Statement, _ parameters: [String?] = []) async throws -> [Row] {
        try await retryingOnce {
            guard let pipeline else { return try await run { try $0.query(statement, parameters) } }
            return try await reportingOutages { try await pipeline.query(statement, parameters) }
        }
    }

    /// Runs an operation that is one statement changing rows, and returns how many it changed; once more
    /// if a foreign key refuses it.
    func command(_ statement: Statement, _ parameters: [String?] = []) async throws -> Int {
        try await retryingOnce {
            guard let pipeline else { return try await run { try $0.command(statement, parameters) } }
            return try await reportingOutages { try await pipeline.command(statement, parameters) }
        }
    }

    /// Runs a statement that only checks PostgreSQL answers (``StatementPipeline/probe(_:)``).
    func probe(_ statement: Statement) async throws {
        guard let pipeline else { return try await run { _ = try $0.query(statement) } }
        try await reportingOutages { try await pipeline.probe(statement) }
    }

    /// Runs an operation of several statements on one pooled session.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await reportingOutages { try await pool.withSession(body) }
    }

    private func reportingOutages<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as PostgresError where error.isTransient {
            throw MapleQuestError.databaseUnavailable(error.description)
        } catch PostgresError.unstorableText {
            throw MapleQuestError.rejected("Null characters are not allowed.")
        }
    }

    /// Runs `body` in a transaction, and once more if a foreign key refuses it.
    ///
    /// Under read committed a transaction can read a row that another transaction is deleting, and then
    /// refer to it: a player earns an achievement or checks in at a landmark that staff remove at that
    /// moment, or sends a friend request to an account being closed. The reference is refused when the
    /// deletion commits (`23503`), and the whole transaction rolls back. Run again, `body` sees the
    /// deletion and answers as if it had come first (no award, a missing landmark). A second refusal is no
    /// race, and is reported as it is. Every `body` only reads and writes through its session, so running
    /// it twice is safe.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await retryingOnce { try await run { session in try session.transaction { try body(session) } } }
    }

    /// Runs `operation`, and once more if a foreign key refused it (which left nothing changed).
    private func retryingOnce<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as PostgresError where error.isForeignKeyViolation {
            return try await operation()
        }
    }
}

extension PostgresSession {
    /// Runs a write that may break a uniqueness rule, reporting which one as ``DuplicateValue``.
    @discardableResult
    func uniquely<T>(_ field: (String?) -> DuplicateValue.Field, _ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch let error as PostgresError where error.isUniqueViolation {
            throw DuplicateValue(field(error.constraint))
        }
    }
}

/// Paged queries select `count(*) OVER () AS total` beside the page's columns.
func page<Item: Sendable>(_ rows: [Row], _ request: PageRequest, _ decode: (Row) throws -> Item) throws -> Page<Item> {
    Page(items: try rows.map(decode), totalCount: try totalCount(rows), request: request)
}

/// The length of the whole list a paged query's rows come from (zero when there are no rows).
func totalCount(_ rows: [Row]) throws -> Int {
    try rows.first?.int("total") ?? 0
}

extension PageRequest {
    var sqlParameters: [String?] { [String(size), String(offset)] }
}
