import Synchronization
import Tracing

/// A span started by ``OTLPTracer``. A sampled span records what it is told until it ends, then goes to
/// the export queue; an unsampled one only carries its identity, so the trace still propagates.
public final class TracedSpan: Span {
    /// OpenTelemetry's default limits: a span can never grow without bound, whatever the code does with it.
    static let maximumAttributes = 128
    static let maximumEvents = 128
    static let maximumLinks = 128

    private struct Recording {
        var name: String
        var attributes: SpanAttributes = [:]
        var events: [SpanEvent] = []
        var links: [FinishedSpan.Link] = []
        var status: SpanStatus?
        var droppedAttributes = 0
        var droppedEvents = 0
        var droppedLinks = 0
        var ended = false
    }

    public let context: InstrumentationContext
    private let identity: SpanIdentity
    private let parentIsRemote: Bool
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let queue: SpanQueue?
    private let recording: Mutex<Recording>

    init(
        name: String, kind: SpanKind, startNanoseconds: UInt64, context: InstrumentationContext, identity: SpanIdentity,
        parentIsRemote: Bool, queue: SpanQueue?
    ) {
        self.context = context
        self.identity = identity
        self.parentIsRemote = parentIsRemote
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.queue = queue
        recording = Mutex(Recording(name: name))
    }

    public var isRecording: Bool {
        queue != nil && !recording.withLock { $0.ended }
    }

    public var operationName: String {
        get { recording.withLock { $0.name } }
        set { update { $0.name = newValue } }
    }

    public var attributes: SpanAttributes {
        get { recording.withLock { $0.attributes } }
        set {
            update { state in
                // Attributes already held stay; new ones join while there is room.
                var kept: SpanAttributes = [:]
                var added: [(name: String, value: SpanAttribute)] = []
                for (name, value) in newValue.entries {
                    if state.attributes[name] != nil { kept[name] = value } else { added.append((name, value)) }
                }
                for (name, value) in added {
                    if kept.count < Self.maximumAttributes { kept[name] = value } else { state.droppedAttributes += 1 }
                }
                state.attributes = kept
            }
        }
    }

    public func setStatus(_ status: SpanStatus) {
        update { state in
            // The specification's rule: once a span is marked `ok`, it stays `ok`.
            if state.status?.code == .ok { return }
            state.status = status
        }
    }

    public func addEvent(_ event: SpanEvent) {
        update { state in
            if state.events.count < Self.maximumEvents { state.events.append(event) } else { state.droppedEvents += 1 }
        }
    }

    public func recordError<Instant: TracerInstant>(_ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant) {
        var eventAttributes = attributes
        eventAttributes["exception.type"] = "\(type(of: error))"
        eventAttributes["exception.message"] = "\(error)"
        addEvent(SpanEvent(name: "exception", at: instant(), attributes: eventAttributes))
    }

    public func addLink(_ link: SpanLink) {
        guard let linked = link.context.spanIdentity else { return }
        update { state in
            if state.links.count < Self.maximumLinks {
                state.links.append(.init(identity: linked, attributes: link.attributes))
            } else {
                state.droppedLinks += 1
            }
        }
    }

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let queue else { return }
        let finished: Recording? = recording.withLock { state in
            if state.ended { return nil }
            state.ended = true
            return state
        }
        guard let finished else { return }
        queue.accept(
            FinishedSpan(
                identity: identity, parentIsRemote: parentIsRemote, name: finished.name, kind: kind,
                startNanoseconds: startNanoseconds, endNanoseconds: max(startNanoseconds, instant().nanosecondsSinceEpoch),
                attributes: finished.attributes, events: finished.events, links: finished.links, status: finished.status,
                droppedAttributes: finished.droppedAttributes, droppedEvents: finished.droppedEvents,
                droppedLinks: finished.droppedLinks))
    }

    /// Applies `change` while the span is recording; after it ended, or when it is not sampled, nothing changes.
    private func update(_ change: (inout Recording) -> Void) {
        guard queue != nil else { return }
        recording.withLock { state in
            if !state.ended { change(&state) }
        }
    }
}
