import FoundationEssentials
import Tracing
import W3CTraceContext

extension OTLPTraceExport {
    /// The request as `application/json`, in OTLP's JSON mapping: lowerCamelCase names, ids in hex,
    /// 64-bit integers as strings, enums as numbers.
    func json() -> [UInt8] {
        let request = JSONRequest(resourceSpans: [
            .init(
                resource: .init(attributes: Self.keyValues(resourceAttributes)),
                scopeSpans: [.init(scope: .init(name: Self.scopeName), spans: spans.map(Self.jsonSpan))])
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? Array(encoder.encode(request))) ?? []
    }

    private static func jsonSpan(_ span: FinishedSpan) -> JSONSpan {
        JSONSpan(
            traceId: span.identity.traceID.description, spanId: span.identity.spanID.description,
            traceState: span.identity.state.headerValue.nilIfEmpty, parentSpanId: span.identity.parentSpanID?.description,
            name: span.name, kind: number(span.kind), startTimeUnixNano: String(span.startNanoseconds),
            endTimeUnixNano: String(span.endNanoseconds), attributes: keyValues(span.attributes),
            droppedAttributesCount: span.droppedAttributes,
            events: span.events.map {
                .init(timeUnixNano: String($0.nanosecondsSinceEpoch), name: $0.name, attributes: keyValues($0.attributes))
            },
            droppedEventsCount: span.droppedEvents,
            links: span.links.map {
                .init(
                    traceId: $0.identity.traceID.description, spanId: $0.identity.spanID.description,
                    traceState: $0.identity.state.headerValue.nilIfEmpty, attributes: keyValues($0.attributes))
            },
            droppedLinksCount: span.droppedLinks,
            status: span.status.map { .init(message: $0.message, code: number($0.code)) },
            flags: flags(span))
    }

    private static func keyValues(_ attributes: SpanAttributes) -> [JSONKeyValue] {
        attributes.entries.map { JSONKeyValue(key: $0.name, value: JSONAnyValue(OTLPValue($0.value))) }
    }
}

private struct JSONRequest: Encodable {
    var resourceSpans: [JSONResourceSpans]
}

private struct JSONResourceSpans: Encodable {
    struct Resource: Encodable { var attributes: [JSONKeyValue] }
    struct ScopeSpans: Encodable {
        struct Scope: Encodable { var name: String }
        var scope: Scope
        var spans: [JSONSpan]
    }
    var resource: Resource
    var scopeSpans: [ScopeSpans]
}

private struct JSONSpan: Encodable {
    struct Event: Encodable {
        var timeUnixNano: String
        var name: String
        var attributes: [JSONKeyValue]
    }
    struct Link: Encodable {
        var traceId: String
        var spanId: String
        var traceState: String?
        var attributes: [JSONKeyValue]
    }
    struct Status: Encodable {
        var message: String?
        var code: UInt64
    }
    var traceId: String
    var spanId: String
    var traceState: String?
    var parentSpanId: String?
    var name: String
    var kind: UInt64
    var startTimeUnixNano: String
    var endTimeUnixNano: String
    var attributes: [JSONKeyValue]
    var droppedAttributesCount: Int
    var events: [Event]
    var droppedEventsCount: Int
    var links: [Link]
    var droppedLinksCount: Int
    var status: Status?
    var flags: UInt32
}

private struct JSONKeyValue: Encodable {
    var key: String
    var value: JSONAnyValue
}

private struct JSONAnyValue: Encodable {
    let value: OTLPValue

    init(_ value: OTLPValue) { self.value = value }

    private enum Keys: String, CodingKey {
        case stringValue, boolValue, intValue, doubleValue, arrayValue
    }

    private struct ArrayValue: Encodable { var values: [JSONAnyValue] }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch value {
        case .string(let text): try container.encode(text, forKey: .stringValue)
        case .bool(let flag): try container.encode(flag, forKey: .boolValue)
        case .int(let number): try container.encode(String(number), forKey: .intValue)
        case .double(let number):
            // JSON has no NaN or infinity; OTLP's mapping spells them as strings.
            if number.isFinite {
                try container.encode(number, forKey: .doubleValue)
            } else {
                try container.encode(number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity"), forKey: .doubleValue)
            }
        case .array(let values): try container.encode(ArrayValue(values: values.map(JSONAnyValue.init)), forKey: .arrayValue)
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
