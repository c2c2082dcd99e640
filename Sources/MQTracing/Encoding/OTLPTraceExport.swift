import Tracing
import W3CTraceContext

/// One export request: OTLP's `ExportTraceServiceRequest` with one resource (this service) and one scope.
/// Field numbers follow `opentelemetry/proto/trace/v1/trace.proto`.
struct OTLPTraceExport {
    let serviceName: String
    let spans: [FinishedSpan]

    static let scopeName = "mq-server"

    var resourceAttributes: SpanAttributes {
        ["service.name": .string(serviceName), "telemetry.sdk.name": "mq-server", "telemetry.sdk.language": "swift"]
    }

    /// `SpanKind` as OTLP numbers it.
    static func number(_ kind: SpanKind) -> UInt64 {
        switch kind {
        case .internal: return 1
        case .server: return 2
        case .client: return 3
        case .producer: return 4
        case .consumer: return 5
        }
    }

    /// `Status.StatusCode`: unset 0, ok 1, error 2.
    static func number(_ status: SpanStatus.Code) -> UInt64 {
        switch status {
        case .ok: return 1
        case .error: return 2
        }
    }

    /// `Span.flags`: the W3C trace flags, and whether the parent span was in another process.
    static func flags(_ span: FinishedSpan) -> UInt32 {
        let hasIsRemote: UInt32 = 0x100
        let isRemote: UInt32 = 0x200
        return UInt32(span.identity.flags.rawValue) | hasIsRemote | (span.parentIsRemote ? isRemote : 0)
    }
}

extension TraceID {
    var byteArray: [UInt8] { withSpan { span in (0..<16).map { span[$0] } } }
}

extension SpanID {
    var byteArray: [UInt8] { withSpan { span in (0..<8).map { span[$0] } } }
}
