import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a ``JSONLogHandler``'s lines go. Each line arrives whole, with its newline, and says whether it is
/// urgent (a warning or worse), which an output that batches writes at once.
public struct LogLineOutput: Sendable {
    private let body: @Sendable ([UInt8], Bool) -> Void

    /// Every line to `write`, one call per line, in the caller's thread.
    public init(_ write: @escaping @Sendable (Data) -> Void) {
        body = { line, _ in write(Data(line)) }
    }

    /// Every line to `write`, with whether it is urgent.
    public init(withUrgency write: @escaping @Sendable (_ line: Data, _ urgent: Bool) -> Void) {
        body = { line, urgent in write(Data(line), urgent) }
    }

    private init(bytes body: @escaping @Sendable ([UInt8], Bool) -> Void) {
        self.body = body
    }

    /// Writes one whole line, its newline included.
    public func write(_ line: [UInt8], urgent: Bool = false) {
        body(line, urgent)
    }

    /// Writes one whole line, its newline included.
    public func write(_ line: Data, urgent: Bool = false) {
        body(Array(line), urgent)
    }

    /// Standard output in batches (see ``LineBuffer``): written every 20 milliseconds, past 64 KiB, before
    /// an urgent line and when the process exits normally, so a busy server makes one `write(2)` per batch
    /// rather than one per request.
    public static let standardOutput: LogLineOutput = {
        let buffer = standardOutputBuffer
        return LogLineOutput(bytes: { line, urgent in buffer.append(line, urgent: urgent) })
    }()

    /// Standard error, one `write(2)` per line: for operator commands, whose few lines should appear as
    /// they happen.
    public static let standardError = LogLineOutput { line in StandardStream.error.write(line) }

    /// Writes the lines standard output holds back; also done when the process exits normally.
    public static func flushStandardOutput() {
        standardOutputBuffer.flush()
    }

    private static let standardOutputBuffer: LineBuffer = {
        let buffer = LineBuffer(interval: .milliseconds(20)) { bytes in StandardStream.output.write(bytes) }
        atexit { LogLineOutput.flushStandardOutput() }
        return buffer
    }()
}
