import MarketData

/// One message of a stocks feed frame: an event, or a `status` control message.
public enum FeedMessage: Hashable, Sendable {
    case event(FeedEvent)
    /// `{"ev":"status","status":…,"message":…}`, e.g. `auth_success`, `max_lag`, `end_of_replay`.
    case status(String, message: String)
}

/// Reads the stocks feed's frames (`shared/reference/polygon-websocket.md`): JSON arrays of `T`, `Q`,
/// `AM`, `A` and `status` objects, members in any order, unknown members and event types skipped.
///
/// The feed gives times in milliseconds. ``Timestamps/nanosecondsWhenSent`` reads TapeDeck's `tns`
/// extension instead where a trade or quote carries it (see ``FeedEncoder``).
public enum FeedDecoder {
    /// Which timestamp of a trade or quote becomes its SIP time.
    public enum Timestamps: Sendable {
        /// `t`, the real feed's milliseconds: what a recording of the real feed holds.
        case milliseconds
        /// `tns` when present, else `t`: TapeDeck's own server keeps REST's nanoseconds this way.
        case nanosecondsWhenSent
    }

    /// The messages of one frame, in order; an event type TapeDeck does not know (e.g. `LULD`) is left out.
    ///
    /// - Throws: ``TapeDeckError/Code/malformedJSON`` naming the byte offset and the message's index.
    public static func messages(_ frame: some Collection<UInt8>, timestamps: Timestamps = .milliseconds) throws(TapeDeckError)
        -> [FeedMessage]
    {
        try WireDecoder.withBuffer(frame) { buffer throws(TapeDeckError) in
            var reader = JSONReader(buffer)
            var messages: [FeedMessage] = []
            reader.skipWhitespace()
            // A single object is accepted too, as some servers send one outside an array.
            if reader.current == UInt8(ascii: "{") {
                if let message = try reader.feedMessage(index: 0, timestamps: timestamps) { messages.append(message) }
            } else if try reader.beginArray("'[' starting the frame") {
                var index = 0
                repeat {
                    if let message = try reader.feedMessage(index: index, timestamps: timestamps) { messages.append(message) }
                    index += 1
                } while try reader.nextElement()
            }
            reader.skipWhitespace()
            guard reader.isAtEnd else { throw reader.failure(expected: "the end of the frame") }
            return messages
        }
    }
}

extension JSONReader {
    /// One object of a frame. Its `ev` is found first, because members come in any order and a few
    /// short keys mean different things per event type (`c`, `s`, `i`, `z`).
    fileprivate mutating func feedMessage(index: Int, timestamps: FeedDecoder.Timestamps) throws(TapeDeckError) -> FeedMessage? {
        skipWhitespace()
        let start = offset
        var scout = self
        var type: String?
        var names = MemberNames()
        if try scout.beginObject("'{' starting message [\(index)]") {
            repeat {
                scout.skipWhitespace()
                let keyOffset = scout.offset
                let key = try scout.key()
                try scout.once(key, in: &names, object: "message [\(index)]", at: keyOffset)
                if key == "ev" { type = try scout.string("ev") } else { try scout.skipValue() }
            } while try scout.nextMember()
        }
        guard let type else { throw TapeDeckError.malformedJSON(at: start, "message [\(index)], which starts here, has no \"ev\"") }
        switch type {
        case "T": return .event(try feedTrade(index: index, timestamps: timestamps))
        case "Q": return .event(try feedQuote(index: index, timestamps: timestamps))
        case "AM", "A": return .event(.aggregate(try feedAggregate(index: index, span: type == "AM" ? .minute : .second)))
        case "status":
            var status = ""
            var message = ""
            try members { key, reader throws(TapeDeckError) in
                if key == "status" {
                    status = try reader.string("status")
                } else if key == "message" {
                    message = try reader.string("message")
                } else {
                    try reader.skipValue()
                }
            }
            return .status(status, message: message)
        default:
            self = scout
            return nil
        }
    }

    /// Calls `body` with each member's key, positioned at its value; `body` reads or skips the value.
    private mutating func members(_ body: (JSONKey, inout JSONReader) throws(TapeDeckError) -> Void) throws(TapeDeckError) {
        if try beginObject() {
            repeat {
                let key = try key()
                try body(key, &self)
            } while try nextMember()
        }
    }

