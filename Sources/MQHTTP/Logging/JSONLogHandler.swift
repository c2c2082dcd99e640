import Foundation
import Logging
import Synchronization

/// One JSON object per line on standard output, for CloudWatch:
/// `{"timestamp","level","logger","message", …metadata}`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let output: @Sendable (Data) -> Void

    private static let standardOutputLock = Mutex<Void>(())

    /// Writes whole lines to standard output, one writer at a time.
    public static let standardOutput: @Sendable (Data) -> Void = { line in
        standardOutputLock.withLock { _ in FileHandle.standardOutput.write(line) }
    }

    public init(label: String, level: Logger.Level, output: @escaping @Sendable (Data) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: JSONOutput] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = Self.json(value)
        }
        fields["timestamp"] = .string(Timestamp.string(Date()))
        fields["level"] = .string(event.level.rawValue)
        fields["logger"] = .string(label)
        fields["message"] = .string(event.message.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(fields) else { return }
        line.append(0x0A)
        output(line)
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONOutput {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let dictionary): .object(dictionary.mapValues(json))
        }
    }
}
