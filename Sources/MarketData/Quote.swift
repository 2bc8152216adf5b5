/// One NBBO quote update, with every field of Polygon's `/v3/quotes` result.
///
/// A one-sided quote has zeros on the missing side, as Polygon sends it (`"ask_price": 0`).
public struct Quote: Hashable, Sendable {
    // `sequenceNumber` is declared first only so that the synthesized memberwise initialiser (labels
    // `sequenceNumber:sipTimestamp:…`) differs from the public one, which lives in an extension below and
    // forwards to it: an initialiser that assigns fields one by one made the optimiser build every record
    // through a temporary copy (26 ns instead of 9 ns per record when the archive decodes a segment).
    /// Increasing and unique per ticker within a session.
    public var sequenceNumber: Int64
    /// When the SIP processed the quote: the time the market could know it.
    public var sipTimestamp: Timestamp
    /// When the exchange sent it; earlier than the SIP time, never used for visibility.
    public var participantTimestamp: Timestamp?
    public var trfTimestamp: Timestamp?
    public var bidPrice: Double
    /// Bid size in round lots (2 means 200 shares), as Polygon documents.
    public var bidSize: Double
    public var bidExchange: Int
    public var askPrice: Double
    /// Ask size in round lots.
    public var askSize: Double
    public var askExchange: Int
    public var conditions: ConditionCodes?
    public var indicators: ConditionCodes?
    public var tape: Int?

    /// Both sides present (non-zero prices).
    public var isTwoSided: Bool { bidPrice > 0 && askPrice > 0 }

    /// Midpoint of a two-sided quote.
    public var midpoint: Double? { isTwoSided ? (bidPrice + askPrice) / 2 : nil }

    /// Bid above ask.
    public var isCrossed: Bool { isTwoSided && bidPrice > askPrice }

    /// Bid equal to ask.
    public var isLocked: Bool { isTwoSided && bidPrice == askPrice }
}

extension Quote {
    /// Every field of a quote; the optional ones default to absent.
    public init(
        sipTimestamp: Timestamp, participantTimestamp: Timestamp? = nil, trfTimestamp: Timestamp? = nil,
        bidPrice: Double, bidSize: Double, bidExchange: Int, askPrice: Double, askSize: Double, askExchange: Int,
        conditions: ConditionCodes? = nil, indicators: ConditionCodes? = nil, sequenceNumber: Int64, tape: Int? = nil
    ) {
        self.init(
            sequenceNumber: sequenceNumber, sipTimestamp: sipTimestamp, participantTimestamp: participantTimestamp,
            trfTimestamp: trfTimestamp, bidPrice: bidPrice, bidSize: bidSize, bidExchange: bidExchange, askPrice: askPrice,
            askSize: askSize, askExchange: askExchange, conditions: conditions, indicators: indicators, tape: tape
        )
    }
}
