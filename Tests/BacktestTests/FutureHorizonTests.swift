import Backtest
import MarketData
import Testing

/// The audit's future horizon is per kind: a daily bar needs a session of bars past the entry, never
/// hours of trades and quotes.
struct FutureHorizonTests {
    static let minute = Timestamp.nanosecondsPerMinute

    @Test func barsGoAsFarAsTheLongestBarTicksOnlyTheHorizon() {
        let horizons = FutureHorizon.horizons(timeframes: [.minute5, .daily], minutes: 5)
        #expect(horizons[.bars] == 390 * Self.minute)
        #expect(horizons[.trades] == 5 * Self.minute)
        #expect(horizons[.quotes] == 5 * Self.minute)
        #expect(FutureHorizon.nanoseconds(for: .bars, timeframes: [.minute30], minutes: 45) == 45 * Self.minute)
        #expect(FutureHorizon.nanoseconds(for: .trades, timeframes: [.daily], minutes: 0) == Self.minute)
    }

    @Test func extendingMovesOnlyWindowsThatEndSooner() {
        let latest = time("2024-03-15 10:30")
        let windows: [DataKind: TimeWindow] = [
            .bars: TimeWindow(uncheckedStart: time("2024-03-15 04:00"), end: time("2024-03-15 10:31")),
            .trades: TimeWindow(uncheckedStart: time("2024-03-15 10:25"), end: time("2024-03-15 10:30")),
            .quotes: TimeWindow(uncheckedStart: time("2024-03-15 10:25"), end: time("2024-03-15 10:40")),
        ]
        let extended = FutureHorizon.extending(windows, past: latest, by: FutureHorizon.horizons(timeframes: [.daily], minutes: 5))
        #expect(extended[.bars]?.end == time("2024-03-15 17:00"))
        #expect(extended[.trades]?.end == time("2024-03-15 10:35"))
        #expect(extended[.quotes]?.end == time("2024-03-15 10:40"))
        #expect(extended.mapValues(\.start) == windows.mapValues(\.start))
    }

    /// `record --for-audit` records what the audit reads: with a daily-bar adapter, SPY's trades only
    /// `--horizon` minutes past the last entry (the committed sample holds them to 10:40).
    @Test func aRecordingPlanForTheAuditStretchesTicksByTheHorizonOnly() throws {
        let signals = [Signal(symbol: symbol("SPY"), entry: time("2024-03-15 10:30"))]
        let plan = try RecordingPlan(signals: signals, adapters: [DailyAndTrades()], auditHorizonMinutes: 5)
        let windows = try #require(plan.items.first?.windows)
        #expect(windows[.trades]?.end == time("2024-03-15 10:35"))
        #expect(try #require(windows[.bars]?.end) >= time("2024-03-15 17:00"))
    }

    /// Reads the daily bars and the last minutes of trades.
    struct DailyAndTrades: BacktestAdapter {
        var name: String { "DailyAndTrades" }
        var summary: String { "daily bars and trades" }
        var requirements: [DataRequirement] { [.bars(.daily, lookback: .sessions(2)), .trades(lookback: .minutes(5))] }
        var outputs: [String] { ["count"] }
        func evaluate(_ context: EntryContext) throws -> [Double?] { [Double(try context.trades().count)] }
    }
}
