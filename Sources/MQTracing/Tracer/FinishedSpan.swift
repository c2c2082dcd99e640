import Tracing

/// An ended, sampled span as it is exported.
struct FinishedSpan: Sendable {
    struct Link: Sendable {
        var identity: SpanIdentity
        var attributes: SpanAttributes
    }

    var identity: SpanIdentity
    var parentIsRemote: Bool
    var name: String
    var kind: SpanKind
    var startNanoseconds: UInt64
    var endNanoseconds: UInt64
    var attributes: SpanAttributes
    var events: [SpanEvent]
    var links: [Link]
    var status: SpanStatus?
    var droppedAttributes: Int
    var droppedEvents: Int
    var droppedLinks: Int
}
