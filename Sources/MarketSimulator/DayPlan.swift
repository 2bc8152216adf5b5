import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The plan of one symbol's trading day: per-minute fair prices, event counts and numbering, computed
/// cheaply (O(minutes), no events) so that any minute's events can then be generated on their own.
///
/// The day is cut into minutes from the pre-market open (04:00 New York time) to the end of the
/// post-market (20:00, or 17:00 on an early close): 960 minutes, or 780 on an early close; minute `i`
/// covers SIP timestamps `[04:00 + i min, 04:00 + (i + 1) min)`. For each minute the plan draws, from
/// streams keyed by (seed, symbol, date, minute):
/// - the fair-price increment (a rounded normal number of cents; the fair price at a minute's start is
///   the opening price plus the prefix sum of earlier increments, then bent linearly so that the day
///   ends at the next session's opening price — a bridge — and never below $1.00);
/// - the number of trades and of quotes (Poisson around the profile's rate × ``IntradayActivity`` ×
///   a log-normal minute factor × a day factor in [0.85, 1.15]); a minute with trades has at least one
///   quote, and its first event is always a quote, so every trade has a prevailing quote of its minute.
///
/// Sequence numbers are dense over the symbol-day, trades and quotes together: the `k`-th event
/// (0-based) of minute `i` gets `1 + eventsBefore(i) + k`, where `eventsBefore` is the prefix sum of
/// per-minute counts — so they are strictly increasing in (SIP timestamp, sequence number) order, as
/// Polygon's are per ticker and day. Trade ids are the trade's 1-based ordinal in the day, in decimal.
///
/// A plan is a value: build it once (``MarketSimulator/plan(_:on:)``) and generate minutes from it on
/// any number of threads.
public struct DayPlan: Sendable {
    public let symbol: Symbol
    public let date: LocalDate
    public let profile: LiquidityProfile
    public let sessions: TradingSessions
    /// Tape of all the symbol's trades and quotes (1 = A, 2 = B, 3 = C).
    public let tape: Int
    /// Number of minutes from the pre-market open to the post-market close.
    public let minuteCount: Int
    /// Index of the first regular-session minute (09:30): always 330.
    public let regularStartMinute: Int
    /// Index of the first post-market minute (16:00, or 13:00 on an early close).
    public let regularEndMinute: Int

    let seed: UInt64
    let symbolHash: UInt64
    /// Fair price in cents at each minute's start, and at the end of the day (count `minuteCount + 1`).
    package let fairCents: [Int64]
    let tradeCounts: [Int32]
    let quoteCounts: [Int32]
    /// Events (trades + quotes) before each minute, and in all (count `minuteCount + 1`).
    let eventsBefore: [Int64]
    /// Trades before each minute, and in all (count `minuteCount + 1`).
    let tradesBefore: [Int64]

