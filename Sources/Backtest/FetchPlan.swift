import MarketData

/// The unit of work: one symbol on one New York trading day.
public struct SymbolDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var symbol: Symbol
    public var date: LocalDate

    public init(symbol: Symbol, date: LocalDate) {
        self.symbol = symbol
        self.date = date
    }

    public static func < (a: SymbolDay, b: SymbolDay) -> Bool { (a.date, a.symbol) < (b.date, b.symbol) }

    public var description: String { "\(symbol) \(date)" }
}

/// What to fetch for one symbol-day: one window per kind, the union of every adapter's requirement for
/// every entry of that day, and the bar timeframes to aggregate.
public struct FetchPlan: Hashable, Sendable {
    public var symbolDay: SymbolDay
    /// One window per kind needed; bars means 1-minute bars.
    public var windows: [DataKind: TimeWindow]
    /// Timeframes to aggregate from the 1-minute bars.
    public var timeframes: Set<Timeframe>

    /// Merges `requirements` over `entries` (all of `symbolDay`). Windows end at the latest entry: nothing
    /// at or after it is ever fetched.
    public init(symbolDay: SymbolDay, entries: [Timestamp], requirements: [DataRequirement], calendar: SessionCalendar = .nyse)
        throws(TapeDeckError)
    {
        self.symbolDay = symbolDay
        var windows: [DataKind: TimeWindow] = [:]
        var timeframes: Set<Timeframe> = []
        for requirement in requirements {
            if case .bars(let timeframe) = requirement.kind { timeframes.insert(timeframe) }
            for entry in entries {
                let window = TimeWindow(uncheckedStart: min(try requirement.windowStart(before: entry, calendar: calendar), entry), end: entry)
                windows[requirement.dataKind] = windows[requirement.dataKind].map { $0.union(window) } ?? window
            }
        }
        self.windows = windows
        self.timeframes = timeframes
    }
}
