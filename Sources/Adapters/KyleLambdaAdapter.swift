import Backtest
import Calculations
import MarketData

/// Kyle's lambda: OLS slope of 1-minute mid changes on signed volume (``KyleLambda``).
///
/// - Data: trades and quotes of the last `lookbackMinutes` (default 30), fed in merged-stream order
///   (quotes before trades at equal SIP times).
/// - Conventions: clock-minute intervals (`intervalSeconds` 60); signs by the quote rule against the
///   prevailing mid (at the mid: 0); trades whose price is current (`updatesOpenClose`). The interval
///   holding E is incomplete and left out; the first interval of the window only enters if a usable mid
///   was already visible at its start (so the clipped first minute usually does not).
/// - Warm-up: `null` with fewer than 10 intervals or no variance in signed volume.
/// - Outputs: `lambda` (dollars of mid change per signed share), `lambda_bps_per_10k` (basis points of the
///   last mid per 10,000 signed shares), `r_squared`, `intervals`.
public struct KyleLambdaAdapter: BacktestAdapter {
    public let lookbackMinutes: Int
    public let intervalSeconds: Int
    public let minimumIntervals: Int

    public init(lookbackMinutes: Int = 30, intervalSeconds: Int = 60, minimumIntervals: Int = 10) {
        self.lookbackMinutes = lookbackMinutes
        self.intervalSeconds = intervalSeconds
        self.minimumIntervals = minimumIntervals
    }

    public var name: String { "KyleLambda" }
    public var summary: String { "Kyle's lambda: OLS of \(intervalSeconds)s mid changes on quote-rule signed volume over \(lookbackMinutes) min" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes)), .quotes(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["lambda", "lambda_bps_per_10k", "r_squared", "intervals"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        var stream = try context.events(quotes: true, trades: true)
        var kyle = KyleLambda(intervalSeconds: intervalSeconds, minimumIntervals: minimumIntervals)
        while let event = try stream.next() {
            switch event {
            case .quote(let quote):
                kyle.add(quote.quote)
            case .trade(let trade) where trade.eligibility.updatesOpenClose:
                kyle.add(price: trade.price, size: trade.size, at: trade.time)
            case .trade, .barClose: break
            }
        }
        return Self.outputs(kyle.estimate(asOf: context.entry), lastQuote: try context.quotes().last)
    }

    /// The outputs of a fit, scaled to basis points by the mid of the last quote in the window (none when
    /// that quote has no two-sided mid).
    static func outputs(_ fit: KyleLambda.Output?, lastQuote: QuoteRecord?) -> [Double?] {
        guard let fit else { return [nil, nil, nil, nil] }
        let mid = lastQuote.flatMap { $0.bidPrice > 0 && $0.askPrice >= $0.bidPrice ? ($0.bidPrice + $0.askPrice) / 2 : nil }
        return [fit.lambda, mid.map { 10_000 * fit.lambda * 10_000 / $0 }, fit.rSquared, Double(fit.intervals)]
    }
}

extension KyleLambdaAdapter: OnePassAdapter {
    /// Trades between two kept interval states (as ``WindowSums/checkpointSpacing``): about 130 bytes a
    /// state, 180 MB for a day of 1.4 million trades if every one were kept.
    static let checkpointSpacing = 16

