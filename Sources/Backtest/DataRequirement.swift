import MarketData

/// How far back an adapter looks from its entry time.
public enum Lookback: Hashable, Sendable, CustomStringConvertible {
    /// The last `n` minutes before the entry.
    case minutes(Int)
    /// From the pre-market open (04:00 New York) of the trading day `n` sessions before the entry's day;
    /// `sessions(0)` is the entry's own day from 04:00.
    case sessions(Int)

    public var description: String {
        switch self {
        case .minutes(let n): "\(n) min"
        case .sessions(let n): n == 1 ? "1 session" : "\(n) sessions"
        }
    }

    /// The first instant of the lookback for an entry at `entry`.
    public func start(before entry: Timestamp, calendar: SessionCalendar = .nyse) throws(TapeDeckError) -> Timestamp {
        switch self {
        case .minutes(let n):
            return entry.advanced(by: -Int64(n) * Timestamp.nanosecondsPerMinute)
        case .sessions(let n):
            var day = NewYorkTime.date(of: entry)
            for _ in 0..<max(0, n) { day = try calendar.previousTradingDay(before: day) }
            return NewYorkTime.instant(day, hour: 4, minute: 0)
        }
    }
}

/// One kind of data an adapter needs, and how far back.
///
/// Bars are given as a timeframe; only 1-minute bars are fetched and the others aggregated locally
/// (``BarAggregator``). A bar lookback covers the bars of every bucket that overlaps the lookback: its
/// start is aligned down to the timeframe's bucket (New York midnight for daily bars).
public struct DataRequirement: Hashable, Sendable, CustomStringConvertible {
    /// What is read.
    public enum Kind: Hashable, Sendable {
        case bars(Timeframe)
        case trades
        case quotes
    }

    public var kind: Kind
    public var lookback: Lookback

    public init(_ kind: Kind, lookback: Lookback) {
        self.kind = kind
        self.lookback = lookback
    }

    /// Bars of `timeframe` over `lookback`.
    public static func bars(_ timeframe: Timeframe, lookback: Lookback) -> Self { Self(.bars(timeframe), lookback: lookback) }
    /// Trades over `lookback`.
    public static func trades(lookback: Lookback) -> Self { Self(.trades, lookback: lookback) }
    /// Quotes (NBBO) over `lookback`.
    public static func quotes(lookback: Lookback) -> Self { Self(.quotes, lookback: lookback) }

    /// The fetched kind this requirement draws on.
    public var dataKind: DataKind {
        switch kind {
        case .bars: .bars
        case .trades: .trades
        case .quotes: .quotes
        }
    }

    /// The first instant this requirement reads for an entry at `entry`: for bars, aligned down to the
    /// start of the bucket that holds the lookback's start.
    public func windowStart(before entry: Timestamp, calendar: SessionCalendar = .nyse) throws(TapeDeckError) -> Timestamp {
        let start = try lookback.start(before: entry, calendar: calendar)
        guard case .bars(let timeframe) = kind else { return start }
        if let duration = timeframe.duration {
            return Timestamp(nanoseconds: floorMultiple(start.nanoseconds, of: duration))
        }
        return NewYorkTime.instant(NewYorkTime.date(of: start), hour: 0, minute: 0)
    }

    private func floorMultiple(_ value: Int64, of step: Int64) -> Int64 {
        let q = value / step
        return (value % step != 0 && value < 0 ? q - 1 : q) * step
    }

    /// `bars 5min, 150 min`, `trades, 30 min`.
    public var description: String {
        switch kind {
        case .bars(let timeframe): "bars \(timeframe), \(lookback)"
        case .trades: "trades, \(lookback)"
        case .quotes: "quotes, \(lookback)"
        }
    }
}
