import FoundationEssentials
import Logging
import MQDomain
import Synchronization

/// One JSON object per line on standard output, for CloudWatch:
/// `{"timestamp","level","logger","message", …metadata}`.
///
/// Numeric metadata (`.stringConvertible` integers and floating-point values, such as `status` and
/// `duration_ms`) is written as JSON numbers, so CloudWatch metric filters can compare them. Metadata from
/// the process's metadata provider (the current trace's `trace_id` and `span_id`) joins every line.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: @Sendable (Data) -> Void

    private static let standardOutputLock = Mutex<Void>(())

    /// Writes whole lines to standard output, one writer at a time.
    public static let standardOutput: @Sendable (Data) -> Void = { line in
        standardOutputLock.withLock { _ in StandardStream.output.write(line) }
    }

    public init(
        label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil,
        output: @escaping @Sendable (Data) -> Void = JSONLogHandler.standardOutput
    ) {
        self.label = label
        logLevel = level
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Lowest precedence first: a later field replaces an earlier one of the same name, so the call's
        // metadata beats the provider's and the handler's, and the four fields of every line beat all.
        var fields: [(key: String, value: LogValue)] = []
        fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0) + 6)
        for (key, value) in metadata { fields.append((key, LogValue(value))) }
        if let provided = metadataProvider?.get() {
            for (key, value) in provided { fields.append((key, LogValue(value))) }
        }
        if let explicit = event.metadata {
            for (key, value) in explicit { fields.append((key, LogValue(value))) }
        }
        fields.append(("timestamp", .string(Timestamp.string(Date()))))
        fields.append(("level", .string(event.level.rawValue)))
        fields.append(("logger", .string(label)))
        fields.append(("message", .string(event.message.description)))
        output(Data(JSONLine.object(fields)))
    }
}
