import MarketData

/// Readers of one `results` element of each kind, matching Polygon's field names in any order.
extension JSONReader {
    /// A trade; `sip_timestamp`, `price`, `size`, `exchange`, `id` and `sequence_number` are required.
    mutating func trade(index: Int) throws(TapeDeckError) -> Trade {
        skipWhitespace()
        let start = offset
        var sip: Int64?
        var participant: Int64?
        var trf: Int64?
        var price: Double?
        var size: Double?
        var exchange: Int?
        var tape: Int?
        var conditions: ConditionCodes?
        var id: TradeID?
        var sequence: Int64?
        var correction: Int?
        var trfId: Int?
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "price" {
                    try once(&seen, 1 << 0, "price", in: "results[\(index)]", at: keyOffset)
                    price = try double("price")
                } else if key == "size" {
                    try once(&seen, 1 << 1, "size", in: "results[\(index)]", at: keyOffset)
                    size = try double("size")
                } else if key == "sip_timestamp" {
                    try once(&seen, 1 << 2, "sip_timestamp", in: "results[\(index)]", at: keyOffset)
                    sip = try int64("sip_timestamp")
                } else if key == "participant_timestamp" {
                    try once(&seen, 1 << 3, "participant_timestamp", in: "results[\(index)]", at: keyOffset)
                    participant = try optionalInt64("participant_timestamp")
                } else if key == "exchange" {
                    try once(&seen, 1 << 4, "exchange", in: "results[\(index)]", at: keyOffset)
                    exchange = try int("exchange")
                } else if key == "id" {
                    try once(&seen, 1 << 5, "id", in: "results[\(index)]", at: keyOffset)
                    id = try tradeID("id")
                } else if key == "sequence_number" {
                    try once(&seen, 1 << 6, "sequence_number", in: "results[\(index)]", at: keyOffset)
                    sequence = try int64("sequence_number")
                } else if key == "conditions" {
                    try once(&seen, 1 << 7, "conditions", in: "results[\(index)]", at: keyOffset)
                    conditions = try codes("conditions")
                } else if key == "tape" {
                    try once(&seen, 1 << 8, "tape", in: "results[\(index)]", at: keyOffset)
                    tape = try optionalInt("tape")
                } else if key == "trf_timestamp" {
                    try once(&seen, 1 << 9, "trf_timestamp", in: "results[\(index)]", at: keyOffset)
                    trf = try optionalInt64("trf_timestamp")
                } else if key == "trf_id" {
                    try once(&seen, 1 << 10, "trf_id", in: "results[\(index)]", at: keyOffset)
                    trfId = try optionalInt("trf_id")
                } else if key == "correction" {
                    try once(&seen, 1 << 11, "correction", in: "results[\(index)]", at: keyOffset)
                    correction = try optionalInt("correction")
                } else {
                    try once(key, in: &others, object: "results[\(index)]", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let sip else { throw JSONReader.missing("sip_timestamp", index: index, at: start) }
        guard let price else { throw JSONReader.missing("price", index: index, at: start) }
        guard let size else { throw JSONReader.missing("size", index: index, at: start) }
        guard let exchange else { throw JSONReader.missing("exchange", index: index, at: start) }
        guard let id else { throw JSONReader.missing("id", index: index, at: start) }
        guard let sequence else { throw JSONReader.missing("sequence_number", index: index, at: start) }
        return Trade(
            sipTimestamp: Timestamp(nanoseconds: sip), participantTimestamp: participant.map(Timestamp.init(nanoseconds:)),
            trfTimestamp: trf.map(Timestamp.init(nanoseconds:)), price: price, size: size, exchange: exchange, tape: tape,
            conditions: conditions, id: id, sequenceNumber: sequence, correction: correction, trfId: trfId
        )
    }

    /// A quote; `sip_timestamp` and `sequence_number` are required, an absent side's price, size and
    /// exchange read as 0 (Polygon's spelling of a one-sided quote).
    mutating func quote(index: Int) throws(TapeDeckError) -> Quote {
        skipWhitespace()
        let start = offset
        var sip: Int64?
        var participant: Int64?
        var trf: Int64?
        var bidPrice = 0.0
        var bidSize = 0.0
        var bidExchange = 0
        var askPrice = 0.0
        var askSize = 0.0
        var askExchange = 0
        var conditions: ConditionCodes?
        var indicators: ConditionCodes?
        var sequence: Int64?
        var tape: Int?
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "ask_exchange" {
                    try once(&seen, 1 << 0, "ask_exchange", in: "results[\(index)]", at: keyOffset)
                    askExchange = try optionalInt("ask_exchange") ?? 0
                } else if key == "ask_price" {
                    try once(&seen, 1 << 1, "ask_price", in: "results[\(index)]", at: keyOffset)
                    askPrice = try optionalDouble("ask_price") ?? 0
                } else if key == "ask_size" {
                    try once(&seen, 1 << 2, "ask_size", in: "results[\(index)]", at: keyOffset)
                    askSize = try optionalDouble("ask_size") ?? 0
                } else if key == "bid_exchange" {
                    try once(&seen, 1 << 3, "bid_exchange", in: "results[\(index)]", at: keyOffset)
                    bidExchange = try optionalInt("bid_exchange") ?? 0
                } else if key == "bid_price" {
                    try once(&seen, 1 << 4, "bid_price", in: "results[\(index)]", at: keyOffset)
                    bidPrice = try optionalDouble("bid_price") ?? 0
                } else if key == "bid_size" {
                    try once(&seen, 1 << 5, "bid_size", in: "results[\(index)]", at: keyOffset)
                    bidSize = try optionalDouble("bid_size") ?? 0
                } else if key == "conditions" {
                    try once(&seen, 1 << 6, "conditions", in: "results[\(index)]", at: keyOffset)
                    conditions = try codes("conditions")
                } else if key == "indicators" {
                    try once(&seen, 1 << 7, "indicators", in: "results[\(index)]", at: keyOffset)
                    indicators = try codes("indicators")
                } else if key == "participant_timestamp" {
                    try once(&seen, 1 << 8, "participant_timestamp", in: "results[\(index)]", at: keyOffset)
                    participant = try optionalInt64("participant_timestamp")
                } else if key == "sequence_number" {
                    try once(&seen, 1 << 9, "sequence_number", in: "results[\(index)]", at: keyOffset)
                    sequence = try int64("sequence_number")
                } else if key == "sip_timestamp" {
                    try once(&seen, 1 << 10, "sip_timestamp", in: "results[\(index)]", at: keyOffset)
                    sip = try int64("sip_timestamp")
                } else if key == "tape" {
                    try once(&seen, 1 << 11, "tape", in: "results[\(index)]", at: keyOffset)
                    tape = try optionalInt("tape")
                } else if key == "trf_timestamp" {
                    try once(&seen, 1 << 12, "trf_timestamp", in: "results[\(index)]", at: keyOffset)
                    trf = try optionalInt64("trf_timestamp")
                } else {
                    try once(key, in: &others, object: "results[\(index)]", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let sip else { throw JSONReader.missing("sip_timestamp", index: index, at: start) }
        guard let sequence else { throw JSONReader.missing("sequence_number", index: index, at: start) }
        return Quote(
            sipTimestamp: Timestamp(nanoseconds: sip), participantTimestamp: participant.map(Timestamp.init(nanoseconds:)),
            trfTimestamp: trf.map(Timestamp.init(nanoseconds:)), bidPrice: bidPrice, bidSize: bidSize, bidExchange: bidExchange,
            askPrice: askPrice, askSize: askSize, askExchange: askExchange, conditions: conditions,
            indicators: indicators, sequenceNumber: sequence, tape: tape
        )
    }

    /// An aggregate; `t`, `o`, `h`, `l`, `c` and `v` are required, `t` is converted from milliseconds.
    mutating func bar(index: Int, timeframe: Timeframe) throws(TapeDeckError) -> Bar {
        skipWhitespace()
        let start = offset
        var milliseconds: Int64?
        var millisecondsOffset = 0
        var open: Double?
        var high: Double?
        var low: Double?
        var close: Double?
        var volume: Double?
        var vwap: Double?
        var transactions: Int?
        var otc = false
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "o" {
                    try once(&seen, 1 << 0, "o", in: "results[\(index)]", at: keyOffset)
                    open = try double("o")
                } else if key == "h" {
                    try once(&seen, 1 << 1, "h", in: "results[\(index)]", at: keyOffset)
                    high = try double("h")
                } else if key == "l" {
                    try once(&seen, 1 << 2, "l", in: "results[\(index)]", at: keyOffset)
                    low = try double("l")
                } else if key == "c" {
                    try once(&seen, 1 << 3, "c", in: "results[\(index)]", at: keyOffset)
                    close = try double("c")
                } else if key == "v" {
                    try once(&seen, 1 << 4, "v", in: "results[\(index)]", at: keyOffset)
                    volume = try double("v")
                } else if key == "vw" {
                    try once(&seen, 1 << 5, "vw", in: "results[\(index)]", at: keyOffset)
                    vwap = try optionalDouble("vw")
                } else if key == "t" {
                    try once(&seen, 1 << 6, "t", in: "results[\(index)]", at: keyOffset)
                    millisecondsOffset = offset
                    milliseconds = try int64("t")
                } else if key == "n" {
                    try once(&seen, 1 << 7, "n", in: "results[\(index)]", at: keyOffset)
                    transactions = try optionalInt("n")
                } else if key == "otc" {
                    try once(&seen, 1 << 8, "otc", in: "results[\(index)]", at: keyOffset)
                    otc = null() ? false : try bool("otc")
                } else {
                    try once(key, in: &others, object: "results[\(index)]", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let milliseconds else { throw JSONReader.missing("t", index: index, at: start) }
        guard let open else { throw JSONReader.missing("o", index: index, at: start) }
        guard let high else { throw JSONReader.missing("h", index: index, at: start) }
        guard let low else { throw JSONReader.missing("l", index: index, at: start) }
        guard let close else { throw JSONReader.missing("c", index: index, at: start) }
        guard let volume else { throw JSONReader.missing("v", index: index, at: start) }
        let barStart: Timestamp
        do {
            barStart = try Timestamp(milliseconds: milliseconds)
        } catch {
            throw TapeDeckError.malformedJSON(
                at: millisecondsOffset, "\"t\" \(milliseconds) ms is outside the representable years 1677-2262"
            )
        }
        return Bar(
            start: barStart, timeframe: timeframe, open: open, high: high, low: low, close: close, volume: volume,
            vwap: vwap, transactions: transactions, otc: otc
        )
    }

    private static func missing(_ field: StaticString, index: Int, at offset: Int) -> TapeDeckError {
        .malformedJSON(at: offset, "expected \"\(field)\" in results[\(index)], which starts here, but it is missing")
    }
}