    private mutating func feedTrade(index: Int, timestamps: FeedDecoder.Timestamps) throws(TapeDeckError) -> FeedEvent {
        skipWhitespace()
        let start = offset
        var symbol: String?
        var id: TradeID?
        var exchange: Int?
        var price: Double?
        var size: Double?
        var conditions: ConditionCodes?
        var milliseconds: Int64?
        var nanoseconds: Int64?
        var sequence: Int64?
        var tape: Int?
        var trfId: Int?
        var trfMilliseconds: Int64?
        try members { key, reader throws(TapeDeckError) in
            if key == "sym" {
                symbol = try reader.string("sym")
            } else if key == "i" {
                id = try reader.tradeID("i")
            } else if key == "x" {
                exchange = try reader.int("x")
            } else if key == "p" {
                price = try reader.double("p")
            } else if key == "s" {
                size = try reader.double("s")
            } else if key == "c" {
                conditions = try reader.codes("c")
            } else if key == "t" {
                milliseconds = try reader.int64("t")
            } else if key == "tns" {
                nanoseconds = try reader.int64("tns")
            } else if key == "q" {
                sequence = try reader.int64("q")
            } else if key == "z" {
                tape = try reader.optionalInt("z")
            } else if key == "trfi" {
                trfId = try reader.optionalInt("trfi")
            } else if key == "trft" {
                trfMilliseconds = try reader.optionalInt64("trft")
            } else {
                try reader.skipValue()
            }
        }
        let object = "trade [\(index)]"
        guard let symbol else { throw JSONReader.missingFeedField("sym", object, at: start) }
        guard let price else { throw JSONReader.missingFeedField("p", object, at: start) }
        guard let size else { throw JSONReader.missingFeedField("s", object, at: start) }
        guard let milliseconds else { throw JSONReader.missingFeedField("t", object, at: start) }
        let trade = Trade(
            sipTimestamp: try Self.time(milliseconds, nanoseconds, timestamps, object, at: start),
            trfTimestamp: try trfMilliseconds.map { value throws(TapeDeckError) in try Self.time(value, nil, .milliseconds, object, at: start) },
            price: price, size: size, exchange: exchange ?? 0, tape: tape, conditions: conditions, id: id ?? TradeID(""),
            sequenceNumber: sequence ?? 0, trfId: trfId)
        return .trade(try Self.symbol(symbol, object, at: start), trade)
    }

    private mutating func feedQuote(index: Int, timestamps: FeedDecoder.Timestamps) throws(TapeDeckError) -> FeedEvent {
        skipWhitespace()
        let start = offset
        var symbol: String?
        var bidExchange = 0
        var bidPrice = 0.0
        var bidSize = 0.0
        var askExchange = 0
        var askPrice = 0.0
        var askSize = 0.0
        var condition: Int?
        var indicators: ConditionCodes?
        var milliseconds: Int64?
        var nanoseconds: Int64?
        var sequence: Int64?
        var tape: Int?
        try members { key, reader throws(TapeDeckError) in
            if key == "sym" {
                symbol = try reader.string("sym")
            } else if key == "bx" {
                bidExchange = try reader.optionalInt("bx") ?? 0
            } else if key == "bp" {
                bidPrice = try reader.optionalDouble("bp") ?? 0
            } else if key == "bs" {
                bidSize = try reader.optionalDouble("bs") ?? 0
            } else if key == "ax" {
                askExchange = try reader.optionalInt("ax") ?? 0
            } else if key == "ap" {
                askPrice = try reader.optionalDouble("ap") ?? 0
            } else if key == "as" {
                askSize = try reader.optionalDouble("as") ?? 0
            } else if key == "c" {
                condition = try reader.optionalInt("c")
            } else if key == "i" {
                indicators = try reader.codes("i")
            } else if key == "t" {
                milliseconds = try reader.int64("t")
            } else if key == "tns" {
                nanoseconds = try reader.int64("tns")
            } else if key == "q" {
                sequence = try reader.int64("q")
            } else if key == "z" {
                tape = try reader.optionalInt("z")
            } else {
                try reader.skipValue()
            }
        }
        let object = "quote [\(index)]"
        guard let symbol else { throw JSONReader.missingFeedField("sym", object, at: start) }
        guard let milliseconds else { throw JSONReader.missingFeedField("t", object, at: start) }
        let conditions = try condition.map { value throws(TapeDeckError) -> ConditionCodes in
            guard let code = Int32(exactly: value) else { throw .malformedJSON(at: start, "\"c\" \(value) of \(object) is out of range") }
            return [code]
        }
        let quote = Quote(
            sipTimestamp: try Self.time(milliseconds, nanoseconds, timestamps, object, at: start), bidPrice: bidPrice, bidSize: bidSize,
            bidExchange: bidExchange, askPrice: askPrice, askSize: askSize, askExchange: askExchange, conditions: conditions,
            indicators: indicators, sequenceNumber: sequence ?? 0, tape: tape)
        return .quote(try Self.symbol(symbol, object, at: start), quote)
    }

