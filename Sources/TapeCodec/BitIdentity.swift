import MarketData

/// Bit-level equality of records, the codec's losslessness criterion: `==` on `Double` says NaN ≠ NaN
/// and -0.0 == 0, and a round trip must keep every bit of every field.
package enum BitIdentity {
    private static func bits(_ value: Double) -> UInt64 { value.bitPattern }
    package static func same(_ a: Trade, _ b: Trade) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && bits(a.price) == bits(b.price) && bits(a.size) == bits(b.size)
            && a.exchange == b.exchange && a.tape == b.tape && a.conditions == b.conditions && a.id == b.id
            && a.sequenceNumber == b.sequenceNumber && a.correction == b.correction && a.trfId == b.trfId
            && (a.conditions == nil) == (b.conditions == nil)
    }
    package static func same(_ a: Quote, _ b: Quote) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && bits(a.bidPrice) == bits(b.bidPrice)
            && bits(a.bidSize) == bits(b.bidSize) && a.bidExchange == b.bidExchange
            && bits(a.askPrice) == bits(b.askPrice) && bits(a.askSize) == bits(b.askSize)
            && a.askExchange == b.askExchange && a.conditions == b.conditions && a.indicators == b.indicators
            && (a.conditions == nil) == (b.conditions == nil) && (a.indicators == nil) == (b.indicators == nil)
            && a.sequenceNumber == b.sequenceNumber && a.tape == b.tape
    }
    package static func same(_ a: Bar, _ b: Bar) -> Bool {
        a.start == b.start && a.timeframe == b.timeframe && bits(a.open) == bits(b.open) && bits(a.high) == bits(b.high)
            && bits(a.low) == bits(b.low) && bits(a.close) == bits(b.close) && bits(a.volume) == bits(b.volume)
            && a.vwap.map(bits) == b.vwap.map(bits) && a.transactions == b.transactions && a.otc == b.otc
    }
}
