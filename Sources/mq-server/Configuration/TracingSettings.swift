/// OpenTelemetry tracing, from the standard `OTEL_*` variables.
///
/// Off by default. It turns on when `OTEL_TRACES_EXPORTER` is `otlp`, or when an OTLP endpoint
/// (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; `OTEL_SDK_DISABLED=true`
/// or `OTEL_TRACES_EXPORTER=none` keep it off. The values are checked here, so a typo stops the server at
/// start; swift-otel then reads the same variables itself.
struct TracingSettings {
    /// swift-otel exports spans over OTLP only.
    enum Exporter: String, CaseIterable {
        case otlp, none
    }

    /// Only OTLP over HTTP is built in (gRPC would add a second HTTP/2 stack for no gain behind a collector).
    enum TransportProtocol: String, CaseIterable {
        case httpProtobuf = "http/protobuf"
        case httpJSON = "http/json"
    }

    enum Sampler: String, CaseIterable {
        case alwaysOn = "always_on"
        case alwaysOff = "always_off"
        case traceIDRatio = "traceidratio"
        case parentBasedAlwaysOn = "parentbased_always_on"
        case parentBasedAlwaysOff = "parentbased_always_off"
        case parentBasedTraceIDRatio = "parentbased_traceidratio"
    }

    /// Whether spans are recorded and exported at all.
    var enabled: Bool
    var exporter: Exporter
    var serviceName: String

    init(_ variables: EnvironmentVariables) throws {
        let disabled = try variables.flag("OTEL_SDK_DISABLED", default: false)
        let endpoints = try ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].compactMap { try variables.webAddress($0) }
        for name in ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] {
            _ = try variables.choice(name, default: TransportProtocol.httpProtobuf)
        }
        _ = try variables.choice("OTEL_TRACES_SAMPLER", default: Sampler.parentBasedAlwaysOn)
        _ = try variables.number("OTEL_TRACES_SAMPLER_ARG", default: 1, in: 0...1, unit: "a sampling ratio")
        let chosen = variables.text("OTEL_TRACES_EXPORTER") == nil ? nil : try variables.choice("OTEL_TRACES_EXPORTER", default: Exporter.none)
        exporter = chosen ?? (endpoints.isEmpty ? .none : .otlp)
        enabled = !disabled && exporter != .none
        serviceName = variables.text("OTEL_SERVICE_NAME", default: "mq-server")
    }
}
