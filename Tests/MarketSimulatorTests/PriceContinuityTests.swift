import Foundation
import MarketData
import MarketSimulator
import Testing

/// Prices run on from one session to the next, as real ones do: the fair price at 20:00 is the next
/// session's 04:00 price, session-to-session moves are about one daily volatility, and decades of them
/// stay near the symbol's typical price.
struct PriceContinuityTests {
    static let symbols = [Fixture.spy, Fixture.mid, Fixture.illiquid]

    static func sessions(_ from: String, _ through: String) throws -> [LocalDate] {
        try SessionCalendar.nyse.tradingDays(from: LocalDate(parsing: from), through: LocalDate(parsing: through))
    }

    @Test(arguments: symbols)
    func eachDayEndsWhereTheNextSessionOpens(_ symbol: Symbol) throws {
        let days = try Self.sessions("2024-03-01", "2024-04-30")  // includes Good Friday and weekends
        for (day, next) in zip(days, days.dropFirst()) {
            let plan = try #require(Fixture.simulator.plan(symbol, on: day))
            let nextPlan = try #require(Fixture.simulator.plan(symbol, on: next))
            #expect(plan.fairCents.last == nextPlan.fairCents.first, "\(symbol) \(day) → \(next)")
        }
    }

    /// Log change of the fair price from one session's open to the next: its standard deviation is the
    /// profile's daily volatility σ (the level's innovation is σ; mean reversion of 2 % a session barely
    /// changes it), checked within ±35 % over a year of sessions.
    @Test(arguments: symbols)
    func sessionToSessionMovesAreAboutOneDailyVolatility(_ symbol: Symbol) throws {
        let days = try Self.sessions("2023-01-01", "2023-12-31")
        let opens = days.map { Double(Fixture.simulator.plan(symbol, on: $0)!.fairCents[0]) }
        let changes = zip(opens, opens.dropFirst()).map { log($1 / $0) }
        let mean = changes.reduce(0, +) / Double(changes.count)
        let squares: [Double] = changes.map { ($0 - mean) * ($0 - mean) }
        let deviation = (squares.reduce(0, +) / Double(changes.count - 1)).squareRoot()
        let sigma = Fixture.simulator.traits(of: symbol).profile.dailyVolatility
        #expect((0.65 * sigma...1.35 * sigma).contains(deviation), "\(symbol): \(deviation) vs σ \(sigma)")
        #expect(changes.allSatisfy { abs($0) < 6 * sigma }, "no session gaps of six σ or more")
    }

    /// The level reverts to the typical price: its stationary standard deviation is σ / √(1 − 0.98²) ≈ 5σ
    /// (in log terms), so every open sampled across the calendar's 36 years lies within four of those,
    /// a factor e^(20σ), of the typical price.
    @Test(arguments: symbols)
    func pricesStayNearTheTypicalPriceForDecades(_ symbol: Symbol) throws {
        let traits = Fixture.simulator.traits(of: symbol)
        let typical = Double(traits.typicalPriceCents)
        let bound = exp(20 * traits.profile.dailyVolatility)
        for year in stride(from: 2000, through: 2035, by: 5) {
            let day = try SessionCalendar.nyse.nextTradingDay(after: LocalDate(year: year, month: 6, day: 1)!)
            let open = Double(try #require(Fixture.simulator.plan(symbol, on: day)).fairCents[0])
            #expect((typical / bound...typical * bound).contains(open), "\(symbol) \(day): \(open) vs typical \(typical)")
        }
    }
}
