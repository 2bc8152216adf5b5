/// How actively a simulated symbol trades: event rates, spreads, sizes and volatility.
///
/// Rates are averages over the regular session; the intraday shape (``IntradayActivity``) multiplies them
/// by about 1.5 in the first and last hour and 0.6 at midday, and extended hours run at a few percent of
/// them. The three presets are calibrated so that, per regular-session hour at the open and at the close:
///
/// | profile | trades/hour | quotes/hour | spread | trades/day |
/// |---|---|---|---|---|
/// | ``veryLiquid`` (SPY-like) | ≈ 41k | ≈ 410k | 1¢, sometimes 2-3¢ | ≈ 180k |
/// | ``mid`` (1/20 of that) | ≈ 2k | ≈ 20k | 1-4¢ | ≈ 9k |
/// | ``illiquid`` | ≈ 55 | ≈ 550 | 5-40¢ | a few hundred, many minutes with none |
/// | ``extreme`` (a busy real SPY day) | ≈ 280k | ≈ 2.8M | 1¢ | ≥ 1M trades, ≥ 10M quotes |
///
/// Profiles are plain values: change any field to build your own and pass it in
/// `MarketSimulator(seed:profileOverrides:)`.
public struct LiquidityProfile: Hashable, Sendable, CustomStringConvertible {
    /// A short name for reports ("very liquid", "mid", "illiquid", or your own).
    public var name: String
    /// Mean trades per minute over the regular session.
    public var tradesPerMinute: Double
    /// Mean NBBO quote updates per minute over the regular session.
    public var quotesPerMinute: Double
    /// Narrowest regular-session spread, in $0.01 ticks (at least 1: quotes are never locked).
    public var minimumSpreadTicks: Int
    /// Mean number of ticks added to the minimum spread (geometric), in the regular session.
    public var extraSpreadTicks: Double
    /// Spread multiplier in the pre- and post-market.
    public var extendedHoursSpreadFactor: Double
    /// Standard deviation of the close-to-open log return of the regular session (1% = 0.01).
    public var dailyVolatility: Double
    /// Range of typical prices, in dollars, for symbols without a listed price.
    public var priceRange: ClosedRange<Double>
    /// Mean round lots per round-lot trade.
    public var meanRoundLots: Double
    /// Mean round lots (100 shares) displayed on each side of a quote.
    public var meanQuoteLots: Double
    /// Share of trades that are odd lots (fewer than 100 shares; condition 37).
    public var oddLotShare: Double
    /// Share of trades that are intermarket sweeps (condition 14).
    public var sweepShare: Double
    /// Share of trades reported off-exchange through a FINRA TRF (exchange 4).
    public var offExchangeShare: Double
    /// Share of trades priced strictly inside the spread.
    public var insideShare: Double
    /// Probability that an event shares the SIP timestamp of the one before it.
    public var sameTimestampShare: Double

    public init(
        name: String, tradesPerMinute: Double, quotesPerMinute: Double, minimumSpreadTicks: Int,
        extraSpreadTicks: Double, extendedHoursSpreadFactor: Double, dailyVolatility: Double,
        priceRange: ClosedRange<Double>, meanRoundLots: Double, meanQuoteLots: Double, oddLotShare: Double,
        sweepShare: Double, offExchangeShare: Double, insideShare: Double, sameTimestampShare: Double
    ) {
        self.name = name
        self.tradesPerMinute = tradesPerMinute
        self.quotesPerMinute = quotesPerMinute
        self.minimumSpreadTicks = max(1, minimumSpreadTicks)
        self.extraSpreadTicks = max(0, extraSpreadTicks)
        self.extendedHoursSpreadFactor = max(1, extendedHoursSpreadFactor)
        self.dailyVolatility = max(0, dailyVolatility)
        self.priceRange = priceRange
        self.meanRoundLots = max(1, meanRoundLots)
        self.meanQuoteLots = max(1, meanQuoteLots)
        self.oddLotShare = oddLotShare
        self.sweepShare = sweepShare
        self.offExchangeShare = offExchangeShare
        self.insideShare = insideShare
        self.sameTimestampShare = sameTimestampShare
    }

    /// SPY-like: ≥ 30k trades and ≥ 300k quotes in the first and last regular-session hour, 1¢ spreads.
    public static let veryLiquid = LiquidityProfile(
        name: "very liquid", tradesPerMinute: 450, quotesPerMinute: 4500, minimumSpreadTicks: 1,
        extraSpreadTicks: 0.15, extendedHoursSpreadFactor: 3, dailyVolatility: 0.01, priceRange: 100...600,
        meanRoundLots: 2, meanQuoteLots: 8, oddLotShare: 0.35, sweepShare: 0.08, offExchangeShare: 0.35,
        insideShare: 0.12, sameTimestampShare: 0.25
    )

    /// About 1/20 of ``veryLiquid``'s activity, with 1-4¢ spreads.
    public static let mid = LiquidityProfile(
        name: "mid", tradesPerMinute: 22.5, quotesPerMinute: 225, minimumSpreadTicks: 1,
        extraSpreadTicks: 1.2, extendedHoursSpreadFactor: 3, dailyVolatility: 0.018, priceRange: 15...250,
        meanRoundLots: 1.5, meanQuoteLots: 3, oddLotShare: 0.3, sweepShare: 0.05, offExchangeShare: 0.4,
        insideShare: 0.12, sameTimestampShare: 0.15
    )

    /// A few hundred trades a day, many minutes without any, 5-40¢ spreads.
    public static let illiquid = LiquidityProfile(
        name: "illiquid", tradesPerMinute: 0.6, quotesPerMinute: 6, minimumSpreadTicks: 5,
        extraSpreadTicks: 8, extendedHoursSpreadFactor: 2, dailyVolatility: 0.03, priceRange: 3...60,
        meanRoundLots: 1.2, meanQuoteLots: 1.5, oddLotShare: 0.25, sweepShare: 0.02, offExchangeShare: 0.45,
        insideShare: 0.2, sameTimestampShare: 0.05
    )

    /// Real SPY-class activity on a busy day: at least 1M trades and 10M quotes in a day even when the
    /// day's activity factor is at its lowest (0.85), 1¢ spreads. What the engine's memory bounds are
    /// measured on (`record --simulate 1 --profile SPY=extreme`).
    public static let extreme = LiquidityProfile(
        name: "extreme", tradesPerMinute: 3_100, quotesPerMinute: 31_000, minimumSpreadTicks: 1,
        extraSpreadTicks: 0.1, extendedHoursSpreadFactor: 3, dailyVolatility: 0.012, priceRange: 100...600,
        meanRoundLots: 2, meanQuoteLots: 10, oddLotShare: 0.4, sweepShare: 0.1, offExchangeShare: 0.35,
        insideShare: 0.1, sameTimestampShare: 0.3
    )

    /// The presets by the names `--profile` takes: `very-liquid`, `mid`, `illiquid`, `extreme`.
    public static let presets: [(name: String, profile: LiquidityProfile)] = [
        ("very-liquid", .veryLiquid), ("mid", .mid), ("illiquid", .illiquid), ("extreme", .extreme),
    ]

    /// The preset called `name` (see ``presets``), or `nil`.
    public static func preset(named name: String) -> LiquidityProfile? {
        presets.first { $0.name == name }?.profile
    }

    public var description: String { name }
}
