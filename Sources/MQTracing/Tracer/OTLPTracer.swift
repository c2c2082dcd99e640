import AsyncHTTPClient
import Logging
import Tracing
import W3CTraceContext

/// OpenTelemetry tracing over OTLP/HTTP: W3C `traceparent`/`tracestate` propagation, the standard samplers,
/// and a bounded batch exporter. Install it with ``OTLPTracer/make(_:client:logger:)``.
public struct OTLPTracer: Tracer {
    private let sampler: TraceSampler
    private let queue: SpanQueue

    init(sampler: TraceSampler, queue: SpanQueue) {
        self.sampler = sampler
        self.queue = queue
    }

    /// A tracer and the service that exports its spans (run it beside the server; it sends what is left
    /// when it shuts down).
    public static func make(
        _ configuration: TracingConfiguration, client: HTTPClient = .shared, logger: Logger
    ) -> (tracer: OTLPTracer, exporter: SpanExportService) {
        let queue = SpanQueue(capacity: configuration.maxQueueSize, batchSize: configuration.maxExportBatchSize)
        return (
            OTLPTracer(sampler: configuration.sampler, queue: queue),
            SpanExportService(configuration: configuration, queue: queue, client: client, logger: logger)
        )
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> TracedSpan {
        var context = context()
        let parent = context.spanIdentity
        let traceID = parent?.traceID ?? .random()
        let sampled = sampler.samples(traceID, parent: parent)
        let identity = SpanIdentity(
            traceID: traceID, spanID: .random(), parentSpanID: parent?.spanID, flags: sampled ? .sampled : [],
            state: parent?.state ?? TraceState(), isRemote: false)
        context.spanIdentity = identity
        return TracedSpan(
            name: operationName, kind: kind, startNanoseconds: instant().nanosecondsSinceEpoch, context: context,
            identity: identity, parentIsRemote: parent?.isRemote ?? false, queue: sampled ? queue : nil)
    }

    public func activeSpan(identifiedBy context: InstrumentationContext) -> TracedSpan? { nil }

    public func forceFlush() { queue.flushSoon() }

    /// Reads `traceparent` (and `tracestate`) from an incoming request; a malformed header starts a new trace.
    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract)
    where Extract.Carrier == Carrier {
        guard let parent = extractor.extract(key: "traceparent", from: carrier) else { return }
        let state = extractor.extract(key: "tracestate", from: carrier)
        guard
            let trace = (try? TraceContext(traceParentHeaderValue: parent, traceStateHeaderValue: state))
                ?? (try? TraceContext(traceParentHeaderValue: parent))
        else { return }
        context.spanIdentity = SpanIdentity(
            traceID: trace.traceID, spanID: trace.spanID, parentSpanID: nil, flags: trace.flags, state: trace.state, isRemote: true)
    }

    /// Writes the current span as `traceparent` (and `tracestate`) on an outgoing request.
    public func inject<Carrier, Inject: Injector>(_ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject)
    where Inject.Carrier == Carrier {
        guard let identity = context.spanIdentity else { return }
        let trace = TraceContext(traceID: identity.traceID, spanID: identity.spanID, flags: identity.flags, state: identity.state)
        injector.inject(trace.traceParentHeaderValue, forKey: "traceparent", into: &carrier)
        if let state = trace.traceStateHeaderValue { injector.inject(state, forKey: "tracestate", into: &carrier) }
    }

    /// Adds the current span's `trace_id` and `span_id` to every log line written inside it.
    public static let loggingMetadata = Logger.MetadataProvider {
        guard let identity = InstrumentationContext.current?.spanIdentity else { return [:] }
        return ["trace_id": "\(identity.traceID)", "span_id": "\(identity.spanID)"]
    }
}
