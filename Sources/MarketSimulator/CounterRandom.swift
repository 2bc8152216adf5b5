import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulator's counter-based pseudo-random number generator: SplitMix64 addressed by a key.
///
/// Every random number the simulator uses is `mix(key &+ index &* gamma)` for a 64-bit `key` derived
/// from `(seed, symbol, date, minute, stream)` by ``CounterRandom/key(seed:symbol:day:minute:stream:)``
/// and a counter `index`. That is exactly SplitMix64 (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014) started at state `key`: the output at position `i` is
/// the SplitMix64 finaliser of `key + (i + 1)·γ`. Because the output depends only on the key and the
/// position, any minute's numbers can be produced without producing anything before it, on any thread,
/// in any order — which is what makes a window equal to the same slice of the full day.
///
/// Keys are built by folding each field into the state with the same finaliser (a Merkle-Damgård-style
/// chain of a strong 64-bit mixer), so that nearby inputs (minute 41 and 42) give unrelated streams.
/// Nothing here uses Swift's `Hasher`, which is seeded randomly per process.
struct CounterRandom {
    /// The stream's key.
    let key: UInt64
    /// The next position in the stream.
    var index: UInt64 = 0

    init(key: UInt64) {
        self.key = key
    }

    /// The golden-ratio increment of SplitMix64.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The SplitMix64 output finaliser (a variant of MurmurHash3's fmix64 with Stafford's "Mix13"
    /// constants): a bijection on 64-bit words with full avalanche.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The key of one stream: a fixed function of its coordinates, identical on every platform and run.
    static func key(seed: UInt64, symbol: UInt64, day: Int, minute: Int, stream: RandomStream) -> UInt64 {
        var h = mix(seed ^ 0x5441_5045_4445_434B)  // "TAPEDECK"
        h = mix(h ^ symbol)
        h = mix(h &+ UInt64(bitPattern: Int64(day)))
        h = mix(h ^ (UInt64(bitPattern: Int64(minute)) << 8 | UInt64(stream.rawValue)))
        return h
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        index &+= 1
        return CounterRandom.mix(key &+ index &* CounterRandom.gamma)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in (0, 1], safe to take the logarithm of.
    @inline(__always)
    mutating func positiveUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal variate (Box-Muller; two draws). Used per minute, not per event.
    mutating func normal() -> Double {
        let radius = (-2 * log(positiveUnit())).squareRoot()
        return radius * cos(2 * Double.pi * unit())
    }

    /// A Poisson variate with mean `lambda`: exact inversion below 30, a rounded normal approximation
    /// (mean λ, variance λ) above. Used per minute.
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 30 {
            let u = unit()
            var k = 0
            var p = exp(-lambda)
            var cumulative = p
            while u > cumulative, k < 1000 {
                k += 1
                p *= lambda / Double(k)
                cumulative += p
            }
            return k
        }
        return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded()))
    }
}

/// The independent random streams of a symbol-day; the raw value is part of every key.
enum RandomStream: UInt8 {
    /// The day's activity level (minute 0 only).
    case day = 1
    /// A minute's price increment.
    case priceStep = 2
    /// A minute's activity noise and event counts.
    case counts = 3
    /// A minute's events.
    case events = 4
    /// The day's innovation of the price level from one session to the next (minute 0 only).
    case level = 5
}

/// A fixed 64-bit hash of a ticker: FNV-1a over its UTF-8 bytes (``StableHash``, not the per-process
/// seeded `Hasher`), then the SplitMix64 finaliser.
enum SymbolHash {
    static func of(_ symbol: Symbol) -> UInt64 {
        CounterRandom.mix(StableHash.fnv1a64(symbol.rawValue))
    }
}
