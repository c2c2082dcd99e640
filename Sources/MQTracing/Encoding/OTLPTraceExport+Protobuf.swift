import Tracing

extension OTLPTraceExport {
    /// The request as `application/x-protobuf`.
    func protobuf() -> [UInt8] {
        var request = ProtobufWriter()
        request.message(1) { resourceSpans in
            resourceSpans.message(1) { resource in Self.write(resourceAttributes, field: 1, into: &resource) }
            resourceSpans.message(2) { scopeSpans in
                scopeSpans.message(1) { scope in scope.string(1, Self.scopeName) }
                for span in spans {
                    scopeSpans.message(2) { Self.write(span, into: &$0) }
                }
            }
        }
        return request.bytes
    }

    private static func write(_ span: FinishedSpan, into writer: inout ProtobufWriter) {
        writer.lengthDelimited(1, span.identity.traceID.byteArray)
        writer.lengthDelimited(2, span.identity.spanID.byteArray)
        writer.string(3, span.identity.state.headerValue)
        if let parent = span.identity.parentSpanID { writer.lengthDelimited(4, parent.byteArray) }
        writer.string(5, span.name)
        writer.uint(6, number(span.kind))
        writer.fixed64(7, span.startNanoseconds)
        writer.fixed64(8, span.endNanoseconds)
        write(span.attributes, field: 9, into: &writer)
        writer.uint(10, UInt64(span.droppedAttributes))
        for event in span.events {
            writer.message(11) { message in
                message.fixed64(1, event.nanosecondsSinceEpoch)
                message.string(2, event.name)
                write(event.attributes, field: 3, into: &message)
            }
        }
        writer.uint(12, UInt64(span.droppedEvents))
        for link in span.links {
            writer.message(13) { message in
                message.lengthDelimited(1, link.identity.traceID.byteArray)
                message.lengthDelimited(2, link.identity.spanID.byteArray)
                message.string(3, link.identity.state.headerValue)
                write(link.attributes, field: 4, into: &message)
            }
        }
        writer.uint(14, UInt64(span.droppedLinks))
        if let status = span.status {
            writer.message(15) { message in
                message.string(2, status.message ?? "")
                message.uint(3, number(status.code))
            }
        }
        writer.fixed32(16, flags(span))
    }

    /// Each attribute as a `KeyValue` in `field`.
    private static func write(_ attributes: SpanAttributes, field: Int, into writer: inout ProtobufWriter) {
        for (name, attribute) in attributes.entries {
            writer.message(field) { keyValue in
                keyValue.string(1, name)
                keyValue.message(2) { write(OTLPValue(attribute), into: &$0) }
            }
        }
    }

    /// An `AnyValue`: string 1, bool 2, int 3, double 4, array 5 (`ArrayValue.values` = 1).
    private static func write(_ value: OTLPValue, into writer: inout ProtobufWriter) {
        switch value {
        case .string(let text): writer.stringAlways(1, text)
        case .bool(let flag): writer.bool(2, flag, always: true)
        case .int(let number): writer.int64(3, number, always: true)
        case .double(let number): writer.double(4, number, always: true)
        case .array(let values):
            writer.message(5) { array in
                for element in values { array.message(1) { write(element, into: &$0) } }
            }
        }
    }
}
