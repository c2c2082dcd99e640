import Metrics
import Prometheus

/// Prometheus metrics, when `METRICS_ENABLED=true`: request counts and latencies (Hummingbird's metrics
/// middleware) and database pool usage, all in one registry that `/metrics` renders.
enum MetricsSetup {
    private static let registry = PrometheusCollectorRegistry()
    private static let bootstrap: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

    /// Bootstraps the metrics system once, and returns what renders it; `nil` when metrics are off.
    static func exposition(_ configuration: ServerConfiguration) -> (@Sendable () -> [UInt8])? {
        guard configuration.metricsEnabled else { return nil }
        _ = bootstrap
        return { registry.emitToBuffer() }
    }
}
