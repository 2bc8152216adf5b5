import MarketData

/// Mean of a step function of time: each value holds from the time it is set until the next set (or the
/// query time). `nil` segments (no usable value) are left out of both the sum and the elapsed time.
/// A value set at the same instant as the next one has zero weight.
///
/// The weighted sum is an ``ExactSum`` of the segments' `value × duration` terms and the elapsed time is
/// counted in whole nanoseconds, so the mean is the correctly rounded sum over the elapsed time, whatever
/// order or grouping the segments are added in (a one-pass reader adds them as prefix differences).
public struct TimeWeightedMean: Sendable, Hashable {
    private var current: Double?
    private var since: Int64?
    private var weightedSum = ExactSum()
    private var elapsed: Int64 = 0

    /// The weight of a value held from `start` to `end`: the term ``ExactSum`` adds.
    public static func term(_ value: Double, from start: Int64, to end: Int64) -> Double {
        value * Double(end - start)
    }

    /// The value from `time` on (times non-decreasing; an earlier time counts as zero elapsed).
    mutating func set(_ value: Double?, at time: Int64) {
        if let current, let since, time > since {
            weightedSum.add(Self.term(current, from: since, to: time))
            elapsed += time - since
        }
        current = value
        // An out-of-order (earlier) time must not reopen elapsed time that was already counted.
        since = max(since ?? time, time)
    }

    /// The newest value, `nil` if unusable or none.
    var last: Double? { current }

    /// Time-weighted mean over everything up to `asOf`, `nil` when no usable value held for any time.
    func mean(asOf: Int64) -> Double? {
        var sum = weightedSum
        var total = elapsed
        if let current, let since, asOf > since {
            sum.add(Self.term(current, from: since, to: asOf))
            total += asOf - since
        }
        return total > 0 ? sum.value / Double(total) : nil
    }
}

/// The quote in force, as the trade-and-quote kernels see it.
///
/// A quote is usable when both sides have positive prices and the bid does not exceed the ask (a locked
/// quote, bid = ask, is usable). Each new quote replaces the previous one even when it is not usable: a
/// crossed or one-sided quote means there is no trustworthy prevailing quote until the next usable one.
public struct PrevailingQuote: Sendable, Hashable {
    private(set) var bid = 0.0
    private(set) var ask = 0.0
    private(set) var isUsable = false

    static func isUsable(_ quote: Quote) -> Bool {
        isUsable(bid: quote.bidPrice, ask: quote.askPrice)
    }

    /// Whether a quote with these prices is usable: both positive, the bid not above the ask.
    @inlinable
    public static func isUsable(bid: Double, ask: Double) -> Bool {
        bid > 0 && ask > 0 && bid <= ask
    }

    mutating func update(_ quote: Quote) {
        update(bid: quote.bidPrice, ask: quote.askPrice)
    }

    mutating func update(bid: Double, ask: Double) {
        self.bid = bid
        self.ask = ask
        isUsable = Self.isUsable(bid: bid, ask: ask)
    }

    /// Midpoint of a usable quote.
    var mid: Double? { isUsable ? (bid + ask) / 2 : nil }
}
