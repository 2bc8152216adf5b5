import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser rejects (raw bytes that are not UTF-8 or not allowed in a path, a
/// broken request line or header) with Polygon's JSON error body and a 400, then closes the connection:
/// Hummingbird would send a 400 with an empty body.
///
/// It sits after the HTTP codec, sees the parser's error before Hummingbird does and keeps it from going
/// further. When a response is already on its way (a pipelined request broke mid-answer), it only closes.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The JSON error body for a parser error's description.
    private let body: @Sendable (String) -> [UInt8]
    /// Between a response's head and its end.
    private var responding = false

    init(body: @escaping @Sendable (String) -> [UInt8]) {
        self.body = body
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .end: responding = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responding {
            let bytes = body(String(describing: error))
            var head = HTTPResponse(status: .badRequest)
            head.headerFields = [.contentType: "application/json", .contentLength: String(bytes.count), .connection: "close"]
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(ByteBuffer(bytes: bytes))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }
}
