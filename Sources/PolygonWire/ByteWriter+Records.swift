import MarketData

/// One record of each kind, with Polygon's field names in Polygon's order (alphabetical for v3 trades and
/// quotes, `v vw o c h l t n` for aggregates, as in Polygon's own responses). Optional fields are left
/// off when `nil`, as Polygon leaves them off.
extension ByteWriter {
    mutating func trade(_ trade: Trade) {
        // `conditions` and `correction` come first but are optional, so the comma discipline starts at
        // `exchange`, which is always present.
        byte(UInt8(ascii: "{"))
        if let conditions = trade.conditions {
            raw("\"conditions\":")
            codes(conditions)
            byte(UInt8(ascii: ","))
        }
        if let correction = trade.correction {
            raw("\"correction\":")
            int(correction)
            byte(UInt8(ascii: ","))
        }
        raw("\"exchange\":")
        int(trade.exchange)
        raw(",\"id\":")
        if let number = trade.id.number {
            byte(UInt8(ascii: "\""))
            int(number)
            byte(UInt8(ascii: "\""))
        } else {
            string(trade.id.description)
        }
        if let participant = trade.participantTimestamp {
            raw(",\"participant_timestamp\":")
            int(participant.nanoseconds)
        }
        raw(",\"price\":")
        double(trade.price, integral: .bare)
        raw(",\"sequence_number\":")
        int(trade.sequenceNumber)
        raw(",\"sip_timestamp\":")
        int(trade.sipTimestamp.nanoseconds)
        raw(",\"size\":")
        double(trade.size, integral: .bare)
        if let tape = trade.tape {
            raw(",\"tape\":")
            int(tape)
        }
        if let trfId = trade.trfId {
            raw(",\"trf_id\":")
            int(trfId)
        }
        if let trf = trade.trfTimestamp {
            raw(",\"trf_timestamp\":")
            int(trf.nanoseconds)
        }
        byte(UInt8(ascii: "}"))
    }

    mutating func quote(_ quote: Quote) {
        raw("{\"ask_exchange\":")
        int(quote.askExchange)
        raw(",\"ask_price\":")
        double(quote.askPrice, integral: .bare)
        raw(",\"ask_size\":")
        double(quote.askSize, integral: .bare)
        raw(",\"bid_exchange\":")
        int(quote.bidExchange)
        raw(",\"bid_price\":")
        double(quote.bidPrice, integral: .bare)
        raw(",\"bid_size\":")
        double(quote.bidSize, integral: .bare)
        if let conditions = quote.conditions {
            raw(",\"conditions\":")
            codes(conditions)
        }
        if let indicators = quote.indicators {
            raw(",\"indicators\":")
            codes(indicators)
        }
        if let participant = quote.participantTimestamp {
            raw(",\"participant_timestamp\":")
            int(participant.nanoseconds)
        }
        raw(",\"sequence_number\":")
        int(quote.sequenceNumber)
        raw(",\"sip_timestamp\":")
        int(quote.sipTimestamp.nanoseconds)
        if let tape = quote.tape {
            raw(",\"tape\":")
            int(tape)
        }
        if let trf = quote.trfTimestamp {
            raw(",\"trf_timestamp\":")
            int(trf.nanoseconds)
        }
        byte(UInt8(ascii: "}"))
    }

    mutating func bar(_ bar: Bar) {
        raw("{\"v\":")
        double(bar.volume, integral: .pointZero)
        if let vwap = bar.vwap {
            raw(",\"vw\":")
            double(vwap, integral: .pointZero)
        }
        raw(",\"o\":")
        double(bar.open, integral: .pointZero)
        raw(",\"c\":")
        double(bar.close, integral: .pointZero)
        raw(",\"h\":")
        double(bar.high, integral: .pointZero)
        raw(",\"l\":")
        double(bar.low, integral: .pointZero)
        raw(",\"t\":")
        int(bar.start.milliseconds)
        if let transactions = bar.transactions {
            raw(",\"n\":")
            int(transactions)
        }
        if bar.otc {
            raw(",\"otc\":true")
        }
        byte(UInt8(ascii: "}"))
    }
}

/// Upper bounds on encoded sizes, so that a page is written into one allocation without checks.
///
/// Generous on purpose: numbers count at their longest (20 bytes for an `Int64`, 25 for a double), every
/// string byte as a 6-byte `\u00XX` escape.
enum WireSize {
    /// Keys, punctuation and numbers of a trade, a numeric id included; a text id and conditions come on top.
    static let tradeFixed = 512
    static let quoteFixed = 512
    static let barFixed = 384
    /// Page keys and punctuation, without its strings.
    static let pageFixed = 256
    /// One `Int32` code and its comma.
    static let code = 12

    static func string(_ text: String) -> Int { 2 + 6 * text.utf8.count }

    static func string(_ text: String?) -> Int { text.map(string) ?? 0 }

    static func trade(_ trade: Trade) -> Int {
        tradeFixed + (trade.id.number == nil ? string(trade.id.description) : 0) + code * (trade.conditions?.count ?? 0)
    }

    static func quote(_ quote: Quote) -> Int {
        quoteFixed + code * ((quote.conditions?.count ?? 0) + (quote.indicators?.count ?? 0))
    }
}
