import FoundationEssentials

/// One result row, read by column name into typed values. A column the query did not select, an
/// unexpected NULL, or text that is not the type asked for throws ``RowDecodingError`` instead of turning
/// into `""`, `0` or 1970, so a mismatch between a query and its reader fails loudly in the first test.
///
/// Values are read in place from the result (``QueryResult``), in PostgreSQL's text format.
public struct Row: Sendable {
    let result: QueryResult
    let index: Int32

    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        return value
    }

    public func optionalString(_ column: String) throws -> String? {
        try bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the column is NULL, without reading its value.
    public func isNull(_ column: String) throws -> Bool {
        try bytes(column) == nil
    }

    public func int(_ column: String) throws -> Int {
        guard let value = try optionalInt(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        return value
    }

    public func optionalInt(_ column: String) throws -> Int? {
        guard let text = try bytes(column) else { return nil }
        guard let value = Self.integer(text) else { throw RowDecodingError(column: column, problem: "is not an integer") }
        return value
    }

    public func bool(_ column: String) throws -> Bool {
        guard let text = try bytes(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        switch text.count == 1 ? text[0] : 0 {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw RowDecodingError(column: column, problem: "is not a boolean")
        }
    }

    /// A timestamp the query selected as whole microseconds since 1970 (see ``SQLTime``).
    public func date(_ column: String) throws -> Date {
        guard let date = try optionalDate(column) else { throw RowDecodingError(column: column, problem: "is NULL") }
        return date
    }

    public func optionalDate(_ column: String) throws -> Date? {
        guard let text = try bytes(column) else { return nil }
        guard let micros = Self.integer(text) else { throw RowDecodingError(column: column, problem: "is not microseconds since 1970") }
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// The column's bytes, `nil` for NULL.
    private func bytes(_ column: String) throws -> UnsafeBufferPointer<UInt8>? {
        guard let position = result.columns.position(of: column) else { throw RowDecodingError(column: column, problem: "was not selected") }
        return result.bytes(row: index, column: Int32(position))
    }

    /// Decimal text as `Int(_:)` reads it (an optional sign, then digits only), `nil` for anything else or
    /// a number too large.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits = text[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            let digit = Int(byte) &- Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowShift, !overflowAdd else { return nil }
            value = next
        }
        return value
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
