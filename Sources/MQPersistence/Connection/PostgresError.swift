/// What went wrong talking to PostgreSQL.
public enum PostgresError: Error, CustomStringConvertible {
    /// No connection could be made, or it broke: the database is unreachable for now.
    case connectionLost(String)
    /// No connection became free in time.
    case poolExhausted
    /// The server refused a statement.
    case statementFailed(sqlState: String, message: String, constraint: String?)

    public var description: String {
        switch self {
        case .connectionLost(let message): "connection lost: \(message)"
        case .poolExhausted: "no database connection became free in time"
        case .statementFailed(let state, let message, _): "SQLSTATE \(state): \(message)"
        }
    }

    /// Errors that mean "try again later" rather than a bug: connection and resource problems,
    /// server shutdown, serialization failures and deadlocks.
    var isTransient: Bool {
        switch self {
        case .connectionLost, .poolExhausted: return true
        case .statementFailed(let state, _, _):
            return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P")
                || state == "40001" || state == "40P01" || state == "55P03"
        }
    }

    var isUniqueViolation: Bool {
        if case .statementFailed("23505", _, _) = self { return true }
        return false
    }

    var constraint: String? {
        if case .statementFailed(_, _, let constraint) = self { return constraint }
        return nil
    }
}
