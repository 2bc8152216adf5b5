import MarketData

/// A deterministic US-equity market: quotes, trades and 1-minute aggregates of any symbol on any NYSE
/// trading day, as a pure function of (seed, symbol, date, minute).
///
/// Every random number comes from a counter-based generator (``CounterRandom``: SplitMix64 keyed by
/// seed, a fixed symbol hash, date, minute and stream), and the only state carried across minutes —
/// fair price, sequence numbers, trade ids — is a prefix sum over cheap per-minute draws (``DayPlan``).
/// So any window's records equal the same slice of the whole day, minutes can be generated in parallel,
/// and the same seed gives bit-identical data on every machine and run.
///
/// Conventions (see also `Sources/MarketSimulator/README.md`):
/// - the day runs from 04:00 to 20:00 New York time (17:00 after a 13:00 early close); closed days and
///   dates outside the calendar (2000-2035) have no data, and these methods return empty results for
///   them — ``SimulatorSource`` is the one that throws for a window lying only on closed days;
/// - records are sorted by (SIP timestamp, sequence number) and restricted to the half-open window by SIP
///   timestamp; bars are selected by their start, as ``MarketDataSource`` specifies;
/// - bars are built from the simulator's own trades by ``BarBuilder``, so a minute of only odd lots and
///   Form T prints — every extended-hours minute, as TapeDeck's condition table stands — has no bar.
public struct MarketSimulator: Sendable {
    /// The seed; two simulators with the same seed and overrides produce identical data.
    public let seed: UInt64
    /// Profiles that replace the built-in choice for some symbols.
    public let profileOverrides: [Symbol: LiquidityProfile]
    /// Stock splits by symbol. Prices are generated on the scale after every split; on days before a
    /// split's execution date the symbol trades *as traded* then — quotes, trades and bars multiplied
    /// by the ratio of the splits still to come (cents rounded) — as a real tape does.
    public let splits: [Symbol: [StockSplit]]

    /// A simulator. Symbols get their profile from a small table of very liquid tickers (SPY, QQQ,
    /// AAPL, …) or from their hash (see ``SymbolTraits``), unless `profileOverrides` names them.
    public init(seed: UInt64, profileOverrides: [Symbol: LiquidityProfile] = [:], splits: [Symbol: [StockSplit]] = [:]) {
        self.seed = seed
        self.profileOverrides = profileOverrides
        self.splits = splits
    }

    /// How much `symbol`'s as-traded prices on `date` exceed the scale after all its splits: the product
    /// of the ratios of the splits executed after `date` (1 without splits).
    public func priceScale(_ symbol: Symbol, on date: LocalDate) -> Double {
        (splits[symbol] ?? []).filter { $0.executionDate > date }.reduce(1) { $0 * $1.ratio }
    }

    /// The liquidity profile the simulator uses for `symbol`.
    public func profile(for symbol: Symbol) -> LiquidityProfile {
        traits(of: symbol).profile
    }

    /// The plan of `symbol`'s day (prices and counts per minute), or `nil` when the market is closed.
    /// Use it to generate single minutes, possibly in parallel, without replanning the day each time.
    public func plan(_ symbol: Symbol, on date: LocalDate) -> DayPlan? {
        DayPlan(seed: seed, symbol: symbol, date: date, traits: traits(of: symbol), priceScale: priceScale(symbol, on: date))
    }

    /// Every trade, quote and bar of `symbol` on `date`; empty on a closed day.
    public func day(_ symbol: Symbol, on date: LocalDate) -> SimulatedDay {
        guard let plan = plan(symbol, on: date) else {
            return SimulatedDay(
                symbol: symbol, date: date, profile: profile(for: symbol), sessions: nil, trades: [], quotes: [],
                bars: []
            )
        }
        var trades: [Trade] = []
        var quotes: [Quote] = []
        var bars: [Bar] = []
        trades.reserveCapacity(plan.tradeCount)
        quotes.reserveCapacity(plan.quoteCount)
        var generator = MinuteGenerator(plan: plan)
        let window = plan.sessions.extended
        for index in 0..<plan.minuteCount {
            var builder = BarBuilder(start: plan.window(ofMinute: index).start)
            generator.generate(
                minute: index, in: window, trades: &trades, quotes: &quotes, bar: &builder,
                wantTrades: true, wantQuotes: true, wantBar: true
            )
            if let bar = builder.bar { bars.append(bar) }
        }
        return SimulatedDay(
            symbol: symbol, date: date, profile: plan.profile, sessions: plan.sessions, trades: trades,
            quotes: quotes, bars: bars
        )
    }

    /// Trades of `symbol` whose SIP timestamp lies in `window`, in (SIP timestamp, sequence) order.
    public func trades(_ symbol: Symbol, in window: TimeWindow) -> [Trade] {
        var trades: [Trade] = []
        var quotes: [Quote] = []
        generate(symbol, in: window, trades: &trades, quotes: &quotes, wantTrades: true, wantQuotes: false)
        return trades
    }

