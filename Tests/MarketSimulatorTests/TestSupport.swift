import MarketData
import MarketSimulator
import Testing

/// Shared fixtures and helpers of the simulator tests.
enum Fixture {
    static let seed: UInt64 = 20_240_315
    static let spy = try! Symbol("SPY")
    /// A ticker forced to the mid profile.
    static let mid = try! Symbol("MIDCO")
    /// A ticker forced to the illiquid profile.
    static let illiquid = try! Symbol("THINCO")
    static let simulator = MarketSimulator(
        seed: seed, profileOverrides: [mid: .mid, illiquid: .illiquid]
    )
    static let friday = LocalDate(year: 2024, month: 3, day: 15)!
    static let earlyClose = LocalDate(year: 2024, month: 11, day: 29)!
    static let christmas = LocalDate(year: 2024, month: 12, day: 25)!
    static let saturday = LocalDate(year: 2024, month: 12, day: 28)!

    /// New York wall-clock instant.
    static func at(_ date: LocalDate, _ hour: Int, _ minute: Int, second: Int = 0, nanosecond: Int = 0) -> Timestamp {
        try! NewYorkTime.timestamp(date: date, secondOfDay: hour * 3600 + minute * 60 + second, nanosecond: nanosecond)
    }

    static func window(_ start: Timestamp, _ end: Timestamp) -> TimeWindow {
        try! TimeWindow(start: start, end: end)
    }

    /// Days are generated once per test process and shared (generation is deterministic, so this only
    /// saves time).
    static let midDay = simulator.day(mid, on: friday)
    static let illiquidDay = simulator.day(illiquid, on: friday)
}

/// Field-by-field identity, comparing doubles by bit pattern (so -0.0 ≠ 0.0 and NaN = NaN).
enum Bits {
    static func same(_ a: Double?, _ b: Double?) -> Bool { a?.bitPattern == b?.bitPattern }

    static func same(_ a: Trade, _ b: Trade) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && same(a.price, b.price) && same(a.size, b.size)
            && a.exchange == b.exchange && a.tape == b.tape && a.conditions.map(Array.init) == b.conditions.map(Array.init)
            && a.id.description.utf8.elementsEqual(b.id.description.utf8) && a.sequenceNumber == b.sequenceNumber
            && a.correction == b.correction && a.trfId == b.trfId
    }

    static func same(_ a: Quote, _ b: Quote) -> Bool {
        a.sipTimestamp == b.sipTimestamp && a.participantTimestamp == b.participantTimestamp
            && a.trfTimestamp == b.trfTimestamp && same(a.bidPrice, b.bidPrice) && same(a.bidSize, b.bidSize)
            && a.bidExchange == b.bidExchange && same(a.askPrice, b.askPrice) && same(a.askSize, b.askSize)
            && a.askExchange == b.askExchange && a.conditions.map(Array.init) == b.conditions.map(Array.init)
            && a.indicators.map(Array.init) == b.indicators.map(Array.init) && a.sequenceNumber == b.sequenceNumber
            && a.tape == b.tape
    }

    static func same(_ a: Bar, _ b: Bar) -> Bool {
        a.start == b.start && a.timeframe == b.timeframe && same(a.open, b.open) && same(a.high, b.high)
            && same(a.low, b.low) && same(a.close, b.close) && same(a.volume, b.volume) && same(a.vwap, b.vwap)
            && a.transactions == b.transactions && a.otc == b.otc
    }

    /// Index of the first difference (or of the end of the shorter list), `nil` when identical.
    static func firstDifference<T>(_ a: [T], _ b: [T], _ same: (T, T) -> Bool) -> Int? {
        for index in 0..<min(a.count, b.count) where !same(a[index], b[index]) { return index }
        return a.count == b.count ? nil : min(a.count, b.count)
    }

    static func identical(_ a: [Trade], _ b: [Trade]) -> Bool { firstDifference(a, b, same) == nil }
    static func identical(_ a: [Quote], _ b: [Quote]) -> Bool { firstDifference(a, b, same) == nil }
    static func identical(_ a: [Bar], _ b: [Bar]) -> Bool { firstDifference(a, b, same) == nil }
}

/// One event of the merged stream, for order and prevailing-quote checks.
enum Event {
    case trade(Trade)
    case quote(Quote)

    var sequenceNumber: Int64 {
        switch self {
        case .trade(let trade): trade.sequenceNumber
        case .quote(let quote): quote.sequenceNumber
        }
    }

    var sipTimestamp: Timestamp {
        switch self {
        case .trade(let trade): trade.sipTimestamp
        case .quote(let quote): quote.sipTimestamp
        }
    }

    /// Trades and quotes merged by sequence number.
    static func merged(_ trades: [Trade], _ quotes: [Quote]) -> [Event] {
        (trades.map(Event.trade) + quotes.map(Event.quote)).sorted { $0.sequenceNumber < $1.sequenceNumber }
    }
}
