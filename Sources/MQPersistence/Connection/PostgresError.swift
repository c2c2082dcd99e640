/// What went wrong talking to PostgreSQL.
public enum PostgresError: Error, CustomStringConvertible {
    /// No connection could be made, or it broke: the database is unreachable for now.
    case connectionLost(String)
    /// No connection became free in time.
    case poolExhausted
    /// The server refused a statement.
    case statementFailed(sqlState: String, message: String, constraint: String?)
    /// A parameter held text PostgreSQL cannot store (a NUL); nothing was sent.
    case unstorableText

    public var description: String {
        switch self {
        case .connectionLost(let message): "connection lost: \(message)"
        case .poolExhausted: "no database connection became free in time"
        case .statementFailed(let state, let message, _): "SQLSTATE \(state): \(message)"
        case .unstorableText: "a parameter holds a NUL character"
        }
    }

    /// Errors that mean "try again later" rather than a bug: connection and resource problems,
    /// server shutdown, serialization failures and deadlocks, statements cancelled by `statement_timeout`
    /// and locks not granted within `lock_timeout`.
    var isTransient: Bool {
        switch self {
        case .connectionLost, .poolExhausted: return true
        case .unstorableText: return false
        case .statementFailed(let state, _, _):
            return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P")
                || state == "40001" || state == "40P01" || state == "55P03" || state == "57014" || state == "25P03"
        }
    }

    /// The SQLSTATE of a refused statement; `nil` for every other error.
    private var sqlState: String? {
        if case .statementFailed(let state, _, _) = self { return state }
        return nil
    }

    var isUniqueViolation: Bool { sqlState == "23505" }

    /// A row referred to is not there: within a transaction, usually one deleted while it ran.
    var isForeignKeyViolation: Bool { sqlState == "23503" }

    var constraint: String? {
        if case .statementFailed(_, _, let constraint) = self { return constraint }
        return nil
    }
}
