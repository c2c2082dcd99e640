import Tracing

/// Everything the tracer and its exporter need, read once by the executable from the `OTEL_*` variables.
public struct TracingConfiguration: Sendable {
    /// How spans are written on the wire: OTLP's protobuf (`http/protobuf`) or its JSON mapping (`http/json`).
    public enum Encoding: Sendable {
        case protobuf, json
    }

    /// The full address spans are posted to (`…/v1/traces`).
    public var tracesEndpoint: String
    public var encoding: Encoding
    public var sampler: TraceSampler
    /// `service.name` on the exported resource.
    public var serviceName: String
    /// Extra request headers for the collector (`OTEL_EXPORTER_OTLP_HEADERS`), e.g. an API key. Never logged.
    public var headers: [(name: String, value: String)]
    /// How long ended spans wait before they are sent, unless a full batch is ready sooner.
    public var scheduleDelay: Duration
    /// Ended spans waiting to be sent; spans ended while it is full are dropped (and counted), never blocking a request.
    public var maxQueueSize: Int
    /// Spans per export request.
    public var maxExportBatchSize: Int
    /// How long one export request may take.
    public var exportTimeout: Duration

    public init(
        tracesEndpoint: String, encoding: Encoding = .protobuf, sampler: TraceSampler = .parentBased(root: .alwaysOn),
        serviceName: String, headers: [(name: String, value: String)] = [], scheduleDelay: Duration = .seconds(5),
        maxQueueSize: Int = 2048, maxExportBatchSize: Int = 512, exportTimeout: Duration = .seconds(30)
    ) {
        self.tracesEndpoint = tracesEndpoint
        self.encoding = encoding
        self.sampler = sampler
        self.serviceName = serviceName
        self.headers = headers
        self.scheduleDelay = scheduleDelay
        self.maxQueueSize = max(1, maxQueueSize)
        self.maxExportBatchSize = max(1, min(maxExportBatchSize, self.maxQueueSize))
        self.exportTimeout = exportTimeout
    }
}
