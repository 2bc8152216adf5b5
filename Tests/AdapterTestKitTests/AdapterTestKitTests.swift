import AdapterTestKit
import Adapters
import Backtest
import MarketData
import MarketSimulator
import Testing
import Verification

/// The kit computes what the engine computes: checked on hand-worked values, not on its own output.
struct AdapterTestKitTests {
    /// Three trades of 100, 200 and 100 shares at 10, 11 and 12: VWAP (1000 + 2200 + 1200) / 400 = 11,
    /// last price 12, distance 10⁴ × (12 − 11) / 11 = 909.0909… bps.
    @Test func handMadeTradesGiveTheHandWorkedVWAP() async throws {
        var market = try HandMadeMarket(symbol: "CROX")
        try market.trade(at: "2024-03-15 09:58:00", price: 10, size: 100)
        try market.trade(at: "2024-03-15 09:58:30", price: 11, size: 200)
        try market.trade(at: "2024-03-15 09:59:59.999999999", price: 12, size: 100)
        try market.trade(at: "2024-03-15 10:00:00", price: 99, size: 100)  // at E: not visible
        let values = try await AdapterTestKit.evaluate(TradeVWAPAdapter(count: 3, lookbackMinutes: 5), on: market, at: "2024-03-15 10:00")
        #expect(values[0] == 11)
        #expect(values[1] == 12)
        #expect(values[2] == 10_000.0 / 11)
    }

    /// Entries come back one row each, in the given order; before any trade the VWAP is not defined.
    @Test func rowsFollowTheEntries() async throws {
        var market = try HandMadeMarket()
        try market.trade(at: "2024-03-15 09:58:00", price: 10, size: 100)
        let rows = try await AdapterTestKit.evaluate(
            TradeVWAPAdapter(count: 1, lookbackMinutes: 5), on: market, at: ["2024-03-15 10:00", "2024-03-15 09:57"])
        #expect(rows.count == 2)
        #expect(rows[0][0] == 10)
        #expect(rows[1] == [nil, nil, nil])
    }

    /// Condition 37 marks an odd lot whatever the size, and nothing else does: of 150 shares, the 100
    /// carrying it are odd-lot volume, the 50 without it are not. The kit carries conditions to the adapter.
    @Test func conditionsReachTheAdapter() async throws {
        var market = try HandMadeMarket()
        try market.trade(at: "2024-03-15 09:59:00", price: 10, size: 100, conditions: [37])
        try market.trade(at: "2024-03-15 09:59:01", price: 10, size: 50)
        let adapter = TradeSizeProfileAdapter()
        let values = try await AdapterTestKit.evaluate(adapter, on: market, at: "2024-03-15 10:00")
        let oddLot = try #require(adapter.outputs.firstIndex(of: "odd_lot_share"))
        #expect(values[oddLot] == 100.0 / 150)
    }

    @Test func aRegisteredAdapterPassesTheAuditAloneOnTheSimulatedDay() async throws {
        let report = try await AdapterTestKit.audit(TradeVWAPAdapter(), symbol: "CROX", at: ["2024-03-15 10:00", "2024-03-15 14:30"])
        #expect(report.adapters == ["TradeVWAP"])
        #expect(report.passed, "\(report.table)")
    }

    @Test func aLeakyAdapterFailsTheAuditAlone() async throws {
        let report = try await AdapterTestKit.audit(LeakyPeekAdapter(), symbol: "CROX", at: ["2024-03-15 10:00"])
        #expect(!report.passed)
        #expect(!report.failedChecks("LeakyPeek").isEmpty)
    }

    /// `simulatedDay(seed:)` is the market `tapedeck backtest --simulate SEED` runs on: the same values as
    /// the engine on the simulator of that seed, the same on every call, another market for another seed.
    @Test func theSimulatedDayIsTheSimulatorOfItsSeed() async throws {
        let adapter = TradeVWAPAdapter(count: 3, lookbackMinutes: 5)
        let values = try await AdapterTestKit.evaluate(adapter, on: AdapterTestKit.simulatedDay(seed: 1), symbol: "CROX", at: "2024-03-15 10:00")
        let signal = Signal(symbol: try Symbol("CROX"), entry: try Timestamp(parsing: "2024-03-15 10:00"))
        let engine = try await BacktestRunner(source: SimulatorSource(seed: 1), adapters: [adapter], parallelism: 1).run([signal])
        #expect(values == engine.values[0])
        #expect(values.allSatisfy { $0 != nil })
        #expect(try await AdapterTestKit.evaluate(adapter, on: AdapterTestKit.simulatedDay(seed: 1), symbol: "CROX", at: "2024-03-15 10:00") == values)
        #expect(try await AdapterTestKit.evaluate(adapter, on: AdapterTestKit.simulatedDay(seed: 2), symbol: "CROX", at: "2024-03-15 10:00") != values)
    }
}
