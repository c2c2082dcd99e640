import FoundationEssentials

/// One result row, read by column name into typed values. A column the query did not select, an
/// unexpected NULL, or text that is not the type asked for throws ``RowDecodingError`` instead of turning
/// into `""`, `0` or 1970, so a mismatch between a query and its reader fails loudly in the first test.
public struct Row: Sendable {
    let columns: ColumnNames
    /// Values in PostgreSQL's text format, `nil` for NULL, in the query's column order.
    let values: [String?]

    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        return value
    }

    public func optionalString(_ column: String) throws -> String? {
        guard let index = columns.position(of: column) else { throw RowDecodingError(column: column, problem: "was not selected") }
        return values[index]
    }

    public func int(_ column: String) throws -> Int {
        let text = try string(column)
        guard let value = Int(text) else { throw RowDecodingError(column: column, problem: "is not an integer") }
        return value
    }

    public func optionalInt(_ column: String) throws -> Int? {
        guard try optionalString(column) != nil else { return nil }
        return try int(column)
    }

    public func bool(_ column: String) throws -> Bool {
        switch try string(column) {
        case "t": return true
        case "f": return false
        default: throw RowDecodingError(column: column, problem: "is not a boolean")
        }
    }

    /// A timestamp the query selected as whole microseconds since 1970 (see ``SQLTime``).
    public func date(_ column: String) throws -> Date {
        guard let date = try optionalDate(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        return date
    }

    public func optionalDate(_ column: String) throws -> Date? {
        guard let text = try optionalString(column) else { return nil }
        guard let micros = Int64(text) else { throw RowDecodingError(column: column, problem: "is not microseconds since 1970") }
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}

/// The column names of one result, shared by its rows.
final class ColumnNames: Sendable {
    /// In the query's order. A list, not a dictionary: a result has a few dozen columns at most, and
    /// comparing names cost less than hashing them on every read.
    let names: [String]
    /// Each name's length in UTF-8, so a lookup compares only the names as long as the one it seeks:
    /// comparing every long name (`location_default_image_url`) was a sixth of answering a feed page.
    private let lengths: [Int]

    var count: Int32 { Int32(names.count) }

    /// The first of two columns with one name wins; queries alias their columns so that none repeat.
    init(_ names: [String]) {
        self.names = names
        lengths = names.map(\.utf8.count)
    }

    func position(of name: String) -> Int? {
        let length = name.utf8.count
        for index in lengths.indices where lengths[index] == length && names[index] == name { return index }
        return nil
    }
}

/// A row did not hold what its reader expected.
public struct RowDecodingError: Error, CustomStringConvertible {
    public var column: String
    public var problem: String

    public var description: String { "column \(column) \(problem)" }
}
