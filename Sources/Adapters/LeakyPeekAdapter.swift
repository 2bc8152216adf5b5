import Backtest
import MarketData

/// A deliberately leaky demo: reads the last visible trade and peeks one trade ahead, the kind of
/// off-by-one that `<=` instead of `<` on a timestamp produces.
///
/// The view stops at the frontier, so the peek goes through the raw cache
/// (``TapeView/rawAccess(recordingTo:)``). It is not registered: `tapedeck audit` must flag it (guard and
/// future checks); see docs/AUDIT.md. Outputs: `last_price`, `next_price` (the first trade at or after
/// E: the leak), `next_move` (next − last).
public struct LeakyPeekAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 15) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "LeakyPeek" }
    public var summary: String { "DEMO, leaks: last trade price and the next trade's, one trade past the entry" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["last_price", "next_price", "next_move"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        let last = trades.last?.price
        let raw = trades.rawAccess(recordingTo: ViolationRecorder())
        let next = raw.visibleRange.upperBound < raw.count ? raw.record(at: raw.visibleRange.upperBound).price : nil
        let move = last.flatMap { last in next.map { $0 - last } }
        return [last, next, move]
    }
}
