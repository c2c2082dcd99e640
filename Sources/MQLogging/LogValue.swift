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
    private static func scalar(_ convertible: any CustomStringConvertible & Sendable) -> LogValue {
        // The types request lines carry, tried first: a cast to a concrete type is far cheaper than one to
        // a protocol, and this runs for every number on every line.
        if let integer = convertible as? Int { return .integer(Int64(integer)) }
        if let double = convertible as? Double { return double.isFinite ? .number(double) : .string(convertible.description) }
        if let integer = convertible as? any BinaryInteger, let exact = Int64(exactly: integer) { return .integer(exact) }
        if let number = convertible as? any BinaryFloatingPoint {
            let double = Double(number)
            if double.isFinite { return .number(double) }
        }
        return .string(convertible.description)
    }
}
