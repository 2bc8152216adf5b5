import Adapters
import Backtest
import Foundation
import MarketData
import Testing

// Trade adapters on simulated ETSY trades (mid liquidity) around an entry, against re-computations over
// the trades with SIP time in [E − lookback, E). The tape runs past E: nothing after it may count.

private let tape = SimulatedTape(etsy, from: "2024-03-15 09:58", to: "2024-03-15 10:32")
private let entry = time("2024-03-15 10:30:15")

struct TradeAdapterTests {
    @Test func tickRuleDelta() throws {
        var buy = 0.0, sell = 0.0, unknown = 0.0
        var last: Double?, direction = 0.0
        for trade in tape.trades(before: entry, minutes: 30) where trade.barEligibility.updatesVolume {
            var side = direction
            if let last, trade.price != last { side = trade.price > last ? 1 : -1 }
            if last == nil { side = 0 }
            if side > 0 { buy += trade.size } else if side < 0 { sell += trade.size } else { unknown += trade.size }
            let e = trade.barEligibility
            if e.updatesOpenClose || e.updatesHighLow {
                if let l = last, trade.price != l { direction = trade.price > l ? 1 : -1 }
                last = trade.price
            }
        }
        #expect(try evaluate(TickDeltaAdapter(), on: tape.cache, at: entry) == [buy - sell, buy, sell, unknown])
        #expect(buy > 0 && sell > 0)
    }

    @Test func tradeIntensity() throws {
        let counted = tape.trades(before: entry, minutes: 30).filter { $0.barEligibility.updatesVolume && $0.size > 0 }
        let recent = Double(counted.filter { $0.sipTimestamp >= entry.advanced(by: -minute) }.count)
        let window = Double(counted.count) / 30
        #expect(close(try evaluate(TradeIntensityAdapter(), on: tape.cache, at: entry), [recent, window, recent / window]))
    }

    @Test func tradeSizeProfile() throws {
        let counted = tape.trades(before: entry, minutes: 30).filter { $0.barEligibility.updatesVolume && $0.size > 0 }
        let volume = counted.map(\.size).reduce(0, +)
        let blocks = counted.filter { $0.size >= 10_000 }.map(\.size).reduce(0, +)
        let odd = counted.filter { $0.conditions?.contains(TradeConditionTable.oddLot) ?? false }.map(\.size).reduce(0, +)
        let values = try evaluate(TradeSizeProfileAdapter(), on: tape.cache, at: entry)
        #expect(close(values, [blocks / volume, odd / volume, volume / Double(counted.count)]))
        #expect((values[1] ?? 0) > 0)
        // The simulator flags exactly its sub-100-share prints (its round lot is 100).
        #expect(odd == counted.filter { $0.size < 100 }.map(\.size).reduce(0, +))
    }

    /// Odd lots are what the SIP flagged (condition 37), not a size rule: since the 2025 round-lot reform a
    /// 40-share print of a high-priced symbol can be a round lot. By hand: 50 (flagged) of 50 + 40 + 110.
    @Test func tradeSizeProfileReadsTheOddLotCondition() throws {
        let at = { (second: Int64) in time("2024-03-15 10:00").advanced(by: second * 1_000_000_000) }
        let trades = TradeColumns(records: [
            TradeRecord(time: at(1), price: 500, size: 50, sequenceNumber: 1, conditions: [TradeConditionTable.oddLot]),
            TradeRecord(time: at(2), price: 500, size: 40, sequenceNumber: 2),
            TradeRecord(time: at(3), price: 500, size: 110, sequenceNumber: 3, conditions: [TradeConditionTable.intermarketSweep]),
        ])
        let cache = DataCache(symbol: spy, date: try LocalDate(parsing: "2024-03-15"), trades: trades, quotes: nil, bars: [:])
        let values = try evaluate(TradeSizeProfileAdapter(), on: cache, at: at(10))
        #expect(close(values, [0, 50 / 200.0, 200 / 3.0]))
    }

    @Test func vwapOfTheLastHundredTrades() throws {
        let last100 = tape.trades(before: entry, minutes: 30).filter { $0.barEligibility.updatesVolume && $0.size > 0 }.suffix(100)
        let vwap = last100.map { $0.price * $0.size }.reduce(0, +) / last100.map(\.size).reduce(0, +)
        let price = last100.last!.price
        #expect(close(try evaluate(TradeVWAPAdapter(), on: tape.cache, at: entry), [vwap, price, 10_000 * (price - vwap) / vwap]))
        // Fewer than 100 trades in the window: null, not a VWAP of fewer trades.
        #expect(try evaluate(TradeVWAPAdapter(count: 100_000), on: tape.cache, at: entry) == [nil, nil, nil])
    }

    @Test func cumulativeDeltaLeeReadyOnSimulatedTape() throws {
        // Quote rule against the prevailing usable quote, tick test at the mid or without one.
        var bid = 0.0, ask = 0.0, usable = false
        var last: Double?, direction = 0.0
        var buy = 0.0, sell = 0.0
        for event in TapeEvent.merged(trades: tape.trades(before: entry, minutes: 30), quotes: tape.quotes(before: entry, minutes: 30)) {
            switch event {
            case .quote(let q): (bid, ask, usable) = (q.bidPrice, q.askPrice, q.bidPrice > 0 && q.askPrice > 0 && q.bidPrice <= q.askPrice)
            case .trade(let t):
                guard t.barEligibility.updatesVolume else { continue }
                var side = 0.0
                if usable, t.price != (bid + ask) / 2 {
                    side = t.price > (bid + ask) / 2 ? 1 : -1
                } else if let l = last {
                    side = t.price != l ? (t.price > l ? 1 : -1) : direction
                }
                if side > 0 { buy += t.size } else if side < 0 { sell += t.size }
                if t.barEligibility.updatesOpenClose || t.barEligibility.updatesHighLow {
                    if let l = last, t.price != l { direction = t.price > l ? 1 : -1 }
                    last = t.price
                }
            }
        }
        let values = try evaluate(CumDeltaAdapter(), on: tape.cache, at: entry)
        #expect(values[0] == buy - sell && values[1] == buy && values[2] == sell)
    }
}
