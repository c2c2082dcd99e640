import Synchronization

/// Ended spans waiting for the exporter. Bounded: when it is full, new spans are dropped and counted, so a
/// slow or missing collector costs memory up to the limit and never slows a request.
final class SpanQueue: Sendable {
    private struct Waiting {
        var spans: [FinishedSpan] = []
        var dropped = 0
    }

    private let capacity: Int
    private let batchSize: Int
    private let waiting = Mutex(Waiting())
    /// Wakes the exporter: on a timer, when a full batch is ready, and on a flush.
    let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(capacity: Int, batchSize: Int) {
        self.capacity = capacity
        self.batchSize = batchSize
        (wakes, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func accept(_ span: FinishedSpan) {
        let batchReady: Bool = waiting.withLock { waiting in
            guard waiting.spans.count < capacity else {
                waiting.dropped += 1
                return false
            }
            waiting.spans.append(span)
            return waiting.spans.count == batchSize
        }
        if batchReady { wake.yield() }
    }

    /// Asks the exporter to send what is waiting now.
    func flushSoon() { wake.yield() }

    /// Ends the wake-ups; the exporter sends what is left and stops.
    func close() { wake.finish() }

    /// Up to one batch of the oldest waiting spans, and how many were dropped since the last call.
    func takeBatch() -> (spans: [FinishedSpan], dropped: Int) {
        waiting.withLock { waiting in
            let count = min(batchSize, waiting.spans.count)
            let batch = Array(waiting.spans.prefix(count))
            waiting.spans.removeFirst(count)
            let dropped = waiting.dropped
            waiting.dropped = 0
            return (batch, dropped)
        }
    }
}
