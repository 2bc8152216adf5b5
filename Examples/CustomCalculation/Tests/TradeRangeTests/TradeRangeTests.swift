import AdapterTestKit
import Backtest
import MarketData
import Testing
import TradeRange
import Verification

/// The kernel against a hand-worked example, the adapter on hand-made trades, and the audit.
struct TradeRangeTests {
    /// Prices 10, 10.5, 9.5: high 10.5, low 9.5, midpoint 10, so 10⁴ × 1 / 10 = 1000 bps.
    @Test func kernelMatchesTheHandWorkedRange() {
        var range = PriceRange()
        #expect(range.basisPoints == nil)
        for price in [10, 10.5, 9.5] { range.add(price) }
        #expect(range.high == 10.5 && range.low == 9.5 && range.count == 3)
        #expect(range.basisPoints == 1_000)
    }

    /// Only what is visible at E in the declared window counts: a trade 6 minutes back is outside the
    /// 5-minute lookback, a trade at E is not visible yet, an odd lot (condition 37) may not set a high.
    @Test func adapterReadsOnlyEligibleVisibleTradesOfItsWindow() async throws {
        var market = try HandMadeMarket(symbol: "CROX")
        try market.trade(at: "2024-03-15 09:54:00", price: 50)  // before the lookback
        try market.trade(at: "2024-03-15 09:56:00", price: 10)
        try market.trade(at: "2024-03-15 09:57:00", price: 10.5)
        try market.trade(at: "2024-03-15 09:58:00", price: 30, size: 10, conditions: [37])  // odd lot
        try market.trade(at: "2024-03-15 09:59:59", price: 9.5)
        try market.trade(at: "2024-03-15 10:00:00", price: 1)  // at E: the future
        let values = try await AdapterTestKit.evaluate(TradeRangeAdapter(), on: market, at: "2024-03-15 10:00")
        #expect(values == [1_000, 3])
    }

    @Test func noTradeMeansNoValue() async throws {
        let values = try await AdapterTestKit.evaluate(TradeRangeAdapter(), on: try HandMadeMarket(), at: "2024-03-15 10:00")
        #expect(values == [nil, 0])
    }

    /// Every check of the audit, on the simulated day: no look-ahead, nothing outside the window,
    /// deterministic; and conclusive (each future check had a future to perturb).
    @Test func adapterPassesTheAudit() async throws {
        let report = try await AdapterTestKit.audit(
            TradeRangeAdapter(), symbol: "CROX", at: ["2024-03-15 09:45", "2024-03-15 10:00:00.5", "2024-03-15 15:30"])
        #expect(report.passed, "\(report.table)")
    }
}
