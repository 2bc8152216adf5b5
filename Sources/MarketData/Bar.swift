/// An OHLCV bar over [start, start + timeframe) — Polygon's aggregate (`o h l c v vw n t otc`).
public struct Bar: Hashable, Sendable {
    /// Inclusive start of the bar (Polygon `t`, converted from milliseconds).
    public var start: Timestamp
    public var timeframe: Timeframe
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Shares traded (Polygon sends a number that may be fractional).
    public var volume: Double
    /// Volume-weighted average price (`vw`); `nil` when the source left it off.
    public var vwap: Double?
    /// Number of trades (`n`); `nil` when the source left it off.
    public var transactions: Int?
    /// Polygon's `otc` flag, sent only when true.
    public var otc: Bool

    // Inlinable: decoders build millions of these, and a call per record costs a copy.
    @inlinable
    public init(
        start: Timestamp, timeframe: Timeframe = .minute1, open: Double, high: Double, low: Double, close: Double,
        volume: Double, vwap: Double? = nil, transactions: Int? = nil, otc: Bool = false
    ) {
        self.start = start
        self.timeframe = timeframe
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwap = vwap
        self.transactions = transactions
        self.otc = otc
    }

    /// Exclusive end for fixed-length bars; a daily bar ends when its day's post-market closes (20:00, or
    /// 17:00 after an early close), since its volume counts the whole day (see ``BarAggregator``).
    public var end: Timestamp {
        if let duration = timeframe.duration { return start.advanced(by: duration) }
        let day = NewYorkTime.date(of: start)
        return (try? SessionCalendar.nyse.sessions(on: day).postMarketClose) ?? start.advanced(by: Timestamp.nanosecondsPerDay)
    }
}
