import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the simulator assumes about a symbol without being told: liquidity profile, tape and typical
/// price.
///
/// A small table names the symbols that are very liquid in real life (index ETFs and the largest
/// stocks), with their tape and a typical price. Any other symbol gets, from its ``SymbolHash``: the
/// ``LiquidityProfile/mid`` profile when `hash % 8 < 3` (3/8 of symbols) and
/// ``LiquidityProfile/illiquid`` otherwise; tape `1 + (hash >> 8) % 3` (A, B or C); and a typical price
/// log-uniform in the profile's ``LiquidityProfile/priceRange``. A profile override keeps the tape and,
/// for unlisted symbols, draws the price from the override's range.
package struct SymbolTraits: Sendable {
    let hash: UInt64
    package let profile: LiquidityProfile
    /// 1 = A (NYSE-listed), 2 = B (Arca, American, regional), 3 = C (Nasdaq).
    let tape: Int
    /// Typical price in cents, before the day's own move.
    package let typicalPriceCents: Int64

    /// The very liquid symbols: (ticker, tape, typical price in dollars).
    static let listed: [String: (tape: Int, price: Double)] = [
        "SPY": (2, 500), "QQQ": (3, 430), "IWM": (2, 200), "DIA": (2, 390),
        "AAPL": (3, 190), "MSFT": (3, 410), "NVDA": (3, 120), "TSLA": (3, 220), "AMZN": (3, 180),
        "META": (3, 500), "GOOGL": (3, 165), "AMD": (3, 150),
    ]

    init(symbol: Symbol, override: LiquidityProfile?) {
        hash = SymbolHash.of(symbol)
        let listing = SymbolTraits.listed[symbol.rawValue]
        let profile =
            override ?? (listing != nil ? .veryLiquid : (hash % 8 < 3 ? LiquidityProfile.mid : .illiquid))
        self.profile = profile
        tape = listing?.tape ?? Int(1 + (hash >> 8) % 3)
        let dollars: Double
        if let listing {
            dollars = listing.price
        } else {
            let low = max(profile.priceRange.lowerBound, 1)
            let high = max(profile.priceRange.upperBound, low)
            let fraction = Double((hash >> 16) & 0xFFFF) / 65_536
            dollars = low * exp(log(high / low) * fraction)
        }
        typicalPriceCents = max(100, Int64((dollars * 100).rounded()))
    }
}
