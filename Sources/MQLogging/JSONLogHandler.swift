import FoundationEssentials
import Logging
import MQDomain

/// One JSON object per line on standard output, for CloudWatch:
/// `{"timestamp","level","logger","message", …metadata}`.
///
/// Numeric metadata (`.stringConvertible` integers and floating-point values, such as `status` and
/// `duration_ms`) is written as JSON numbers, so CloudWatch metric filters can compare them. Metadata from
/// the process's metadata provider (the current trace's `trace_id` and `span_id`) joins every line.
/// Warnings and worse are handed to the output as urgent, so a batching output writes them at once.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogLineOutput

    /// - Parameter output: where lines go; standard output, in batches, unless told otherwise.
    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil, output: LogLineOutput = .standardOutput) {
        self.label = label
        logLevel = level
        self.metadataProvider = metadataProvider
        self.output = output
    }

    /// Every line to `output`, one call per line.
    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil, output: @escaping @Sendable (Data) -> Void) {
        self.init(label: label, level: level, metadataProvider: metadataProvider, output: LogLineOutput(output))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Lowest precedence first: a later field replaces an earlier one of the same name, so the call's
        // metadata beats the provider's and the handler's, and the four fields of every line beat all.
        var fields: [LogField] = []
        fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0) + 6)
        for (key, value) in metadata { fields.append(LogField(key: key, value: LogValue(value))) }
        if let provided = metadataProvider?.get() {
            for (key, value) in provided { fields.append(LogField(key: key, value: LogValue(value))) }
        }
        if let explicit = event.metadata {
            for (key, value) in explicit { fields.append(LogField(key: key, value: LogValue(value))) }
        }
        fields.append(LogField(key: "timestamp", value: .string(Timestamp.string(Date()))))
        fields.append(LogField(key: "level", value: .string(event.level.rawValue)))
        fields.append(LogField(key: "logger", value: .string(label)))
        fields.append(LogField(key: "message", value: .string(event.message.description)))
        output.write(JSONLine.object(fields), urgent: event.level >= .warning)
    }
}
