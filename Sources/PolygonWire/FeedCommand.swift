import MarketData

/// A client's message on the stocks feed: `{"action":"auth"|"subscribe"|"unsubscribe","params":"…"}`.
public struct FeedCommand: Hashable, Sendable {
    public var action: String
    public var params: String

    public init(action: String, params: String) {
        self.action = action
        self.params = params
    }

    /// Reads one message; unknown members are skipped, `action` and `params` are required strings.
    public static func decode(_ bytes: some Collection<UInt8>) throws(TapeDeckError) -> FeedCommand {
        try WireDecoder.withBuffer(bytes) { buffer throws(TapeDeckError) in
            var reader = JSONReader(buffer)
            var action: String?
            var params: String?
            if try reader.beginObject("'{' starting the feed message") {
                repeat {
                    let key = try reader.key()
                    if key == "action" {
                        action = try reader.string("action")
                    } else if key == "params" {
                        params = try reader.string("params")
                    } else {
                        try reader.skipValue()
                    }
                } while try reader.nextMember()
            }
            reader.skipWhitespace()
            guard reader.isAtEnd else { throw reader.failure(expected: "the end of the message") }
            guard let action, let params else {
                throw TapeDeckError.malformedJSON(at: 0, "a feed message needs \"action\" and \"params\" strings")
            }
            return FeedCommand(action: action, params: params)
        }
    }

    /// The `EV.SYMBOL` topics of a subscribe or unsubscribe, e.g. `T.AAPL,Q.AAPL,AM.*`.
    public var topics: [Substring] {
        params.split(separator: ",").map { $0.drop { $0 == " " } }.filter { !$0.isEmpty }
    }
}
