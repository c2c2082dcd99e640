import FoundationEssentials
import Logging
import MQHTTP
import MQLogging

/// Installs the process-wide log handler once: JSON lines for CloudWatch, or readable text. With tracing
/// on, every line inside a traced request carries its `trace_id` and `span_id`.
enum LoggingSetup {
    /// Where log lines go: standard output for the server; standard error for operator commands, whose
    /// standard output is their answer.
    enum Destination {
        case standardOutput, standardError
    }

    static func bootstrap(_ configuration: ServerConfiguration, to destination: Destination = .standardOutput) {
        let level = configuration.logLevel
        let provider = TracingSetup.logMetadata(configuration.tracing)
        switch configuration.logFormat {
        case .json:
            let output: LogLineOutput = destination == .standardOutput ? .standardOutput : .standardError
            LoggingSystem.bootstrap(
                { label, provider in
                    JSONLogHandler(label: label, level: level, metadataProvider: provider, output: output)
                }, metadataProvider: provider)
        case .text:
            LoggingSystem.bootstrap(
                { label, provider in
                    var handler =
                        destination == .standardOutput
                        ? StreamLogHandler.standardOutput(label: label, metadataProvider: provider)
                        : StreamLogHandler.standardError(label: label, metadataProvider: provider)
                    handler.logLevel = level
                    return handler
                }, metadataProvider: provider)
        }
    }
}
