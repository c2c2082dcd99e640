import Tracing
import W3CTraceContext

/// A span attribute's value in OTLP's terms.
enum OTLPValue {
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case array([OTLPValue])

    init(_ attribute: SpanAttribute) {
        switch attribute {
        case .int32(let value): self = .int(Int64(value))
        case .int64(let value): self = .int(value)
        case .int32Array(let values): self = .array(values.map { .int(Int64($0)) })
        case .int64Array(let values): self = .array(values.map { .int($0) })
        case .double(let value): self = .double(value)
        case .doubleArray(let values): self = .array(values.map { .double($0) })
        case .bool(let value): self = .bool(value)
        case .boolArray(let values): self = .array(values.map { .bool($0) })
        case .string(let value): self = .string(value)
        case .stringArray(let values): self = .array(values.map { .string($0) })
        case .stringConvertible(let value): self = .string(value.description)
        case .stringConvertibleArray(let values): self = .array(values.map { .string($0.description) })
        default: self = .string("\(attribute)")
        }
    }
}

extension TraceState {
    /// The `tracestate` header's text, empty when there is none.
    var headerValue: String {
        map { "\($0.vendor)=\($0.value)" }.joined(separator: ",")
    }
}

extension SpanAttributes {
    /// Every attribute as a name and value (`SpanAttributes` offers only `forEach`, not a sequence).
    var entries: [(name: String, value: SpanAttribute)] {
        var entries: [(name: String, value: SpanAttribute)] = []
        // swift-format-ignore: ReplaceForEachWithForLoop
        forEach { name, value in entries.append((name, value)) }
        return entries
    }
}
