import Logging
import Testing
import Tracing
import W3CTraceContext

@testable import MQTracing

/// Headers as a dictionary, for propagation.
private struct Headers: Extractor, Injector {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

@Suite("The tracer propagates W3C trace context and records sampled spans only")
struct OTLPTracerTests {
    private func tracer(_ sampler: TraceSampler = .parentBased(root: .alwaysOn), capacity: Int = 100, batch: Int = 10) -> (OTLPTracer, SpanQueue) {
        let queue = SpanQueue(capacity: capacity, batchSize: batch)
        return (OTLPTracer(sampler: sampler, queue: queue), queue)
    }

    @Test func aRequestsTraceparentBecomesTheParentOfItsServerSpan() {
        let (tracer, queue) = tracer()
        var context = InstrumentationContext.topLevel
        tracer.extract(
            ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "vendor=opaque"], into: &context,
            using: Headers())
        let span = tracer.startSpan("GET /api/locations/", context: context, ofKind: .server, at: DefaultTracerClock.now)
        let identity = span.context.spanIdentity!
        #expect(identity.traceID.description == "0af7651916cd43dd8448eb211c80319c")
        #expect(identity.parentSpanID?.description == "b7ad6b7169203331")
        #expect(identity.spanID.description != "b7ad6b7169203331")
        var outgoing: [String: String] = [:]
        tracer.inject(span.context, into: &outgoing, using: Headers())
        #expect(outgoing["traceparent"] == "00-0af7651916cd43dd8448eb211c80319c-\(identity.spanID)-01")
        #expect(outgoing["tracestate"] == "vendor=opaque")
        span.end()
        let exported = queue.takeBatch().spans
        #expect(exported.count == 1 && exported[0].parentIsRemote && exported[0].kind == .server)
    }

    @Test(arguments: ["", "garbage", "00-00000000000000000000000000000000-b7ad6b7169203331-01", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"])
    func aMalformedTraceparentStartsANewTrace(header: String) {
        let (tracer, _) = tracer()
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": header], into: &context, using: Headers())
        #expect(context.spanIdentity == nil)
        let span = tracer.startSpan("GET /", context: context, ofKind: .server, at: DefaultTracerClock.now)
        #expect(span.context.spanIdentity?.parentSpanID == nil)
        #expect(span.isRecording)
    }

    @Test func anUnsampledCallerKeepsItsTraceButNothingIsRecorded() {
        let (tracer, queue) = tracer()
        var context = InstrumentationContext.topLevel
        tracer.extract(["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"], into: &context, using: Headers())
        let span = tracer.startSpan("GET /", context: context, ofKind: .server, at: DefaultTracerClock.now)
        #expect(!span.isRecording)
        #expect(span.context.spanIdentity?.traceID.description == "0af7651916cd43dd8448eb211c80319c")
        span.attributes["ignored"] = "yes"
        span.end()
        #expect(queue.takeBatch().spans.isEmpty)
    }

    @Test func aSpanIsExportedOnceWithWhatItHeldWhenItEnded() {
        let (tracer, queue) = tracer()
        let span = tracer.startSpan("postgres query", context: .topLevel, ofKind: .client, at: DefaultTracerClock.now)
        span.attributes["db.system.name"] = "postgresql"
        span.setStatus(.init(code: .error, message: "refused"))
        span.recordError(TestFailure())
        span.end()
        span.attributes["after"] = "end"
        span.end()
        let exported = queue.takeBatch().spans
        #expect(exported.count == 1)
        #expect(exported.first?.attributes["db.system.name"]?.toSpanAttribute() == .string("postgresql"))
        #expect(exported.first?.attributes["after"] == nil)
        #expect(exported.first?.events.map(\.name) == ["exception"])
        #expect(exported.first?.status?.code == .error)
        #expect(exported.first.map { $0.endNanoseconds >= $0.startNanoseconds } == true)
    }

    @Test func aSpanHoldsAtMostTheSpecifiedNumberOfAttributesAndEvents() {
        let (tracer, queue) = tracer()
        let span = tracer.startSpan("busy", context: .topLevel, ofKind: .internal, at: DefaultTracerClock.now)
        for index in 0..<300 {
            span.attributes["key\(index)"] = Int64(index)
            span.addEvent(SpanEvent(name: "event \(index)"))
        }
        span.end()
        let finished = queue.takeBatch().spans[0]
        #expect(finished.attributes.count == TracedSpan.maximumAttributes)
        #expect(finished.events.count == TracedSpan.maximumEvents)
        #expect(finished.droppedEvents == 300 - TracedSpan.maximumEvents)
        #expect(finished.droppedAttributes > 0)
    }

    @Test func aFullQueueDropsNewSpansAndCountsThem() {
        let (tracer, queue) = tracer(capacity: 3, batch: 2)
        for index in 0..<5 {
            tracer.startSpan("span \(index)", context: .topLevel, ofKind: .internal, at: DefaultTracerClock.now).end()
        }
        let first = queue.takeBatch()
        #expect(first.spans.map(\.name) == ["span 0", "span 1"])
        #expect(first.dropped == 2)
        let second = queue.takeBatch()
        #expect(second.spans.map(\.name) == ["span 2"] && second.dropped == 0)
        #expect(queue.takeBatch().spans.isEmpty)
    }

    @Test func logLinesInsideASpanCarryItsIdentifiers() {
        let (tracer, _) = tracer()
        let span = tracer.startSpan("GET /", context: .topLevel, ofKind: .server, at: DefaultTracerClock.now)
        let metadata = InstrumentationContext.withValue(span.context) { OTLPTracer.loggingMetadata.get() }
        #expect(metadata["trace_id"] == "\(span.context.spanIdentity!.traceID)")
        #expect(metadata["span_id"] == "\(span.context.spanIdentity!.spanID)")
        #expect(OTLPTracer.loggingMetadata.get().isEmpty)
    }
}

private struct TestFailure: Error {}
