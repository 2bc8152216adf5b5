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
        var mid: Double?
        while let event = try stream.next() {
            switch event {
            case .quote(let quote):
                kyle.add(quote.quote)
                mid = quote.bidPrice > 0 && quote.askPrice >= quote.bidPrice ? (quote.bidPrice + quote.askPrice) / 2 : nil
            case .trade(let trade) where trade.eligibility.updatesOpenClose:
                kyle.add(price: trade.price, size: trade.size, at: trade.time)
            case .trade, .barClose: break
            }
        }
        guard let fit = kyle.estimate(asOf: context.entry) else { return [nil, nil, nil, nil] }
        return [fit.lambda, mid.map { 10_000 * fit.lambda * 10_000 / $0 }, fit.rSquared, Double(fit.intervals)]
    }
}
