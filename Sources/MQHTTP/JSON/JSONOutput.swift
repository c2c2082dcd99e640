/// A JSON value to send: for bodies whose keys are not known until run time (errors, health).
public enum JSONOutput: Sendable, Equatable, Encodable, ExpressibleByStringLiteral {
    case string(String)
    case array([JSONOutput])
    case object([String: JSONOutput])

    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let fields): try container.encode(fields)
        }
    }
}
