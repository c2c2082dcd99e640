import Logging
import MQHTTP

/// Installs the process-wide log handler once: JSON lines for CloudWatch, or readable text. With tracing
/// on, every line inside a traced request carries its `trace_id` and `span_id`.
enum LoggingSetup {
    static func bootstrap(_ configuration: ServerConfiguration) {
        let level = configuration.logLevel
        let provider = TracingSetup.logMetadata(configuration.tracing)
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, level: level, metadataProvider: provider) }, metadataProvider: provider)
        case .text:
            LoggingSystem.bootstrap({ label, provider in
                var handler = StreamLogHandler.standardOutput(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: provider)
        }
    }
}
