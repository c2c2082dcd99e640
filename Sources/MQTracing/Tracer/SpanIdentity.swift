import Tracing
import W3CTraceContext

/// Where a span sits in its trace: what `traceparent` carries, plus its parent and whether that came from
/// another process.
public struct SpanIdentity: Sendable {
    public var traceID: TraceID
    public var spanID: SpanID
    public var parentSpanID: SpanID?
    public var flags: TraceFlags
    public var state: TraceState
    /// Whether this identity arrived in a request's headers rather than from a span started here.
    public var isRemote: Bool

    public var isSampled: Bool { flags.contains(.sampled) }
}

private enum SpanIdentityKey: InstrumentationContextKey {
    typealias Value = SpanIdentity
}

extension InstrumentationContext {
    /// The span this context belongs to, if a tracer put one there.
    public var spanIdentity: SpanIdentity? {
        get { self[SpanIdentityKey.self] }
        set { self[SpanIdentityKey.self] = newValue }
    }
}
