import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator
import Testing

private let base = time("2024-03-15T10:00:00-04:00")
private func at(_ seconds: Int) -> Timestamp { base.advanced(by: Int64(seconds) * 1_000_000_000) }

struct CumDeltaTests {
    /// Hand-worked Lee-Ready: a trade before the first quote (unclassified), a quote and a trade sharing
    /// a timestamp (the quote prevails), a trade at the midpoint (tick test), a crossed quote (tick test),
    /// a locked quote, an odd lot (counted, does not set the reference) and an official-close print
    /// (not volume-eligible: ignored).
    @Test func handWorkedSequence() throws {
        let quotes = QuoteColumns(records: [
            QuoteRecord(time: at(2), bidPrice: 100.00, askPrice: 100.10, sequenceNumber: 2),
            QuoteRecord(time: at(4), bidPrice: 100.20, askPrice: 100.10, sequenceNumber: 5),
            QuoteRecord(time: at(5), bidPrice: 100.10, askPrice: 100.10, sequenceNumber: 7),
        ])
        let odd = TradeConditionTable.builtIn.eligibility(of: [TradeConditionTable.oddLot])
        let close = TradeConditionTable.builtIn.eligibility(of: [TradeConditionTable.marketCenterOfficialClose])
        let trades = TradeColumns(records: [
            TradeRecord(time: at(1), price: 100.00, size: 10, sequenceNumber: 1),  // no quote, no prior: unknown
            TradeRecord(time: at(2), price: 100.02, size: 20, sequenceNumber: 3),  // same time as quote: sell
            TradeRecord(time: at(3), price: 100.05, size: 30, sequenceNumber: 4),  // midpoint, uptick: buy
            TradeRecord(time: at(4), price: 100.15, size: 5, sequenceNumber: 6),  // crossed quote, uptick: buy
            TradeRecord(time: at(5), price: 100.10, size: 7, sequenceNumber: 8),  // locked mid, downtick: sell
            TradeRecord(time: at(6), price: 99.00, size: 3, sequenceNumber: 9, eligibility: odd),  // below mid: sell
            TradeRecord(time: at(7), price: 500, size: 1000, sequenceNumber: 10, eligibility: close),  // ignored
            TradeRecord(time: at(60), price: 1, size: 1000, sequenceNumber: 11),  // at the entry: invisible
        ])
        let cache = DataCache(symbol: spy, date: try LocalDate(parsing: "2024-03-15"), trades: trades, quotes: quotes, bars: [:])
        let adapter = CumDeltaAdapter()
        let context = EntryContext(cache: cache, entry: at(60), adapter: adapter.name, requirements: adapter.requirements)
        let values = try adapter.evaluate(context)
        #expect(values == [5, 35, 30, 10, 23.0 / 65])
    }

    @Test func noEligibleTradeMeansNull() throws {
        let cache = DataCache(
            symbol: spy, date: try LocalDate(parsing: "2024-03-15"), trades: TradeColumns(records: []), quotes: QuoteColumns(records: []), bars: [:])
        let adapter = CumDeltaAdapter()
        let values = try adapter.evaluate(EntryContext(cache: cache, entry: at(0), adapter: adapter.name, requirements: adapter.requirements))
        #expect(values.allSatisfy { $0 == nil })
    }
}

struct EMAAdapterTests {
    @Test func m5EMAUsesOnlyClosedBarsInItsWindow() throws {
        let minutes = (0..<60).map { i in
            Bar(start: time("2024-03-15T09:00:00-04:00").advanced(by: Int64(i) * 60_000_000_000), open: 1, high: 1, low: 1, close: Double(i), volume: 1)
        }
        let cache = DataCache(
            symbol: spy, date: try LocalDate(parsing: "2024-03-15"), windows: [:], minuteBars: minutes, timeframes: [.minute5],
            trades: nil, quotes: nil)
        let adapter = EMAAdapter(name: "M5EMA", timeframe: .minute5, period: 3, lookbackBars: 4)
        // Entry 09:52: lookback 20 min from 09:32, aligned to 09:30 → bars 09:30, 09:35, 09:40, 09:45 (closes
        // 34, 39, 44, 49); the 09:50 bar is still open.
        let context = EntryContext(cache: cache, entry: time("2024-03-15T09:52:00-04:00"), adapter: adapter.name, requirements: adapter.requirements)
        let values = try adapter.evaluate(context)
        #expect(values == [0.5 * 49 + 0.5 * 39, 49])
    }
}
