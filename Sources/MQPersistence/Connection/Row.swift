import Foundation

/// One result row, values in PostgreSQL's text format (`nil` for NULL).
public struct Row: Sendable {
    let values: [String?]

    public func string(_ column: Int) -> String { values[column] ?? "" }
    public func optionalString(_ column: Int) -> String? { values[column] }
    public func int(_ column: Int) -> Int { values[column].flatMap { Int($0) } ?? 0 }
    public func bool(_ column: Int) -> Bool { values[column] == "t" }

    /// A timestamp the query selected as whole microseconds since 1970 (see ``SQLTime``).
    public func date(_ column: Int) -> Date { optionalDate(column) ?? Date(timeIntervalSince1970: 0) }

    public func optionalDate(_ column: Int) -> Date? {
        values[column].flatMap { Int64($0) }.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
    }
}

/// Timestamps cross the wire exactly: bound as ISO text with microseconds, read back as integer
/// microseconds (`SQLTime.micros("column")` in a select list).
public enum SQLTime {
    static func micros(_ column: String) -> String {
        "(extract(epoch from \(column)) * 1000000)::bigint"
    }

    static func parameter(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros / 1_000_000
        let fraction = micros % 1_000_000
        let base = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: base)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) \(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(Int(fraction), 6))+00"
    }
}
