import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The feed's upgrade request context: Hummingbird's, plus the connection, so that a consumer whose
/// connection stopped accepting frames can be cut off even while a frame is waiting to be written.
struct FeedRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        webSocket = WebSocketHandlerReference()
        channel = source.channel
    }
}
