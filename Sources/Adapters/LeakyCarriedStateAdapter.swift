import Backtest
import MarketData
import Synchronization

/// A deliberately leaky demo: state carried from one evaluation to the next in a static cache ("the n-th
/// signal of this symbol today"). Its output depends on which entries ran before it in this process, so a
/// second run, a parallel run or a single entry on its own give other values.
///
/// It reads nothing past the frontier and passes the guard; the determinism check (two runs, 1 vs N
/// threads) catches it, and so does every check that evaluates an entry twice (see docs/AUDIT.md).
/// Outputs: `earlier_signals` (evaluations of this symbol seen before, process-wide).
public struct LeakyCarriedStateAdapter: BacktestAdapter {
    /// The leak: one counter per symbol for the life of the process.
    private static let seen = Mutex<[Symbol: Int]>([:])

    public init() {}

    public var name: String { "LeakyCarriedState" }
    public var summary: String { "DEMO, leaks: counts earlier signals of the symbol in a static cache shared across entries" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(1))] }
    public var outputs: [String] { ["earlier_signals"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        _ = try context.trades()
        let symbol = context.symbol
        let earlier = Self.seen.withLock { seen -> Int in
            defer { seen[symbol, default: 0] += 1 }
            return seen[symbol, default: 0]
        }
        return [Double(earlier)]
    }
}
