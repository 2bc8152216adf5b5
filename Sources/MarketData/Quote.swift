/// One NBBO quote update, with every field of Polygon's `/v3/quotes` result.
///
/// A one-sided quote has zeros on the missing side, as Polygon sends it (`"ask_price": 0`).
public struct Quote: Hashable, Sendable {
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
    /// Increasing and unique per ticker within a session.
    public var sequenceNumber: Int64
    public var tape: Int?

    // Inlinable: decoders build millions of these, and a call per record costs a copy.
    @inlinable
    public init(
        sipTimestamp: Timestamp, participantTimestamp: Timestamp? = nil, trfTimestamp: Timestamp? = nil,
        bidPrice: Double, bidSize: Double, bidExchange: Int, askPrice: Double, askSize: Double, askExchange: Int,
        conditions: ConditionCodes? = nil, indicators: ConditionCodes? = nil, sequenceNumber: Int64, tape: Int? = nil
    ) {
        self.sipTimestamp = sipTimestamp
        self.participantTimestamp = participantTimestamp
        self.trfTimestamp = trfTimestamp
        self.bidPrice = bidPrice
        self.bidSize = bidSize
        self.bidExchange = bidExchange
        self.askPrice = askPrice
        self.askSize = askSize
        self.askExchange = askExchange
        self.conditions = conditions
        self.indicators = indicators
        self.sequenceNumber = sequenceNumber
        self.tape = tape
    }

    /// Both sides present (non-zero prices).
    public var isTwoSided: Bool { bidPrice > 0 && askPrice > 0 }

    /// Midpoint of a two-sided quote.
    public var midpoint: Double? { isTwoSided ? (bidPrice + askPrice) / 2 : nil }

    /// Bid above ask.
    public var isCrossed: Bool { isTwoSided && bidPrice > askPrice }

    /// Bid equal to ask.
    public var isLocked: Bool { isTwoSided && bidPrice == askPrice }
}
