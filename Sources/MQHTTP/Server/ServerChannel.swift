import Hummingbird
import HummingbirdCore
import NIOCore

extension MapleQuestAPI {
    /// How long a connection may sit with no request in flight before the server closes it, so idle
    /// sockets cannot pile up.
    public static let idleTimeout: TimeAmount = .seconds(75)

    /// HTTP/1.1 as this API serves it: responses marked `Connection: close` end their connection, a
    /// client that hangs up has its pending work abandoned, and idle connections are closed after
    /// ``idleTimeout``. Use it for every server that runs ``router()``.
    public static var server: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [HangUpHandler(), CloseAfterResponseHandler()], idleTimeout: idleTimeout))
    }
}