    /// The plan, or `nil` on a day the market is closed (or outside the calendar).
    init?(seed: UInt64, symbol: Symbol, date: LocalDate, traits: SymbolTraits, priceScale: Double = 1) {
        guard let sessions = try? SessionCalendar.nyse.sessions(on: date) else { return nil }
        self.seed = seed
        self.symbol = symbol
        self.date = date
        self.sessions = sessions
        profile = traits.profile
        tape = traits.tape
        symbolHash = traits.hash
        let minute = Timestamp.nanosecondsPerMinute
        let start = sessions.preMarketOpen.nanoseconds
        minuteCount = Int((sessions.postMarketClose.nanoseconds - start) / minute)
        regularStartMinute = Int((sessions.regularOpen.nanoseconds - start) / minute)
        regularEndMinute = Int((sessions.regularClose.nanoseconds - start) / minute)

        let day = date.daysSinceEpoch
        var dayRandom = CounterRandom(
            key: CounterRandom.key(seed: seed, symbol: symbolHash, day: day, minute: 0, stream: .day)
        )
        let openCents = Self.openCents(seed: seed, symbolHash: traits.hash, date: date, traits: traits)
        // Where the day ends (20:00): the next session's opening price, so that the fair price runs on
        // across nights and weekends instead of jumping; past the calendar's end, wherever the walk ends.
        let closeCents = (try? SessionCalendar.nyse.nextTradingDay(after: date)).map {
            Self.openCents(seed: seed, symbolHash: traits.hash, date: $0, traits: traits)
        }
        let dayActivity = 0.85 + 0.3 * dayRandom.unit()
        // Per-minute price volatility at activity 1, in cents: the day's volatility spread over 390 minutes.
        let minuteSigma = Double(openCents) * profile.dailyVolatility / (390.0).squareRoot()

        var fair = [Int64](repeating: 0, count: minuteCount + 1)
        var trades = [Int32](repeating: 0, count: minuteCount)
        var quotes = [Int32](repeating: 0, count: minuteCount)
        var eventsBefore = [Int64](repeating: 0, count: minuteCount + 1)
        var tradesBefore = [Int64](repeating: 0, count: minuteCount + 1)
        fair[0] = openCents
        for index in 0..<minuteCount {
            let isRegular = index >= regularStartMinute && index < regularEndMinute
            let activity = IntradayActivity.multiplier(
                minute: index, regularStart: regularStartMinute, regularEnd: regularEndMinute
            )
            var step = CounterRandom(
                key: CounterRandom.key(seed: seed, symbol: symbolHash, day: day, minute: index, stream: .priceStep)
            )
            let sigma = minuteSigma * IntradayActivity.volatility(activity: activity, isRegular: isRegular)
            let increment = Int64((sigma * step.normal()).rounded())
            fair[index + 1] = max(100, fair[index] + increment)

            var counts = CounterRandom(
                key: CounterRandom.key(seed: seed, symbol: symbolHash, day: day, minute: index, stream: .counts)
            )
            let noise = exp(0.25 * counts.normal() - 0.03125) * dayActivity * activity
            let tradeCount = counts.poisson(profile.tradesPerMinute * noise)
            var quoteCount = counts.poisson(profile.quotesPerMinute * noise)
            if tradeCount > 0, quoteCount == 0 { quoteCount = 1 }
            trades[index] = Int32(clamping: tradeCount)
            quotes[index] = Int32(clamping: quoteCount)
            eventsBefore[index + 1] = eventsBefore[index] + Int64(trades[index]) + Int64(quotes[index])
            tradesBefore[index + 1] = tradesBefore[index] + Int64(trades[index])
        }
        if let closeCents {
            // A bridge: spread the walk's miss of the closing price evenly over the day's minutes.
            let miss = Double(closeCents - fair[minuteCount])
            for index in 1...minuteCount {
                let correction = Int64((miss * Double(index) / Double(minuteCount)).rounded())
                fair[index] = max(100, fair[index] + correction)
            }
        }
        // As traded before a split: the whole day's path on the old scale (the ratio of splits to come).
        fairCents = priceScale == 1 ? fair : fair.map { max(1, Int64((Double($0) * priceScale).rounded())) }
        tradeCounts = trades
        quoteCounts = quotes
        self.eventsBefore = eventsBefore
        self.tradesBefore = tradesBefore
    }

    /// The SIP-time window of minute `index`: [04:00 + index min, 04:00 + (index + 1) min).
    public func window(ofMinute index: Int) -> TimeWindow {
        let start = sessions.preMarketOpen.advanced(by: Int64(index) * Timestamp.nanosecondsPerMinute)
        return TimeWindow(uncheckedStart: start, end: start.advanced(by: Timestamp.nanosecondsPerMinute))
    }

    /// Number of trades in minute `index`, known without generating them.
    public func tradeCount(ofMinute index: Int) -> Int { Int(tradeCounts[index]) }

    /// Number of quotes in minute `index`, known without generating them.
    public func quoteCount(ofMinute index: Int) -> Int { Int(quoteCounts[index]) }

    /// Trades in the whole day.
    public var tradeCount: Int { Int(tradesBefore[minuteCount]) }

    /// Quotes in the whole day.
    public var quoteCount: Int { Int(eventsBefore[minuteCount] - tradesBefore[minuteCount]) }

