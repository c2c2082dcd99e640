import FoundationEssentials

/// UTC timestamps as the app decodes them, and as logs, the console and operator commands print them:
/// ISO 8601 with microseconds and a `Z`, e.g. `2025-11-05T21:10:32.998848Z`.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = Int(micros - seconds * 1_000_000)
        let parts = CivilTime(secondsSince1970: seconds)
        let year = parts.year
        guard (0...9999).contains(year) else {
            let date = "\(year.zeroPadded(to: 4))-\(parts.month.zeroPadded(to: 2))-\(parts.day.zeroPadded(to: 2))"
            return date
                + "T\(parts.hour.zeroPadded(to: 2)):\(parts.minute.zeroPadded(to: 2)):\(parts.second.zeroPadded(to: 2)).\(fraction.zeroPadded(to: 6))Z"
        }
        // Digits written straight into 27 bytes: this runs for every timestamp in every answer and log line.
        return String(unsafeUninitializedCapacity: 27) { buffer in
            var position = 0
            func put(_ value: Int, digits: Int) {
                var value = value
                for offset in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                position += digits
            }
            func put(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            put(year, digits: 4)
            put(UInt8(ascii: "-"))
            put(parts.month, digits: 2)
            put(UInt8(ascii: "-"))
            put(parts.day, digits: 2)
            put(UInt8(ascii: "T"))
            put(parts.hour, digits: 2)
            put(UInt8(ascii: ":"))
            put(parts.minute, digits: 2)
            put(UInt8(ascii: ":"))
            put(parts.second, digits: 2)
            put(UInt8(ascii: "."))
            put(fraction, digits: 6)
            put(UInt8(ascii: "Z"))
            return position
        }
    }
}
