import Synchronization

/// Whole lines gathered in memory and handed to a sink in batches, so a busy server makes one `write(2)`
/// per batch instead of one per request line.
///
/// A batch is handed over when ``flush()`` is called, every `interval` by a background task, as soon as
/// more than `threshold` bytes are waiting, and before any line appended as urgent (so a warning or an
/// error is out before the next statement runs, and lines keep their order). Memory stays bounded: past
/// the threshold the appending thread writes the batch itself, so a slow reader slows the writers down
/// instead of the buffer growing. Lines are never split or interleaved: batches reach the sink one at a
/// time, in the order their lines were appended.
///
/// What is lost if the process dies without exiting normally is at most one interval of lines; a normal
/// exit flushes the standard-output buffer (see ``LogLineOutput/standardOutput``).
public final class LineBuffer: Sendable {
    private let threshold: Int
    private let sink: @Sendable (UnsafeRawBufferPointer) -> Void
    private let pending: Mutex<[UInt8]>
    /// Held while a batch is with the sink: taken before the batch is, so batches leave in order.
    private let writing = Mutex<Void>(())

    /// - Parameters:
    ///   - threshold: the most bytes kept before the appending thread writes them itself.
    ///   - interval: how often waiting lines are written without being asked; `nil` only on ``flush()``,
    ///     urgent lines and the threshold.
    ///   - sink: receives each batch of whole lines.
    public init(threshold: Int = 64 * 1024, interval: Duration?, sink: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.threshold = threshold
        self.sink = sink
        var empty: [UInt8] = []
        empty.reserveCapacity(threshold)
        pending = Mutex(empty)
        if let interval { startFlushing(every: interval) }
    }

    /// Adds one whole line (its newline included); `urgent` writes it, and everything before it, at once.
    public func append(_ line: some Collection<UInt8>, urgent: Bool = false) {
        let waiting = pending.withLock { bytes in
            bytes.append(contentsOf: line)
            return bytes.count
        }
        if urgent || waiting > threshold { flush() }
    }

    /// Hands every waiting line to the sink, and returns once it has them.
    public func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { bytes in
                guard !bytes.isEmpty else { return bytes }
                var batch: [UInt8] = []
                batch.reserveCapacity(threshold)
                swap(&batch, &bytes)
                return batch
            }
            guard !batch.isEmpty else { return }
            batch.withUnsafeBytes { sink($0) }
        }
    }

    /// A background task writes waiting lines every `interval` while the buffer lives.
    private func startFlushing(every interval: Duration) {
        Task.detached { [weak self] in
            while true {
                do { try await Task.sleep(for: interval) } catch { return }
                guard let buffer = self else { return }
                buffer.flush()
            }
        }
    }
}
