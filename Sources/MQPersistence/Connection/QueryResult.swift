import CLibPQ

/// A libpq result that its rows read in place, freed (`PQclear`) when the last row reading it is gone.
///
/// Rows used to copy every value into a `String` of their own as the result arrived: an array and a
/// string per value, most of them numbers parsed again at once. Read in place, a number is parsed from
/// libpq's bytes and a string is made only for a column its reader asks for.
///
/// `@unchecked Sendable`: a result is never changed after libpq made it, and libpq lets any thread read
/// one (it does not belong to its connection).
final class QueryResult: @unchecked Sendable {
    let handle: OpaquePointer
    let columns: ColumnNames

    /// Takes over `handle`: this object frees it.
    init(_ handle: OpaquePointer, columns: ColumnNames) {
        self.handle = handle
        self.columns = columns
    }

    deinit { PQclear(handle) }

    /// The value's bytes in PostgreSQL's text format, `nil` for NULL.
    func bytes(row: Int32, column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard PQgetisnull(handle, row, column) == 0, let value = PQgetvalue(handle, row, column) else { return nil }
        return UnsafeBufferPointer(
            start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: Int(PQgetlength(handle, row, column)))
    }
}
