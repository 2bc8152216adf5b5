import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with the WebSocket upgrade (the feed at `/stocks`), plus an answer for a
/// first request the HTTP parser refuses.
///
/// Until the first request head has been read, the upgrade pipeline holds none of the HTTP channel's own
/// handlers (``MalformedRequestHandler`` among them), so a broken request line would get no answer at all.
/// ``FirstRequestGuard`` at the pipeline's end answers it with Polygon's JSON 400, and steps aside at the
/// first thing that passes through it; later requests are the HTTP channel's.
struct UpgradeChannel: ServerChildChannel {
    let inner: HTTP1WebSocketUpgradeChannel
    let malformedBody: @Sendable (String) -> [UInt8]

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        let malformedBody = self.malformedBody
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(FirstRequestGuard(body: malformedBody))
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Answers a request the HTTP parser refuses before the connection's first request was decided; removed
/// at the first read that reaches it (whatever its type: an HTTP part or a WebSocket frame).
final class FirstRequestGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let body: @Sendable (String) -> [UInt8]

    init(body: @escaping @Sendable (String) -> [UInt8]) {
        self.body = body
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let bytes = body(String(describing: error))
        let headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(bytes.count)), ("Connection", "close")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }
}
