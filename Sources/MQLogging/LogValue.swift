import Logging

/// A metadata value as it appears in a JSON log line.
enum LogValue {
    case string(String)
    case integer(Int64)
    case number(Double)
    case array([LogValue])
    case object([String: LogValue])

    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let convertible): self = Self.scalar(convertible)
        case .array(let values): self = .array(values.map(LogValue.init))
        case .dictionary(let dictionary): self = .object(dictionary.mapValues(LogValue.init))
        }
    }

    /// Integers and finite floating-point values become numbers; anything else its description.
    private static func scalar<Value: CustomStringConvertible & Sendable>(_ value: Value) -> LogValue {
        // The types request lines carry, recognised by comparing types rather than casting: a dynamic cast
        // costs more than writing the number, and this runs for every number on every line.
        if Value.self == Int.self { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
        if Value.self == Double.self {
            let double = unsafeBitCast(value, to: Double.self)
            return double.isFinite ? .number(double) : .string(value.description)
        }
        if let integer = value as? any BinaryInteger, let exact = Int64(exactly: integer) { return .integer(exact) }
        if let number = value as? any BinaryFloatingPoint {
            let double = Double(number)
            if double.isFinite { return .number(double) }
        }
        return .string(value.description)
    }
}

/// One named value of a log line.
struct LogField {
    var key: String
    var value: LogValue
}
