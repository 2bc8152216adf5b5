import MarketData

/// Opening range: high and low of the first `minutes` of the regular session (15 and 30 are usual), and
/// where price stands relative to it afterwards.
///
/// Bars whose whole span `[start, end)` lies inside `[sessionOpen, sessionOpen + minutes)` set the range
/// (their highs and lows already follow the condition-eligibility table). The range is complete once a
/// bar ending at or after the range end was added, or ``advance(to:)`` was called with a time at or after
/// it (the adapter passes the bar-close event time, so a last minute without trades still completes it).
/// Closes of bars that start at or after the range end give the breakout state: `above` when the close
/// is above the range high, `below` when under the low, `inside` otherwise (touching counts as inside).
/// Warm-up: ``high``/``low`` are `nil` until the range is complete, and stay `nil` if no bar fell inside
/// it; ``state`` is `nil` until a bar after the range; ``firstBreakout`` until a close outside it.
/// Units: dollars.
public struct OpeningRange: Sendable, Hashable {
    /// Position of a price relative to the range.
    public enum Position: Sendable, Hashable {
        case above, inside, below
    }

    public let sessionOpen: Timestamp
    public let minutes: Int
    /// `sessionOpen + minutes`.
    public let rangeEnd: Timestamp
    private var runningHigh: Double?
    private var runningLow: Double?
    /// True once the first `minutes` have passed.
    public private(set) var isComplete = false
    /// Position of the newest close after the range, `nil` before any.
    public private(set) var state: Position?
    /// Direction of the first close outside the range (`above` or `below`), `nil` before any.
    public private(set) var firstBreakout: Position?

    public init(sessionOpen: Timestamp, minutes: Int) {
        precondition(minutes >= 1, "an opening range spans at least one minute")
        self.sessionOpen = sessionOpen
        self.minutes = minutes
        rangeEnd = sessionOpen.advanced(by: Int64(minutes) * Timestamp.nanosecondsPerMinute)
    }

    /// Marks the range complete when `time` is at or after its end.
    public mutating func advance(to time: Timestamp) {
        if time >= rangeEnd { isComplete = true }
    }

    /// Adds a closed bar.
    public mutating func add(_ bar: Bar) {
        add(start: bar.start, end: bar.end, high: bar.high, low: bar.low, close: bar.close)
    }

    /// Adds a closed bar given by its span and prices.
    public mutating func add(start: Timestamp, end: Timestamp, high: Double, low: Double, close: Double) {
        if start >= sessionOpen, end <= rangeEnd, !isComplete {
            runningHigh = max(runningHigh ?? high, high)
            runningLow = min(runningLow ?? low, low)
        }
        advance(to: end)
        guard start >= rangeEnd, let position = position(of: close) else { return }
        state = position
        if firstBreakout == nil, position != .inside { firstBreakout = position }
    }

    /// Range high, `nil` until complete.
    public var high: Double? { isComplete ? runningHigh : nil }
    /// Range low, `nil` until complete.
    public var low: Double? { isComplete ? runningLow : nil }

    /// Where `price` stands relative to the completed range, `nil` before it is complete.
    public func position(of price: Double) -> Position? {
        guard let high, let low else { return nil }
        if price > high { return .above }
        if price < low { return .below }
        return .inside
    }
}
