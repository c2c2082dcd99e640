import Foundation

/// UTC timestamps as the app decodes them, and as logs, the console and operator commands print them:
/// ISO 8601 with microseconds and a `Z`, e.g. `2025-11-05T21:10:32.998848Z`.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = time_t(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = "\((Int(parts.tm_year) + 1900).zeroPadded(to: 4))-\((Int(parts.tm_mon) + 1).zeroPadded(to: 2))-\(parts.tm_mday.zeroPadded(to: 2))"
        return date + "T\(parts.tm_hour.zeroPadded(to: 2)):\(parts.tm_min.zeroPadded(to: 2)):\(parts.tm_sec.zeroPadded(to: 2)).\(fraction.zeroPadded(to: 6))Z"
    }
}
