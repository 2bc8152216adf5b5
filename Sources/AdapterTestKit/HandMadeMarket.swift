import MarketData

/// A market of hand-made events for one symbol, to test an adapter on a case worked out by hand: a few
/// trades, quotes and minute bars at chosen times, served like any recording.
///
/// ```swift
/// var market = HandMadeMarket()
/// try market.trade(at: "2024-03-15 09:59:00", price: 10.00, size: 100)
/// try market.quote(at: "2024-03-15 09:59:30", bid: 9.99, ask: 10.01)
/// ```
///
/// Times are New York wall-clock times (`Timestamp(parsing:)`). Events get sequence numbers in the order
/// they are added, and are served in SIP-time order, ties by sequence number, as Polygon serves them.
public struct HandMadeMarket: MarketDataSource {
    /// The one symbol this market trades; other symbols have no events.
    public let symbol: Symbol
    public private(set) var trades: [Trade] = []
    public private(set) var quotes: [Quote] = []
    public private(set) var bars: [Bar] = []
    private var nextSequence: Int64 = 1

    /// An empty market for `symbol` (default `TEST`).
    public init(symbol: String = "TEST") throws(TapeDeckError) {
        self.symbol = try Symbol(symbol)
    }

    /// Adds a trade. `conditions` are Polygon's codes (37 is an odd lot); `participantTime` is the
    /// exchange's own stamp, which the visibility rule ignores.
    public mutating func trade(
        at time: String, price: Double, size: Double = 100, exchange: Int = 4, conditions: [Int32] = [],
        participantTime: String? = nil
    ) throws(TapeDeckError) {
        let sip = try Timestamp(parsing: time)
        let participant = try participantTime.map { text throws(TapeDeckError) in try Timestamp(parsing: text) }
        let sequence = takeSequence()
        trades.append(
            Trade(
                sipTimestamp: sip, participantTimestamp: participant, price: price, size: size, exchange: exchange,
                conditions: conditions.isEmpty ? nil : ConditionCodes(conditions), id: TradeID(sequence), sequenceNumber: sequence))
    }

    /// Adds an NBBO update.
    public mutating func quote(
        at time: String, bid: Double, ask: Double, bidSize: Double = 100, askSize: Double = 100, bidExchange: Int = 11,
        askExchange: Int = 12
    ) throws(TapeDeckError) {
        quotes.append(
            Quote(
                sipTimestamp: try Timestamp(parsing: time), bidPrice: bid, bidSize: bidSize, bidExchange: bidExchange, askPrice: ask,
                askSize: askSize, askExchange: askExchange, sequenceNumber: takeSequence()))
    }

    /// Adds a 1-minute bar starting at `start` (the engine aggregates longer timeframes from these).
    public mutating func minuteBar(
        at start: String, open: Double, high: Double, low: Double, close: Double, volume: Double = 1_000
    ) throws(TapeDeckError) {
        bars.append(
            Bar(start: try Timestamp(parsing: start), open: open, high: high, low: low, close: close, volume: volume))
    }

    private mutating func takeSequence() -> Int64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        guard symbol == self.symbol else { return [] }
        return bars.filter { window.contains($0.start) }.sorted { $0.start < $1.start }
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        guard symbol == self.symbol else { return [] }
        return trades.filter { window.contains($0.sipTimestamp) }.sorted {
            ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber)
        }
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        guard symbol == self.symbol else { return [] }
        return quotes.filter { window.contains($0.sipTimestamp) }.sorted {
            ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber)
        }
    }
}
