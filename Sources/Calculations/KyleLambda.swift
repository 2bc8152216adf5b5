import MarketData

/// Kyle's lambda: the OLS slope of mid-quote changes on signed volume over fixed time intervals.
///
/// Time is cut into intervals of `intervalSeconds` aligned to multiples of the interval since the epoch
/// (so 60 s intervals are clock minutes). For interval `k`: `Δmₖ = mid at its end − mid at its start`
/// (mid of the usable quote prevailing at each instant) and `xₖ = Σ sᵢ·sizeᵢ` over its trades.
/// Trade sign — the quote rule against the prevailing mid: `+1` above the mid (buyer-initiated), `−1`
/// below, `0` at the mid (contributes nothing). Trades count when their price is current
/// (``BarEligibility/updatesOpenClose``, as in ``EffectiveSpread``); a trade with no usable prevailing
/// quote is skipped. Intervals enter the regression only if they hold at least one event (quote or
/// trade) and a usable mid existed at both ends; an empty stretch (a halt, a quiet minute) adds nothing.
/// At ``estimate(asOf:)`` the interval containing `asOf` is incomplete and left out.
/// `λ = Σ(x − x̄)(Δm − Δm̄) / Σ(x − x̄)²` (with intercept), plus `R²`.
/// Warm-up: `nil` with fewer than `minimumIntervals` observations or zero variance of signed volume.
/// Units: dollars of mid change per share of signed volume.
public struct KyleLambda: Sendable, Hashable {
    /// The fitted regression.
    public struct Output: Sendable, Hashable {
        /// Dollars per signed share.
        public var lambda: Double
        public var intercept: Double
        public var rSquared: Double?
        public var intervals: Int
    }

    /// One regression point: an interval's signed volume and mid change.
    public struct Point: Sendable, Hashable {
        /// The interval's index (time / interval length).
        public var interval: Int64
        /// `xₖ`, signed shares.
        public var flow: Double
        /// `Δmₖ`, dollars.
        public var midChange: Double
    }

    /// The interval bookkeeping that turns events into ``Point``s: the prevailing quote and the open
    /// interval. Its state is all that decides the points still to come, which is what a one-pass reader
    /// compares to know that a window has caught up with the day.
    public struct Intervals: Sendable, Hashable {
        public let interval: Int64
        private var quote = PrevailingQuote()
        /// Index of the open interval (time / interval), `nil` before any event.
        private var openIndex: Int64?
        private var openStartMid: Double?
        private var openFlow = 0.0

        public init(intervalSeconds: Int) {
            interval = Int64(intervalSeconds) * Timestamp.nanosecondsPerSecond
        }

        /// Adds a quote (events in time order); returns the point of the interval it closed, if any.
        public mutating func add(_ quote: Quote) -> Point? {
            add(bid: quote.bidPrice, ask: quote.askPrice, at: quote.sipTimestamp)
        }

        /// Adds a quote given by its prices and SIP time (events in time order); as ``add(_:)-(Quote)``.
        public mutating func add(bid: Double, ask: Double, at time: Timestamp) -> Point? {
            let closed = roll(to: time)
            quote.update(bid: bid, ask: ask)
            return closed
        }

        /// Adds an eligible trade; returns the point of the interval it closed, if any.
        public mutating func add(price: Double, size: Double, at time: Timestamp) -> Point? {
            let closed = roll(to: time)
            guard size > 0, let mid = quote.mid else { return closed }
            if price > mid {
                openFlow += size
            } else if price < mid {
                openFlow -= size
            }
            return closed
        }

        /// The open interval's point if it has ended by `time` (without closing it).
        public func point(endedBy time: Timestamp) -> Point? {
            guard let openIndex, index(of: time) > openIndex, let start = openStartMid, let end = quote.mid else { return nil }
            return Point(interval: openIndex, flow: openFlow, midChange: end - start)
        }

        /// The index of the interval holding `time`.
        public func index(of time: Timestamp) -> Int64 {
            let t = time.nanoseconds
            return t >= 0 ? t / interval : (t - interval + 1) / interval
        }

        /// Closes the open interval if `time` is past it (returning its point), then opens the one
        /// containing `time`.
        private mutating func roll(to time: Timestamp) -> Point? {
            let k = index(of: time)
            if let openIndex, k == openIndex { return nil }
            let closed = point(endedBy: time)
            openIndex = k
            // The mid prevailing at the interval's start is the one in force before this event.
            openStartMid = quote.mid
            openFlow = 0
            return closed
        }
    }

    public let minimumIntervals: Int
    private var intervals: Intervals
    private var regression = OnlineRegression()

    public init(intervalSeconds: Int = 60, minimumIntervals: Int = 10) {
        precondition(intervalSeconds >= 1 && minimumIntervals >= 2, "need a positive interval and ≥ 2 intervals")
        intervals = Intervals(intervalSeconds: intervalSeconds)
        self.minimumIntervals = minimumIntervals
    }

    /// The interval length, nanoseconds.
    public var interval: Int64 { intervals.interval }

    /// Adds a quote (events in time order).
    public mutating func add(_ quote: Quote) {
        if let point = intervals.add(quote) { regression.add(point) }
    }

    /// Adds a trade if its price is current.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesOpenClose else { return }
        add(price: trade.price, size: trade.size, at: trade.sipTimestamp)
    }

    /// Adds an eligible trade.
    public mutating func add(price: Double, size: Double, at time: Timestamp) {
        if let point = intervals.add(price: price, size: size, at: time) { regression.add(point) }
    }

    /// The regression over the intervals complete at `asOf`.
    public func estimate(asOf: Timestamp) -> Output? {
        var regression = self.regression
        if let point = intervals.point(endedBy: asOf) { regression.add(point) }
        return regression.fit(minimum: minimumIntervals)
    }

    /// The regression over `points`, in order: what ``estimate(asOf:)`` gives when they are the points
    /// of the intervals complete at `asOf`.
    public static func fit(_ points: some Sequence<Point>, minimum: Int) -> Output? {
        var regression = OnlineRegression()
        for point in points { regression.add(point) }
        return regression.fit(minimum: minimum)
    }
}

/// Simple linear regression `y = a + b x` by running co-moments (Welford), O(1) per point.
struct OnlineRegression: Sendable, Hashable {
    private(set) var count = 0
    private var meanX = 0.0
    private var meanY = 0.0
    private var sxx = 0.0
    private var sxy = 0.0
    private var syy = 0.0

    mutating func add(_ point: KyleLambda.Point) {
        add(x: point.flow, y: point.midChange)
    }

    mutating func add(x: Double, y: Double) {
        count += 1
        let n = Double(count)
        let dx = x - meanX
        let dy = y - meanY
        meanX += dx / n
        meanY += dy / n
        sxx += dx * (x - meanX)
        sxy += dx * (y - meanY)
        syy += dy * (y - meanY)
    }

    func fit(minimum: Int) -> KyleLambda.Output? {
        guard count >= minimum, sxx > 0 else { return nil }
        let slope = sxy / sxx
        return KyleLambda.Output(
            lambda: slope, intercept: meanY - slope * meanX,
            rSquared: syy > 0 ? sxy * sxy / (sxx * syy) : nil, intervals: count
        )
    }
}
