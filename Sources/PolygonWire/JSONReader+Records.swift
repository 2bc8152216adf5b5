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
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                let key = try key()
                if key == "price" {
                    price = try double("price")
                } else if key == "size" {
                    size = try double("size")
                } else if key == "sip_timestamp" {
                    sip = try int64("sip_timestamp")
                } else if key == "participant_timestamp" {
                    participant = try optionalInt64("participant_timestamp")
                } else if key == "exchange" {
                    exchange = try int("exchange")
                } else if key == "id" {
                    id = try tradeID("id")
                } else if key == "sequence_number" {
                    sequence = try int64("sequence_number")
                } else if key == "conditions" {
                    conditions = try codes("conditions")
                } else if key == "tape" {
                    tape = try optionalInt("tape")
                } else if key == "trf_timestamp" {
                    trf = try optionalInt64("trf_timestamp")
                } else if key == "trf_id" {
                    trfId = try optionalInt("trf_id")
                } else if key == "correction" {
                    correction = try optionalInt("correction")
                } else {
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
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                let key = try key()
                if key == "ask_exchange" {
                    askExchange = try optionalInt("ask_exchange") ?? 0
                } else if key == "ask_price" {
                    askPrice = try optionalDouble("ask_price") ?? 0
                } else if key == "ask_size" {
                    askSize = try optionalDouble("ask_size") ?? 0
                } else if key == "bid_exchange" {
                    bidExchange = try optionalInt("bid_exchange") ?? 0
                } else if key == "bid_price" {
                    bidPrice = try optionalDouble("bid_price") ?? 0
                } else if key == "bid_size" {
                    bidSize = try optionalDouble("bid_size") ?? 0
                } else if key == "conditions" {
                    conditions = try codes("conditions")
                } else if key == "indicators" {
                    indicators = try codes("indicators")
                } else if key == "participant_timestamp" {
                    participant = try optionalInt64("participant_timestamp")
                } else if key == "sequence_number" {
                    sequence = try int64("sequence_number")
                } else if key == "sip_timestamp" {
                    sip = try int64("sip_timestamp")
                } else if key == "tape" {
                    tape = try optionalInt("tape")
                } else if key == "trf_timestamp" {
                    trf = try optionalInt64("trf_timestamp")
                } else {
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
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                let key = try key()
                if key == "o" {
                    open = try double("o")
                } else if key == "h" {
                    high = try double("h")
                } else if key == "l" {
                    low = try double("l")
                } else if key == "c" {
                    close = try double("c")
                } else if key == "v" {
                    volume = try double("v")
                } else if key == "vw" {
                    vwap = try optionalDouble("vw")
                } else if key == "t" {
                    millisecondsOffset = offset
                    milliseconds = try int64("t")
                } else if key == "n" {
                    transactions = try optionalInt("n")
                } else if key == "otc" {
                    otc = null() ? false : try bool("otc")
                } else {
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
