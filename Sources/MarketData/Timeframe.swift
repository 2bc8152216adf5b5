/// The bar sizes TapeDeck works with. Only ``minute1`` is fetched; the rest are aggregated locally and
/// aligned to the New York wall clock (09:30, 09:35, …; hours at 09:00, 10:00, … like Polygon).
public enum Timeframe: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case minute1 = "1min"
    case minute5 = "5min"
    case minute15 = "15min"
    case minute30 = "30min"
    case hour1 = "1hour"
    case daily = "daily"

    /// Parses `1min`, `5min`, `15min`, `30min`, `1hour` or `daily`.
    public init(parsing text: String) throws(TapeDeckError) {
        guard let value = Timeframe(rawValue: text) else {
            throw TapeDeckError(
                .invalidTimeframe,
                "unknown timeframe \(TapeDeckError.quoted(text)); use one of \(Timeframe.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        self = value
    }

    /// Parses Polygon's aggregate `multiplier` and `timespan` (`1/minute`, `5/minute`, `1/hour`, `60/minute`,
    /// `1/day`).
    public init(multiplier: Int, timespan: String) throws(TapeDeckError) {
        let minutes: Int?
        switch timespan {
        case "minute": minutes = multiplier
        case "hour":
            let (product, overflow) = multiplier.multipliedReportingOverflow(by: 60)
            minutes = overflow ? nil : product
        case "day": minutes = multiplier == 1 ? 24 * 60 : nil
        default: minutes = nil
        }
        guard let minutes, let value = Timeframe.allCases.first(where: { $0.minutes == minutes }) else {
            throw TapeDeckError(
                .invalidTimeframe,
                "unsupported aggregate size \(multiplier)/\(timespan); use 1, 5, 15 or 30/minute, 1/hour or 1/day"
            )
        }
        self = value
    }

    /// Length in minutes (a daily bar counts as 1440, though it covers only 04:00 to 20:00).
    public var minutes: Int {
        switch self {
        case .minute1: 1
        case .minute5: 5
        case .minute15: 15
        case .minute30: 30
        case .hour1: 60
        case .daily: 1440
        }
    }

    /// Fixed length in nanoseconds, or `nil` for daily bars whose length depends on the session.
    public var duration: Int64? {
        self == .daily ? nil : Int64(minutes) * Timestamp.nanosecondsPerMinute
    }

    /// Polygon's `multiplier` and `timespan` for this size.
    public var polygonRange: (multiplier: Int, timespan: String) {
        switch self {
        case .hour1: (1, "hour")
        case .daily: (1, "day")
        default: (minutes, "minute")
        }
    }

    public var description: String { rawValue }
}
