import FoundationEssentials
import MQDomain

/// Timestamps cross the wire exactly: bound as ISO text with microseconds, read back as integer
/// microseconds (`SQLTime.micros("column")` in a select list).
public enum SQLTime {
    static func micros(_ column: String) -> String {
        "(extract(epoch from \(column)) * 1000000)::bigint"
    }

    /// ISO 8601 with microseconds and a `Z`, which PostgreSQL reads as a `timestamptz`.
    static func parameter(_ date: Date) -> String {
        Timestamp.string(date)
    }
}
