import CLibPQ
import MQDomain

/// What one libpq result holds: its rows in text format, or the error the server reported. Shared by the
/// blocking sessions and the pipeline, so both read results and errors alike. A result does not belong to
/// its connection, so it may be read on any thread.
enum ResultReading {
    /// The result's rows, with `names` giving its column names (read once per statement by the caller).
    /// Takes over `result`: the rows read it in place, and it is freed with the last of them.
    static func rows(of result: OpaquePointer, names: (OpaquePointer, Int32) -> ColumnNames) -> [Row] {
        let rowCount = PQntuples(result)
        guard rowCount > 0 else {
            PQclear(result)
            return []
        }
        let shared = QueryResult(result, columns: names(result, PQnfields(result)))
        return (0..<rowCount).map { Row(result: shared, index: $0) }
    }

    /// The column names of a result, read from the result itself.
    static func columnNames(of result: OpaquePointer, count: Int32) -> ColumnNames {
        ColumnNames((0..<count).map { String(cString: PQfname(result, $0)) })
    }

    /// How many rows a command changed (`PQcmdTuples`), 0 when it does not say.
    static func changedRows(by result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The error a failed result reports: a lost connection when `connectionIsBad`, else the server's
    /// refusal with its SQLSTATE and constraint.
    static func error(of result: OpaquePointer, connectionIsBad: Bool) -> PostgresError {
        if connectionIsBad { return .connectionLost(message(PQresultErrorMessage(result))) }
        return .statementFailed(
            sqlState: field(result, "C") ?? "", message: field(result, "M") ?? message(PQresultErrorMessage(result)),
            constraint: field(result, "n"))
    }

    static func message(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0).trimmingWhitespace() } ?? "unknown error"
    }

    private static func field(_ result: OpaquePointer, _ code: Character) -> String? {
        PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }
}