    /// Quotes of `symbol` whose SIP timestamp lies in `window`, in (SIP timestamp, sequence) order.
    public func quotes(_ symbol: Symbol, in window: TimeWindow) -> [Quote] {
        var trades: [Trade] = []
        var quotes: [Quote] = []
        generate(symbol, in: window, trades: &trades, quotes: &quotes, wantTrades: false, wantQuotes: true)
        return quotes
    }

    /// 1-minute bars of `symbol` whose start lies in `window`, by start. Each is built from all the
    /// trades of its minute, even where the window cuts the minute.
    public func minuteBars(_ symbol: Symbol, in window: TimeWindow) -> [Bar] {
        var bars: [Bar] = []
        var trades: [Trade] = []
        var quotes: [Quote] = []
        for date in dates(touching: window) {
            guard let plan = plan(symbol, on: date) else { continue }
            var generator = MinuteGenerator(plan: plan)
            for index in plan.minutes(startingIn: window) {
                let minute = plan.window(ofMinute: index)
                var builder = BarBuilder(start: minute.start)
                generator.generate(
                    minute: index, in: minute, trades: &trades, quotes: &quotes, bar: &builder,
                    wantTrades: false, wantQuotes: false, wantBar: true
                )
                if let bar = builder.bar { bars.append(bar) }
            }
        }
        return bars
    }

    /// Calls `body` with each minute overlapping `window`, in order: its trades and quotes restricted to
    /// the window, and its bar when the minute starts inside the window. Lets a server page through a
    /// day one minute at a time without materialising it; stop early by throwing.
    public func forEachMinute<Failure: Error>(
        _ symbol: Symbol, in window: TimeWindow, _ body: (SimulatedMinute) throws(Failure) -> Void
    ) throws(Failure) {
        for date in dates(touching: window) {
            guard let plan = plan(symbol, on: date) else { continue }
            var generator = MinuteGenerator(plan: plan)
            for index in plan.minutes(overlapping: window) {
                let minute = plan.window(ofMinute: index)
                var trades: [Trade] = []
                var quotes: [Quote] = []
                trades.reserveCapacity(plan.tradeCount(ofMinute: index))
                quotes.reserveCapacity(plan.quoteCount(ofMinute: index))
                var builder = BarBuilder(start: minute.start)
                generator.generate(
                    minute: index, in: window, trades: &trades, quotes: &quotes, bar: &builder,
                    wantTrades: true, wantQuotes: true, wantBar: window.contains(minute.start)
                )
                try body(SimulatedMinute(index: index, window: minute, trades: trades, quotes: quotes, bar: builder.bar))
            }
        }
    }

    // MARK: - Internals

    package func traits(of symbol: Symbol) -> SymbolTraits {
        SymbolTraits(symbol: symbol, override: profileOverrides[symbol])
    }

    /// Generates the minutes overlapping `window`, keeping the records inside it.
    private func generate(
        _ symbol: Symbol, in window: TimeWindow, trades: inout [Trade], quotes: inout [Quote], wantTrades: Bool,
        wantQuotes: Bool
    ) {
        var unused = BarBuilder(start: window.start)
        for date in dates(touching: window) {
            guard let plan = plan(symbol, on: date) else { continue }
            let minutes = plan.minutes(overlapping: window)
            guard !minutes.isEmpty else { continue }
            if wantTrades {
                trades.reserveCapacity(
                    trades.count + Int(plan.tradesBefore[minutes.upperBound] - plan.tradesBefore[minutes.lowerBound])
                )
            }
            if wantQuotes {
                let events = plan.eventsBefore[minutes.upperBound] - plan.eventsBefore[minutes.lowerBound]
                let tradeEvents = plan.tradesBefore[minutes.upperBound] - plan.tradesBefore[minutes.lowerBound]
                quotes.reserveCapacity(quotes.count + Int(events - tradeEvents))
            }
            var generator = MinuteGenerator(plan: plan)
            for index in minutes {
                generator.generate(
                    minute: index, in: window, trades: &trades, quotes: &quotes, bar: &unused,
                    wantTrades: wantTrades, wantQuotes: wantQuotes, wantBar: false
                )
            }
        }
    }

    /// The New York dates of the instants in `window` (none for an empty window).
    func dates(touching window: TimeWindow) -> [LocalDate] {
        guard !window.isEmpty else { return [] }
        let first = NewYorkTime.date(of: window.start)
        let last = NewYorkTime.date(of: window.end.advanced(by: -1))
        guard first <= last else { return [] }
        return (first.daysSinceEpoch...last.daysSinceEpoch).map { LocalDate(daysSinceEpoch: $0) }
    }
}
