import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator

// Shared helpers for the adapter tests: hand-made data, contexts, and the window rule re-derived from the
// design (not from the engine's code) for the independent re-computations.

func time(_ text: String) -> Timestamp { try! Timestamp(parsing: text) }
func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
let spy = try! Symbol("SPY")
let etsy = try! Symbol("ETSY")
let minute = Timestamp.nanosecondsPerMinute

/// A small deterministic generator (64-bit LCG), so the synthetic data needs no simulator.
struct Lcg {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
}

/// Synthetic regular-session 1-minute bars of `day` (09:30 to 16:00 New York), a random walk around
/// `base`, skipping the minutes in `missing` (minute indices from the open), plus any `extra` bars.
func sessionBars(_ day: String, base: Double, seed: UInt64, missing: Set<Int> = [], withoutVWAP: Set<Int> = []) -> [Bar] {
    var random = Lcg(state: seed)
    let open = time("\(day) 09:30")
    var price = base
    var bars: [Bar] = []
    for index in 0..<390 {
        let step = (random.next() - 0.5) * 0.4
        let high = price + random.next() * 0.3 + max(step, 0)
        let low = price - random.next() * 0.3 + min(step, 0)
        let close = price + step
        let volume = Double(100 + Int(random.next() * 5_000))
        let vwap = (high + low + close) / 3 + (random.next() - 0.5) * 0.01
        if !missing.contains(index) {
            bars.append(
                Bar(
                    start: open.advanced(by: Int64(index) * minute), open: price, high: high, low: low, close: close, volume: volume,
                    vwap: withoutVWAP.contains(index) ? nil : vwap, transactions: 10))
        }
        price = close
    }
    return bars
}

/// Five prior sessions (Fri 03-08, Mon 03-11 … Thu 03-14) and 2024-03-15 with a pre-market bar at 09:00
/// (which regular-session adapters must ignore) and a few missing minutes.
let syntheticMinuteBars: [Bar] = {
    var bars: [Bar] = []
    for (offset, day) in ["2024-03-07", "2024-03-08", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14"].enumerated() {
        bars += sessionBars(day, base: 100 + Double(offset), seed: UInt64(offset + 1), missing: [5, 77, 200])
    }
    bars.append(Bar(start: time("2024-03-15 09:00"), open: 107, high: 109, low: 106, close: 108, volume: 50_000, vwap: 108))
    bars += sessionBars("2024-03-15", base: 106.5, seed: 99, missing: [3, 14, 40, 41], withoutVWAP: [7, 8])
    return bars
}()

/// A cache over the synthetic bars with every timeframe the adapters use.
let syntheticBarCache = DataCache(
    symbol: etsy, date: date("2024-03-15"), windows: [:], minuteBars: syntheticMinuteBars,
    timeframes: [.minute1, .minute5, .minute15, .daily], trades: nil, quotes: nil)

/// Runs `adapter` for an entry at `entry` on `cache`.
func evaluate(_ adapter: some BacktestAdapter, on cache: DataCache, at entry: Timestamp) throws -> [Double?] {
    try adapter.evaluate(EntryContext(cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements))
}

/// The window rule of DESIGN.md, re-derived: 1-minute bars that start at or after the lookback start
/// (aligned down to the minute) and have closed by E.
func visibleMinuteBars(_ bars: [Bar], entry: Timestamp, lookbackMinutes: Int) -> [Bar] {
    let startNs = entry.nanoseconds - Int64(lookbackMinutes) * minute
    let aligned = startNs - ((startNs % minute) + minute) % minute
    return bars.filter { $0.start.nanoseconds >= aligned && $0.start.nanoseconds + minute <= entry.nanoseconds }
}

/// Trades and quotes of a simulated window, for the trade and quote adapters' checks.
struct SimulatedTape {
    let trades: [Trade]
    let quotes: [Quote]
    let cache: DataCache

    init(_ symbol: Symbol, from start: String, to end: String, seed: UInt64 = 1) {
        let simulator = MarketSimulator(seed: seed)
        let window = TimeWindow(uncheckedStart: time(start), end: time(end))
        trades = simulator.trades(symbol, in: window)
        quotes = simulator.quotes(symbol, in: window)
        cache = DataCache(symbol: symbol, date: NewYorkTime.date(of: window.start), trades: TradeColumns(trades), quotes: QuoteColumns(quotes), bars: [:])
    }

    /// Trades with SIP time in [E − lookback, E).
    func trades(before entry: Timestamp, minutes: Int) -> [Trade] {
        let start = entry.advanced(by: -Int64(minutes) * minute)
        return trades.filter { $0.sipTimestamp >= start && $0.sipTimestamp < entry }
    }

    /// Quotes with SIP time in [E − lookback, E).
    func quotes(before entry: Timestamp, minutes: Int) -> [Quote] {
        let start = entry.advanced(by: -Int64(minutes) * minute)
        return quotes.filter { $0.sipTimestamp >= start && $0.sipTimestamp < entry }
    }
}

/// One event of a trades-and-quotes window in the design's order: SIP time, quotes before trades, then
/// sequence number — sorted here directly, independently of `MergedEventStream`.
enum TapeEvent {
    case quote(Quote)
    case trade(Trade)

    static func merged(trades: [Trade], quotes: [Quote]) -> [TapeEvent] {
        let keyed =
            quotes.map { (time: $0.sipTimestamp.nanoseconds, rank: 1, seq: $0.sequenceNumber, event: TapeEvent.quote($0)) }
            + trades.map { (time: $0.sipTimestamp.nanoseconds, rank: 2, seq: $0.sequenceNumber, event: TapeEvent.trade($0)) }
        return keyed.sorted { ($0.time, $0.rank, $0.seq) < ($1.time, $1.rank, $1.seq) }.map(\.event)
    }
}

/// Whether two optional values agree to a relative tolerance (re-computations sum in another order).
func close(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= tolerance * max(1, abs(x), abs(y))
    default: return false
    }
}

/// Element-wise ``close(_:_:tolerance:)``.
func close(_ a: [Double?], _ b: [Double?], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}
