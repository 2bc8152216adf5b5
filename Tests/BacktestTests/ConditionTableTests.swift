import Adapters
import Backtest
import MarketData
import MarketSimulator
import Testing

/// The engine takes trade eligibility from the source's condition table, not from a table of its own.
struct ConditionTableTests {
    /// The simulator, but with a recorded table in which odd lots (37) count for nothing at all.
    struct StrictOddLotSource: MarketDataSource {
        let base = SimulatorSource(seed: 3)
        static let table = TradeConditionTable.recorded([TradeCondition(id: 37, name: "Odd Lot Trade", consolidated: .none)])

        func conditionTable() async throws -> TradeConditionTable { Self.table }
        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
            try await base.bars(symbol, in: window)
        }
        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
            try await base.trades(symbol, in: window)
        }
        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
            try await base.quotes(symbol, in: window)
        }
    }

    /// Counts what a trade window holds: every trade, and those eligible for volume.
    struct VolumeEligibleCount: BacktestAdapter {
        var name: String { "VolumeEligible" }
        var summary: String { "trades in the last 10 minutes, and those counting for volume" }
        var requirements: [DataRequirement] { [.trades(lookback: .minutes(10))] }
        var outputs: [String] { ["all", "eligible"] }
        func evaluate(_ context: EntryContext) throws -> [Double?] {
            let trades = try context.trades()
            var all = 0
            var eligible = 0
            for trade in trades {
                all += 1
                if trade.eligibility.updatesVolume { eligible += 1 }
            }
            return [Double(all), Double(eligible)]
        }
    }

    @Test func eligibilityFollowsTheSourcesTable() async throws {
        let signals = [Signal(symbol: symbol("ETSY"), entry: time("2024-03-15 10:30"), id: "e")]
        let builtIn = try await BacktestRunner(source: SimulatorSource(seed: 3), adapters: [VolumeEligibleCount()]).run(signals)
        let strict = try await BacktestRunner(source: StrictOddLotSource(), adapters: [VolumeEligibleCount()]).run(signals)
        let trades = try await SimulatorSource(seed: 3).trades(
            symbol("ETSY"), in: TimeWindow(uncheckedStart: time("2024-03-15 10:20"), end: time("2024-03-15 10:30")))
        let oddLots = trades.filter { $0.conditions?.contains(37) == true }.count
        #expect(oddLots > 0)
        // Built-in: every simulated trade counts for volume. Strict: all but the odd lots.
        #expect(builtIn.values[0] == [Double(trades.count), Double(trades.count)])
        #expect(strict.values[0] == [Double(trades.count), Double(trades.count - oddLots)])
    }
}
