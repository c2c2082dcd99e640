import Hummingbird
import Logging

/// The per-request context: Hummingbird's core storage plus the request id every log line carries.
public struct MQRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From a sane incoming `X-Request-ID`, or generated.
    public var requestID: String = ""

    /// The address of the connection's other end: the client, or the nearest proxy.
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies larger than this are refused with 413.
    public var maxUploadSize: Int { HTTPLimits.jsonBodyBytes }
}

/// Size limits of what clients may send.
public enum HTTPLimits {
    /// The largest JSON request body: 1 MiB.
    public static let jsonBodyBytes = 1 << 20
}
