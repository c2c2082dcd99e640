import NIOCore
import NIOHTTPTypes

/// Treats a client that stops sending (end of input) as gone: the connection is closed, so work still
/// queued for it — a password hash, say — is abandoned instead of done for nobody.
///
/// HTTP/1.1 clients keep their side open until they have their answer; one that half-closes has hung up.
final class HangUpHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