    /// Whether minute `index` lies in the regular session.
    public func isRegular(minute index: Int) -> Bool { index >= regularStartMinute && index < regularEndMinute }

    /// The minutes whose SIP-time windows overlap `window` (possibly empty).
    public func minutes(overlapping window: TimeWindow) -> Range<Int> {
        guard !window.isEmpty else { return 0..<0 }
        let start = window.start.nanoseconds - sessions.preMarketOpen.nanoseconds
        let end = window.end.nanoseconds - sessions.preMarketOpen.nanoseconds
        let per = Timestamp.nanosecondsPerMinute
        let first = DayPlan.floorDivide(start, per)
        let last = DayPlan.floorDivide(end - 1, per)
        return clamped(first, last + 1)
    }

    /// The minutes whose start instant lies in `window` (those whose bars a window selects).
    public func minutes(startingIn window: TimeWindow) -> Range<Int> {
        let start = window.start.nanoseconds - sessions.preMarketOpen.nanoseconds
        let end = window.end.nanoseconds - sessions.preMarketOpen.nanoseconds
        let per = Timestamp.nanosecondsPerMinute
        // First start ≥ window.start, first start ≥ window.end.
        return clamped(-DayPlan.floorDivide(-start, per), -DayPlan.floorDivide(-end, per))
    }

    /// Integer division rounding towards negative infinity.
    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private func clamped(_ lower: Int64, _ upper: Int64) -> Range<Int> {
        let low = Int(min(max(lower, 0), Int64(minuteCount)))
        let high = Int(min(max(upper, 0), Int64(minuteCount)))
        return low..<max(low, high)
    }

    /// All events of minute `index`, with its bar.
    public func minute(_ index: Int) -> SimulatedMinute {
        precondition(index >= 0 && index < minuteCount, "minute \(index) is outside the day (0..<\(minuteCount))")
        var generator = MinuteGenerator(plan: self)
        var trades: [Trade] = []
        var quotes: [Quote] = []
        trades.reserveCapacity(tradeCount(ofMinute: index))
        quotes.reserveCapacity(quoteCount(ofMinute: index))
        var builder = BarBuilder(start: window(ofMinute: index).start)
        generator.generate(
            minute: index, in: window(ofMinute: index), trades: &trades, quotes: &quotes, bar: &builder,
            wantTrades: true, wantQuotes: true, wantBar: true
        )
        return SimulatedMinute(
            index: index, window: window(ofMinute: index), trades: trades, quotes: quotes, bar: builder.bar
        )
    }
}

extension DayPlan {
    /// Sessions over which the price level remembers its past: the level is a sum over this many
    /// calendar days back, so that it stays a pure function of (seed, symbol, date).
    static let levelMemoryDays = 250
    /// How much of the level's deviation from the typical price survives one session (mean reversion
    /// over a few months, so that prices wander but stay near the symbol's typical range for decades).
    static let levelPersistence = 0.98

    /// The fair price in cents at `date`'s pre-market open: the typical price times `exp(level)`, where
    /// the level is an AR(1) over sessions — each earlier session adds its own normal innovation of one
    /// daily volatility, damped by ``levelPersistence`` per session since. Consecutive sessions' opens
    /// therefore differ by about one day's volatility, as real prices do.
    static func openCents(seed: UInt64, symbolHash: UInt64, date: LocalDate, traits: SymbolTraits) -> Int64 {
        var level = 0.0
        var weight = traits.profile.dailyVolatility
        for lag in 1...levelMemoryDays {
            let earlier = date.adding(days: -lag)
            guard (try? SessionCalendar.nyse.isTradingDay(earlier)) == true else { continue }
            var random = CounterRandom(
                key: CounterRandom.key(
                    seed: seed, symbol: symbolHash, day: earlier.daysSinceEpoch, minute: 0, stream: .level)
            )
            level += weight * random.normal()
            weight *= levelPersistence
        }
        return max(100, Int64((Double(traits.typicalPriceCents) * exp(level)).rounded()))
    }
}
