import MarketData

/// The stocks WebSocket feed's frames: JSON arrays of events with Polygon's short keys and millisecond
/// timestamps, and the `status` control messages.
///
/// TapeDeck's extension: trades and quotes also carry `tns`, the SIP timestamp in nanoseconds, which the
/// real feed does not send; clients that do not know it ignore it (Polygon's clients read known keys only),
/// and TapeDeck's stream recorder and `backtest --stream` use it to keep REST's precision.
public enum FeedEncoder {
    /// One frame: the events as a JSON array, in the given order.
    public static func frame(_ events: [FeedEvent]) -> [UInt8] { frame(events[...]) }

    /// One frame of a slice: concrete rather than generic, because the feed's server calls it once per
    /// batch and an unspecialized collection copied every event through value witnesses.
    public static func frame(_ events: ArraySlice<FeedEvent>) -> [UInt8] {
        var bound = 2
        for event in events { bound += size(event) + 1 }
        return WireEncoder.write(bound: bound) { writer in
            writer.byte(UInt8(ascii: "["))
            var first = true
            for event in events {
                if !first { writer.byte(UInt8(ascii: ",")) }
                first = false
                writer.event(event)
            }
            writer.byte(UInt8(ascii: "]"))
        }
    }

    /// A status frame, `[{"ev":"status","status":"…","message":"…"}]`.
    public static func status(_ status: String, message: String) -> [UInt8] {
        let bound = 64 + 6 * (status.utf8.count + message.utf8.count)
        return WireEncoder.write(bound: bound) { writer in
            writer.raw("[{\"ev\":\"status\",\"status\":")
            writer.string(status)
            writer.raw(",\"message\":")
            writer.string(message)
            writer.raw("}]")
        }
    }

    /// Generous upper bound of one event's bytes (numbers at their longest, strings fully escaped).
    private static func size(_ event: FeedEvent) -> Int {
        let symbol = 6 * event.symbol.rawValue.utf8.count
        switch event {
        case .trade(_, let trade):
            return 320 + symbol + 6 * trade.id.description.utf8.count + 12 * (trade.conditions?.count ?? 0)
        case .quote(_, let quote):
            return 360 + symbol + 12 * (quote.indicators?.count ?? 0)
        case .aggregate:
            return 420 + symbol
        }
    }
}

extension ByteWriter {
    mutating func event(_ event: FeedEvent) {
        switch event {
        case .trade(let symbol, let trade): feedTrade(symbol, trade)
        case .quote(let symbol, let quote): feedQuote(symbol, quote)
        case .aggregate(let aggregate): feedAggregate(aggregate)
        }
    }

    /// `{"ev":"T","sym":…,"i":…,"x":…,"p":…,"s":…,"c":[…],"t":ms,"q":…,"z":…,"trfi":…,"trft":ms,"tns":ns}`.
    private mutating func feedTrade(_ symbol: Symbol, _ trade: Trade) {
        raw("{\"ev\":\"T\",\"sym\":")
        string(symbol.rawValue)
        raw(",\"i\":")
        string(trade.id.description)
        raw(",\"x\":")
        int(trade.exchange)
        raw(",\"p\":")
        double(trade.price, integral: .bare)
        raw(",\"s\":")
        double(trade.size, integral: .bare)
        if let conditions = trade.conditions, !conditions.isEmpty {
            raw(",\"c\":")
            codes(conditions)
        }
        raw(",\"t\":")
        int(trade.sipTimestamp.milliseconds)
        raw(",\"q\":")
        int(trade.sequenceNumber)
        if let tape = trade.tape {
            raw(",\"z\":")
            int(tape)
        }
        if let trfId = trade.trfId {
            raw(",\"trfi\":")
            int(trfId)
        }
        if let trf = trade.trfTimestamp {
            raw(",\"trft\":")
            int(trf.milliseconds)
        }
        raw(",\"tns\":")
        int(trade.sipTimestamp.nanoseconds)
        byte(UInt8(ascii: "}"))
    }

    /// `{"ev":"Q","sym":…,"bx":…,"bp":…,"bs":…,"ax":…,"ap":…,"as":…,"c":…,"i":[…],"t":ms,"q":…,"z":…,"tns":ns}`.
    private mutating func feedQuote(_ symbol: Symbol, _ quote: Quote) {
        raw("{\"ev\":\"Q\",\"sym\":")
        string(symbol.rawValue)
        raw(",\"bx\":")
        int(quote.bidExchange)
        raw(",\"bp\":")
        double(quote.bidPrice, integral: .bare)
        raw(",\"bs\":")
        double(quote.bidSize, integral: .bare)
        raw(",\"ax\":")
        int(quote.askExchange)
        raw(",\"ap\":")
        double(quote.askPrice, integral: .bare)
        raw(",\"as\":")
        double(quote.askSize, integral: .bare)
        if let condition = quote.conditions?.first {
            raw(",\"c\":")
            int(Int64(condition))
        }
        if let indicators = quote.indicators, !indicators.isEmpty {
            raw(",\"i\":")
            codes(indicators)
        }
        raw(",\"t\":")
        int(quote.sipTimestamp.milliseconds)
        raw(",\"q\":")
        int(quote.sequenceNumber)
        if let tape = quote.tape {
            raw(",\"z\":")
            int(tape)
        }
        raw(",\"tns\":")
        int(quote.sipTimestamp.nanoseconds)
        byte(UInt8(ascii: "}"))
    }

    /// `{"ev":"AM","sym":…,"v":…,"av":…,"op":…,"vw":…,"o":…,"c":…,"h":…,"l":…,"a":…,"z":…,"s":ms,"e":ms,"otc":…}`.
    private mutating func feedAggregate(_ aggregate: FeedAggregate) {
        let bar = aggregate.bar
        raw("{\"ev\":")
        string(aggregate.span.rawValue)
        raw(",\"sym\":")
        string(aggregate.symbol.rawValue)
        raw(",\"v\":")
        double(bar.volume, integral: .bare)
        raw(",\"av\":")
        double(aggregate.accumulatedVolume, integral: .bare)
        raw(",\"op\":")
        double(aggregate.officialOpen, integral: .bare)
        if let vwap = bar.vwap {
            raw(",\"vw\":")
            double(vwap, integral: .bare)
        }
        raw(",\"o\":")
        double(bar.open, integral: .bare)
        raw(",\"c\":")
        double(bar.close, integral: .bare)
        raw(",\"h\":")
        double(bar.high, integral: .bare)
        raw(",\"l\":")
        double(bar.low, integral: .bare)
        if let vwap = aggregate.dayVWAP {
            raw(",\"a\":")
            double(vwap, integral: .bare)
        }
        if let transactions = bar.transactions, transactions > 0 {
            let average = (bar.volume / Double(transactions)).rounded()
            if average.isFinite, abs(average) < 9e15 {
                raw(",\"z\":")
                int(Int64(average))
            }
        }
        raw(",\"s\":")
        int(aggregate.start.milliseconds)
        raw(",\"e\":")
        int(aggregate.end.milliseconds)
        raw(",\"otc\":")
        bool(bar.otc)
        byte(UInt8(ascii: "}"))
    }
}
