import Logging
import MQTracing
import ServiceLifecycle
import Tracing

/// OpenTelemetry tracing, when the `OTEL_*` variables ask for it (see ``TracingSettings``).
enum TracingSetup {
    /// Bootstraps the process's tracer once and returns the service that exports its spans (it must run
    /// beside the server, and flushes on shutdown); `nil` when tracing is off.
    static func bootstrap(_ settings: TracingSettings) -> (any Service)? {
        guard settings.enabled else { return nil }
        let (tracer, exporter) = OTLPTracer.make(settings.configuration, logger: Logger(label: "mq-server.tracing"))
        InstrumentationSystem.bootstrap(tracer)
        return exporter
    }

    /// Adds the current span's `trace_id` and `span_id` to every log line written inside it.
    static func logMetadata(_ settings: TracingSettings) -> Logger.MetadataProvider? {
        settings.enabled ? OTLPTracer.loggingMetadata : nil
    }
}
