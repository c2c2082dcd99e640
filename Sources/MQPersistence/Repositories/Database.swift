import MQDomain

/// The pool as repositories use it: one closure per operation, with database outages reported to the
/// game as ``MapleQuestError/databaseUnavailable(_:)`` (answered 503).
struct Database: Sendable {
    let pool: ConnectionPool

    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        do {
            return try await pool.withSession(body)
        } catch let error as PostgresError where error.isTransient {
            throw MapleQuestError.databaseUnavailable(error.description)
        } catch PostgresError.unstorableText {
            throw MapleQuestError.rejected("Null characters are not allowed.")
        }
    }

    /// Runs `body` in a transaction.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await run { session in try session.transaction { try body(session) } }
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
