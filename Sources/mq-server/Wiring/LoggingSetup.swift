import Logging
import MQHTTP

/// Installs the process-wide log handler once: JSON lines for CloudWatch, or readable text.
enum LoggingSetup {
    static func bootstrap(_ configuration: ServerConfiguration) {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
