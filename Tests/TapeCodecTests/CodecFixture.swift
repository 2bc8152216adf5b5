import MarketData

/// The day and symbol the codec tests encode: the simulator's very liquid SPY on 2024-03-15.
enum Fixture {
    static let day = LocalDate(year: 2024, month: 3, day: 15)!
    static let spy = try! Symbol("SPY")
}
