import MarketData

/// The prior regular session's high, low and close, and today's opening gap from that close.
///
/// Feed the prior session's regular-hours 1-minute bars in time order (or use ``init(daily:)`` with its
/// daily bar): high = max of highs, low = min of lows, close = close of the last bar fed.
/// ``gap(open:)``: `points = open − priorClose`, `percent = 100 × points / priorClose`, where `open` is
/// today's regular-session open (the open of the 09:30 bar, supplied by the adapter).
/// Warm-up: every level is `nil` until a bar was fed; the gap is `nil` without a prior close or when it
/// is zero. Units: dollars; the gap in dollars and percent.
public struct PriorSessionLevels: Sendable, Hashable {
    /// Today's gap from the prior close.
    public struct Gap: Sendable, Hashable {
        /// `open − priorClose`, dollars.
        public var points: Double
        /// `100 × (open − priorClose) / priorClose`.
        public var percent: Double
    }

    public private(set) var high: Double?
    public private(set) var low: Double?
    public private(set) var close: Double?

    public init() {}

    /// Levels from the prior session's daily bar.
    public init(daily: Bar) {
        high = daily.high
        low = daily.low
        close = daily.close
    }

    /// Adds one of the prior session's bars.
    public mutating func add(high: Double, low: Double, close: Double) {
        self.high = max(self.high ?? high, high)
        self.low = min(self.low ?? low, low)
        self.close = close
    }

    /// Adds one of the prior session's bars.
    public mutating func add(_ bar: Bar) {
        add(high: bar.high, low: bar.low, close: bar.close)
    }

    /// The gap of today's `open` from the prior close.
    public func gap(open: Double) -> Gap? {
        guard let close, close != 0 else { return nil }
        return Gap(points: open - close, percent: 100 * (open - close) / close)
    }
}
