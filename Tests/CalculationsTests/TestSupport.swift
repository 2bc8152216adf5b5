import Calculations
import MarketData

/// `a ≈ b` within an absolute-or-relative tolerance; two `nil`s are equal, `nil` and a number are not.
func isClose(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return abs(x - y) <= tolerance * max(1, abs(x), abs(y))
    default: return false
    }
}

/// SplitMix64: a tiny deterministic generator for test series.
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
}

/// A random walk of closes around 100 with matching highs and lows.
func randomBars(count: Int, seed: UInt64) -> [(high: Double, low: Double, close: Double, volume: Double)] {
    var random = TestRandom(seed: seed)
    var close = 100.0
    var bars: [(high: Double, low: Double, close: Double, volume: Double)] = []
    for _ in 0..<count {
        close += random.uniform(-0.5, 0.5)
        let high = close + random.uniform(0, 0.4)
        let low = close - random.uniform(0, 0.4)
        bars.append((high, low, close, (random.uniform(100, 10_000)).rounded()))
    }
    return bars
}

let minute = Timestamp.nanosecondsPerMinute
let second = Timestamp.nanosecondsPerSecond
/// 2024-03-15 09:30 New York (13:30 UTC).
let sessionOpen = Timestamp(nanoseconds: 1_710_509_400 * second)

func at(_ offsetNanoseconds: Int64) -> Timestamp { sessionOpen.advanced(by: offsetNanoseconds) }

func makeBar(
    minuteIndex: Int, open: Double? = nil, high: Double, low: Double, close: Double, volume: Double = 1_000,
    vwap: Double? = nil
) -> Bar {
    Bar(
        start: at(Int64(minuteIndex) * minute), open: open ?? close, high: high, low: low, close: close,
        volume: volume, vwap: vwap)
}

func makeTrade(
    _ price: Double, _ size: Double, at time: Timestamp = sessionOpen, conditions: ConditionCodes? = nil,
    sequence: Int64 = 0
) -> Trade {
    Trade(
        sipTimestamp: time, price: price, size: size, exchange: 4, conditions: conditions, id: TradeID(sequence),
        sequenceNumber: sequence)
}

func makeQuote(
    _ bid: Double, _ ask: Double, bidSize: Double = 1, askSize: Double = 1, at time: Timestamp = sessionOpen,
    sequence: Int64 = 0
) -> Quote {
    Quote(
        sipTimestamp: time, bidPrice: bid, bidSize: bidSize, bidExchange: 11, askPrice: ask, askSize: askSize,
        askExchange: 12, sequenceNumber: sequence)
}
