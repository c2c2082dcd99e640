import Hummingbird
import Logging

/// The per-request context: Hummingbird's core storage plus the request id every log line carries.
public struct MQRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From a sane incoming `X-Request-ID`, or generated.
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// JSON bodies larger than this are refused with 413.
    public var maxUploadSize: Int { HTTPLimits.jsonBodyBytes }
}

/// Size limits of what clients may send.
public enum HTTPLimits {
    /// The largest JSON request body: 1 MiB.
    public static let jsonBodyBytes = 1 << 20
}
