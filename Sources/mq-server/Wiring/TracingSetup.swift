import Logging
import OTel
import ServiceLifecycle
import Tracing

/// OpenTelemetry tracing, when the `OTEL_*` variables ask for it (see ``TracingSettings``).
enum TracingSetup {
    /// Bootstraps the process's tracer once and returns the service that exports its spans (it must run
    /// beside the server, and flushes on shutdown); `nil` when tracing is off.
    static func bootstrap(_ settings: TracingSettings) throws -> (any Service)? {
        guard settings.enabled else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = settings.serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }

    /// Adds the current span's `trace_id` and `span_id` to every log line written inside it.
    static func logMetadata(_ settings: TracingSettings) -> Logger.MetadataProvider? {
        settings.enabled ? OTel.makeLoggingMetadataProvider() : nil
    }
}
