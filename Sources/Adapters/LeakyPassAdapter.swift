import Backtest
import MarketData

/// A deliberately leaky demo of the one-pass form (``OnePassAdapter``): honest per entry, but its pass
/// keeps the state it ends the day with and every entry reads that, the usual bug of a streaming
/// calculation read after its loop instead of at the entry.
///
/// It reads no row past the frontier through a view, so the guard sees nothing; the audit catches it
/// because it runs the path users run (the pass) on perturbed futures, and compares a one-pass run with
/// the per-entry reference. Not registered; see docs/AUDIT.md. Outputs: `last_price` (the leak in one
/// pass: the day's last trade), `trades` (trades in the window, honest).
public struct LeakyPassAdapter: OnePassAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 15) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "LeakyPass" }
    public var summary: String { "DEMO, leaks in one pass: the last trade price the day's pass ends with, read at every entry" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["last_price", "trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        return [trades.last?.price, Double(trades.count)]
    }

    public func prepare(_ day: DayContext) throws -> any EntryReader {
        var last: Double?
        for trade in try day.trades() { last = trade.price }
        return Reader(lastOfTheDay: last)
    }

    private struct Reader: EntryReader {
        let lastOfTheDay: Double?

        func outputs(_ context: EntryContext) throws -> [Double?] {
            [lastOfTheDay, Double(try context.trades().count)]
        }
    }
}
