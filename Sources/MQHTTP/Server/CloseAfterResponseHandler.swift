import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Ends the connection once a response that says `Connection: close` has been written.
///
/// A refused request (413, for one) may leave an unread body behind. Rather than read a client's
/// gigabyte to reach the next request, the server answers, then closes its side (the client sees its
/// answer and the end of the stream at once) and discards whatever still arrives for at most
/// ``lingerLimit`` before closing for good. Closing outright would make the kernel answer the unread
/// bytes with a reset, which can destroy the answer before the client reads it.
final class CloseAfterResponseHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let lingerLimit: TimeAmount = .seconds(5)

    private var closeAfterEnd = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            closeAfterEnd = head.headerFields[.connection]?.lowercased() == "close"
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            guard closeAfterEnd else {
                context.write(data, promise: promise)
                return
            }
            closeAfterEnd = false
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            // Both closures run on the channel's event loop, which is what lets them hold the context.
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in
                bound.value.close(mode: .output, promise: nil)
                bound.value.eventLoop.scheduleTask(in: Self.lingerLimit) { bound.value.close(promise: nil) }
            }
            context.writeAndFlush(data, promise: written)
        }
    }
}
