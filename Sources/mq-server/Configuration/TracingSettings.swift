import FoundationEssentials
import MQDomain
import MQTracing

/// OpenTelemetry tracing, from the standard `OTEL_*` variables.
///
/// Off by default. It turns on when `OTEL_TRACES_EXPORTER` is `otlp`, or when an OTLP endpoint
/// (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; `OTEL_SDK_DISABLED=true`
/// or `OTEL_TRACES_EXPORTER=none` keep it off. Every value is checked here, so a typo stops the server at start.
struct TracingSettings {
    /// Spans are exported over OTLP only.
    enum Exporter: String, CaseIterable {
        case otlp, none
    }

    /// Only OTLP over HTTP is built in (gRPC would add a second HTTP/2 stack for no gain behind a collector).
    enum TransportProtocol: String, CaseIterable {
        case httpProtobuf = "http/protobuf"
        case httpJSON = "http/json"
    }

    enum SamplerName: String, CaseIterable {
        case alwaysOn = "always_on"
        case alwaysOff = "always_off"
        case traceIDRatio = "traceidratio"
        case parentBasedAlwaysOn = "parentbased_always_on"
        case parentBasedAlwaysOff = "parentbased_always_off"
        case parentBasedTraceIDRatio = "parentbased_traceidratio"
    }

    /// Where OTLP/HTTP collectors listen when no endpoint is named (the ADOT sidecar's default).
    static let defaultEndpoint = "http://localhost:4318"

    /// Whether spans are recorded and exported at all.
    var enabled: Bool
    var exporter: Exporter
    /// The tracer's settings; meaningful only when ``enabled``.
    var configuration: TracingConfiguration

    init(_ variables: EnvironmentVariables) throws {
        let disabled = try variables.flag("OTEL_SDK_DISABLED", default: false)
        let signalEndpoint = try variables.webAddress("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        let baseEndpoint = try variables.webAddress("OTEL_EXPORTER_OTLP_ENDPOINT")
        let baseProtocol = try variables.choice("OTEL_EXPORTER_OTLP_PROTOCOL", default: TransportProtocol.httpProtobuf)
        let transport = try variables.choice("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", default: baseProtocol)
        let samplerName = try variables.choice("OTEL_TRACES_SAMPLER", default: SamplerName.parentBasedAlwaysOn)
        let ratio = try variables.number("OTEL_TRACES_SAMPLER_ARG", default: 1, in: 0...1, unit: "a sampling ratio")
        let baseTimeout = try variables.whole("OTEL_EXPORTER_OTLP_TIMEOUT", default: 10_000, in: 1...600_000)
        let timeout = try variables.whole("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", default: baseTimeout, in: 1...600_000)
        let headers =
            try Self.headers(variables, "OTEL_EXPORTER_OTLP_HEADERS") + Self.headers(variables, "OTEL_EXPORTER_OTLP_TRACES_HEADERS")
        let delay = try variables.whole("OTEL_BSP_SCHEDULE_DELAY", default: 5_000, in: 1...3_600_000)
        let queueSize = try variables.whole("OTEL_BSP_MAX_QUEUE_SIZE", default: 2_048, in: 1...1_000_000)
        let batchSize = try variables.whole("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", default: 512, in: 1...1_000_000)
        guard batchSize <= queueSize else {
            throw ConfigurationError.unparsable("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", expected: "at most OTEL_BSP_MAX_QUEUE_SIZE (\(queueSize))")
        }
        let chosen = variables.text("OTEL_TRACES_EXPORTER") == nil ? nil : try variables.choice("OTEL_TRACES_EXPORTER", default: Exporter.none)
        exporter = chosen ?? (signalEndpoint == nil && baseEndpoint == nil ? .none : .otlp)
        enabled = !disabled && exporter != .none
        configuration = TracingConfiguration(
            tracesEndpoint: signalEndpoint?.absoluteString ?? Self.tracesPath(under: baseEndpoint?.absoluteString ?? Self.defaultEndpoint),
            encoding: transport == .httpJSON ? .json : .protobuf,
            sampler: Self.sampler(samplerName, ratio: ratio),
            serviceName: variables.text("OTEL_SERVICE_NAME", default: "mq-server"),
            headers: headers,
            scheduleDelay: .milliseconds(delay),
            maxQueueSize: queueSize,
            maxExportBatchSize: batchSize,
            exportTimeout: .milliseconds(timeout))
    }

    /// The specification's rule: the base endpoint gets `v1/traces` appended; a signal endpoint is used as given.
    static func tracesPath(under base: String) -> String {
        base.hasSuffix("/") ? base + "v1/traces" : base + "/v1/traces"
    }

    static func sampler(_ name: SamplerName, ratio: Double) -> TraceSampler {
        switch name {
        case .alwaysOn: return .alwaysOn
        case .alwaysOff: return .alwaysOff
        case .traceIDRatio: return .traceIDRatio(ratio)
        case .parentBasedAlwaysOn: return .parentBased(root: .alwaysOn)
        case .parentBasedAlwaysOff: return .parentBased(root: .alwaysOff)
        case .parentBasedTraceIDRatio: return .parentBased(root: .traceIDRatio(ratio))
        }
    }

    /// `name1=value1,name2=value2`, values percent-decoded, as the OTLP exporter specification writes them.
    private static func headers(_ variables: EnvironmentVariables, _ name: String) throws -> [(name: String, value: String)] {
        guard let text = variables.text(name) else { return [] }
        return try text.split(separator: ",").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = parts.first?.trimmingSpaces() ?? ""
            guard parts.count == 2, !key.isEmpty, let value = PercentEncoding.decode(parts[1].trimmingSpaces()) else {
                throw ConfigurationError.unparsable(name, expected: "comma-separated name=value pairs")
            }
            return (key, value)
        }
    }
}
