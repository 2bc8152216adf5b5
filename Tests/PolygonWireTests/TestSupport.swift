import MarketData
import PolygonWire

/// SplitMix64: a tiny seeded generator, so every random test is reproducible from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Doubles that break naive printers and parsers.
let edgeDoubles: [Double] = [
    0, -0.0, 1, -1, 10, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, .pi, 156.43, 155.87, 1.469, 1.5032, 642646396.0,
    0.0001, 0.00001, 0.00005, 1e-7, 999_999_999.9999, 1e9, 1e9 + 0.5, 123_456_789.123_456_78,
    9_007_199_254_740_992, 9_007_199_254_740_994, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e300, 1e-300,
    Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
    Double.leastNormalMagnitude.nextDown, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
    156.43.nextUp, 156.43.nextDown, 4.35, 0.015, 2.675, 1.005, Double.leastNonzeroMagnitude * 3, Double(bitPattern: 0x000F_FFFF_FFFF_FFFF),
    4_503_599_627_370_496.5, 0.000_123_456_789,
]

extension SplitMix64 {
    /// A finite double: half from a price-like grid, a quarter from the edge list, a quarter random bits.
    mutating func double() -> Double {
        switch Int.random(in: 0..<4, using: &self) {
        case 0: return Double(Int64.random(in: 1...2_000_000, using: &self)) / 100
        case 1: return Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &self)) / 10_000
        case 2: return edgeDoubles[Int.random(in: 0..<edgeDoubles.count, using: &self)]
        default:
            while true {
                let value = Double(bitPattern: next())
                if value.isFinite { return value }
            }
        }
    }

    mutating func maybe<T>(_ make: (inout SplitMix64) -> T) -> T? {
        Bool.random(using: &self) ? make(&self) : nil
    }

    mutating func codes() -> ConditionCodes {
        let count = Int.random(in: 0...9, using: &self)
        return ConditionCodes(
            (0..<count).map { _ in
                Bool.random(using: &self) ? Int32.random(in: 0..<64, using: &self) : Int32.random(in: .min ... .max, using: &self)
            })
    }

    /// Trade ids are usually digits; sometimes they carry characters that must be escaped, or non-ASCII.
    mutating func text() -> String {
        let pieces = ["183276", "a", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "é", "€", "😀", " ", "\u{7F}", "\u{2028}"]
        let count = Int.random(in: 0...6, using: &self)
        return (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &self)] }.joined()
    }

    mutating func trade() -> Trade {
        Trade(
            sipTimestamp: Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &self)),
            participantTimestamp: maybe { Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &$0)) },
            trfTimestamp: maybe { Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &$0)) },
            price: double(), size: double(), exchange: Int.random(in: .min ... .max, using: &self),
            tape: maybe { Int.random(in: 1...3, using: &$0) }, conditions: maybe { $0.codes() }, id: TradeID(text()),
            sequenceNumber: Int64.random(in: .min ... .max, using: &self),
            correction: maybe { Int.random(in: -5...12, using: &$0) }, trfId: maybe { Int.random(in: .min ... .max, using: &$0) }
        )
    }

    mutating func quote() -> Quote {
        Quote(
            sipTimestamp: Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &self)),
            participantTimestamp: maybe { Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &$0)) },
            trfTimestamp: maybe { Timestamp(nanoseconds: Int64.random(in: .min ... .max, using: &$0)) },
            bidPrice: double(), bidSize: double(), bidExchange: Int.random(in: .min ... .max, using: &self),
            askPrice: double(), askSize: double(), askExchange: Int.random(in: 0...21, using: &self),
            conditions: maybe { $0.codes() }, indicators: maybe { $0.codes() },
            sequenceNumber: Int64.random(in: .min ... .max, using: &self), tape: maybe { Int.random(in: 1...3, using: &$0) }
        )
    }

    /// Bars start on whole milliseconds (Polygon's `t` unit) anywhere in the `Int64` nanosecond range.
    mutating func bar() -> Bar {
        let limit = Int64.max / 1_000_000
        return Bar(
            start: Timestamp(nanoseconds: Int64.random(in: -limit...limit, using: &self) * 1_000_000),
            open: double(), high: double(), low: double(), close: double(), volume: double(),
            vwap: maybe { $0.double() }, transactions: maybe { Int.random(in: 0...Int.max, using: &$0) },
            otc: Bool.random(using: &self)
        )
    }
}

/// The UTF-8 bytes of a JSON literal.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The UTF-8 text of encoded bytes.
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Equality that tells `-0.0` from `0` and compares NaN payloads: what "lossless" means here.
func sameBits(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }

func sameBits(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (a?, b?): a.bitPattern == b.bitPattern
    default: false
    }
}

func sameBits(_ a: Trade, _ b: Trade) -> Bool {
    a == b && sameBits(a.price, b.price) && sameBits(a.size, b.size)
}

func sameBits(_ a: Quote, _ b: Quote) -> Bool {
    a == b && sameBits(a.bidPrice, b.bidPrice) && sameBits(a.bidSize, b.bidSize) && sameBits(a.askPrice, b.askPrice)
        && sameBits(a.askSize, b.askSize)
}

func sameBits(_ a: Bar, _ b: Bar) -> Bool {
    a == b && sameBits(a.open, b.open) && sameBits(a.high, b.high) && sameBits(a.low, b.low)
        && sameBits(a.close, b.close) && sameBits(a.volume, b.volume) && sameBits(a.vwap, b.vwap)
}
