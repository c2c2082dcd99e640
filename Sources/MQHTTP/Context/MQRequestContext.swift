import Hummingbird
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage plus the request id every log line carries.
public struct MQRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From a sane incoming `X-Request-ID`, or generated.
    public var requestID: String = ""

    /// The request's connection; read lazily, since most requests never ask about it.
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The address of the connection's other end: the client, or the nearest proxy.
    public var peerAddress: String? { channel.remoteAddress?.ipAddress }

    /// Completes when the connection closes: the client hung up, or the server ended it.
    public var connectionClosed: EventLoopFuture<Void> { channel.closeFuture }

    /// Runs `work`, cancelling it if the client hangs up first: for slow work (password hashing) that
    /// nobody would be waiting for.
    func unlessClientLeaves<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        connectionClosed.whenComplete { _ in task.cancel() }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// JSON bodies larger than this are refused with 413.
    public var maxUploadSize: Int { HTTPLimits.jsonBodyBytes }
}

/// Size limits of what clients may send.
public enum HTTPLimits {
    /// The largest JSON request body: 1 MiB.
    public static let jsonBodyBytes = 1 << 20
}