    private mutating func feedAggregate(index: Int, span: FeedAggregate.Span) throws(TapeDeckError) -> FeedAggregate {
        skipWhitespace()
        let start = offset
        var symbol: String?
        var open: Double?
        var high: Double?
        var low: Double?
        var close: Double?
        var volume: Double?
        var vwap: Double?
        var accumulatedVolume: Double?
        var officialOpen: Double?
        var dayVWAP: Double?
        var startMilliseconds: Int64?
        var endMilliseconds: Int64?
        var otc = false
        try members { key, reader throws(TapeDeckError) in
            if key == "sym" {
                symbol = try reader.string("sym")
            } else if key == "o" {
                open = try reader.double("o")
            } else if key == "h" {
                high = try reader.double("h")
            } else if key == "l" {
                low = try reader.double("l")
            } else if key == "c" {
                close = try reader.double("c")
            } else if key == "v" {
                volume = try reader.double("v")
            } else if key == "vw" {
                vwap = try reader.optionalDouble("vw")
            } else if key == "av" {
                accumulatedVolume = try reader.optionalDouble("av")
            } else if key == "op" {
                officialOpen = try reader.optionalDouble("op")
            } else if key == "a" {
                dayVWAP = try reader.optionalDouble("a")
            } else if key == "s" {
                startMilliseconds = try reader.int64("s")
            } else if key == "e" {
                endMilliseconds = try reader.int64("e")
            } else if key == "otc" {
                otc = reader.null() ? false : try reader.bool("otc")
            } else {
                try reader.skipValue()
            }
        }
        let object = "\(span.rawValue) aggregate [\(index)]"
        guard let symbol else { throw JSONReader.missingFeedField("sym", object, at: start) }
        guard let open else { throw JSONReader.missingFeedField("o", object, at: start) }
        guard let high else { throw JSONReader.missingFeedField("h", object, at: start) }
        guard let low else { throw JSONReader.missingFeedField("l", object, at: start) }
        guard let close else { throw JSONReader.missingFeedField("c", object, at: start) }
        guard let volume else { throw JSONReader.missingFeedField("v", object, at: start) }
        guard let startMilliseconds else { throw JSONReader.missingFeedField("s", object, at: start) }
        guard let endMilliseconds else { throw JSONReader.missingFeedField("e", object, at: start) }
        let barStart = try Self.time(startMilliseconds, nil, .milliseconds, object, at: start)
        // The feed sends no trade count (`n`), only the rounded average trade size `z`: the count stays unknown.
        let bar = Bar(start: barStart, open: open, high: high, low: low, close: close, volume: volume, vwap: vwap, otc: otc)
        return FeedAggregate(
            span: span, symbol: try Self.symbol(symbol, object, at: start), bar: bar, start: barStart,
            end: try Self.time(endMilliseconds, nil, .milliseconds, object, at: start), accumulatedVolume: accumulatedVolume ?? 0,
            officialOpen: officialOpen ?? 0, dayVWAP: dayVWAP)
    }

    private static func time(
        _ milliseconds: Int64, _ nanoseconds: Int64?, _ timestamps: FeedDecoder.Timestamps, _ object: String, at offset: Int
    ) throws(TapeDeckError) -> Timestamp {
        if case .nanosecondsWhenSent = timestamps, let nanoseconds { return Timestamp(nanoseconds: nanoseconds) }
        do {
            return try Timestamp(milliseconds: milliseconds)
        } catch {
            throw .malformedJSON(at: offset, "\(object): \(milliseconds) ms is outside the representable years 1677-2262")
        }
    }

    private static func symbol(_ text: String, _ object: String, at offset: Int) throws(TapeDeckError) -> Symbol {
        do {
            return try Symbol(text)
        } catch {
            throw .malformedJSON(at: offset, "\(object): \"sym\" \(JSONText.quoted(String(text.prefix(40)))) is not a ticker")
        }
    }

    fileprivate static func missingFeedField(_ field: StaticString, _ object: String, at offset: Int) -> TapeDeckError {
        .malformedJSON(at: offset, "expected \"\(field)\" in \(object), which starts here, but it is missing")
    }
}