    /// The day's intervals once: the state before every 16th trade, and every point in interval order. An
    /// entry walks its window from a fresh state until it meets the day's before the same trade; its
    /// points are the walk's, then the day's that follow, up to the interval holding E. The regression
    /// then runs over about 30 points, in the per-entry order.
    public func prepare(_ day: DayContext) throws -> any EntryReader {
        let tape = Tape(trades: try day.tradeColumns(), quotes: try day.quoteColumns())
        var intervals = KyleLambda.Intervals(intervalSeconds: intervalSeconds)
        var statesBefore: [KyleLambda.Intervals] = []
        statesBefore.reserveCapacity(tape.trades.count / Self.checkpointSpacing + 1)
        var pointsBefore: [Int] = []
        pointsBefore.reserveCapacity(tape.trades.count / Self.checkpointSpacing + 1)
        var points: [KyleLambda.Point] = []
        tape.walk(&intervals, quotes: 0..<tape.quotes.count, trades: 0..<tape.trades.count) { row, state in
            if row % Self.checkpointSpacing == 0 {
                statesBefore.append(state)
                pointsBefore.append(points.count)
            }
            return true
        } point: {
            points.append($0)
        }
        if let last = intervals.point(endedBy: Timestamp(nanoseconds: .max)) { points.append(last) }
        return Reader(
            tape: tape, intervalSeconds: intervalSeconds, minimumIntervals: minimumIntervals, statesBefore: statesBefore,
            pointsBefore: pointsBefore, points: points)
    }

    /// Trades and quotes as columns, fed to the interval state in the merged stream's order (quotes before
    /// trades at equal SIP times), as ``evaluate(_:)`` feeds ``KyleLambda``.
    fileprivate struct Tape: Sendable {
        let trades: TradeColumns
        let quotes: QuoteColumns

        /// Feeds the rows into `intervals` in merged order (``ColumnMerge``), every closed point to `point`; before each
        /// trade, `beforeTrade(row, state)` may stop the walk by returning `false`.
        func walk(
            _ intervals: inout KyleLambda.Intervals, quotes quoteRows: Range<Int>, trades tradeRows: Range<Int>,
            beforeTrade: (Int, KyleLambda.Intervals) -> Bool, point: (KyleLambda.Point) -> Void
        ) {
            var merge = ColumnMerge(quotes: quotes, rows: quoteRows, trades: trades, rows: tradeRows)
            while let row = merge.next() {
                let closed: KyleLambda.Point?
                switch row {
                case .quote(let quote):
                    closed = intervals.add(bid: quotes.bidPrices[quote], ask: quotes.askPrices[quote], at: Timestamp(nanoseconds: quotes.times[quote]))
                case .trade(let trade):
                    guard beforeTrade(trade, intervals) else { return }
                    closed =
                        trades.eligibilityBits[trade] & 4 != 0
                        ? intervals.add(price: trades.prices[trade], size: trades.sizes[trade], at: Timestamp(nanoseconds: trades.times[trade])) : nil
                }
                if let closed { point(closed) }
            }
        }
    }

    private struct Reader: EntryReader {
        let tape: Tape
        let intervalSeconds: Int
        let minimumIntervals: Int
        let statesBefore: [KyleLambda.Intervals]
        let pointsBefore: [Int]
        let points: [KyleLambda.Point]

        func outputs(_ context: EntryContext) throws -> [Double?] {
            let trades = try context.trades()
            let quotes = try context.quotes()
            var walk = KyleLambda.Intervals(intervalSeconds: intervalSeconds)
            var own: [KyleLambda.Point] = []
            var caughtUp: Int?
            tape.walk(
                &walk, quotes: quotes.dayOffset..<(quotes.dayOffset + quotes.count), trades: trades.dayOffset..<(trades.dayOffset + trades.count)
            ) { row, state in
                guard row % KyleLambdaAdapter.checkpointSpacing == 0, state == statesBefore[row / KyleLambdaAdapter.checkpointSpacing] else {
                    return true
                }
                caughtUp = pointsBefore[row / KyleLambdaAdapter.checkpointSpacing]
                return false
            } point: {
                own.append($0)
            }
            let fit: KyleLambda.Output?
            if let caughtUp {
                let open = walk.index(of: context.entry)
                var end = caughtUp
                while end < points.count, points[end].interval < open { end += 1 }
                fit = KyleLambda.fit(own + points[caughtUp..<end], minimum: minimumIntervals)
            } else {
                fit = KyleLambda.fit(own + (walk.point(endedBy: context.entry).map { [$0] } ?? []), minimum: minimumIntervals)
            }
            return KyleLambdaAdapter.outputs(fit, lastQuote: quotes.last)
        }
    }
}
