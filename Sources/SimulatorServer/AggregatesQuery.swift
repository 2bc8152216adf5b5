import MarketData
import PolygonWire

/// A parsed `/v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}` request.
///
/// `from` and `to` are dates (whole New York days, both inclusive) or millisecond instants (bars whose
/// start lies in [from, to]). `sort` is asc (default) or desc, `limit` 1...50000 (default 5000) and counts
/// the bars returned — Polygon counts the base aggregates behind them, the same number for 1-minute bars.
/// A `next_url` rewrites `from` (asc) or `to` (desc) to the next bar's millisecond start and carries
/// `limit`, `sort` and `adjusted` in its cursor, as Polygon's do.
///
/// One page reads at most ``maximumDaysPerPage`` New York days of the source, from the start of the range
/// (asc) or its end (desc), and continues with a `next_url` where it stopped: Polygon bounds the work of
/// one request by its `limit` of base aggregates, and the simulator, which builds every bar from its
/// trades, bounds it by days (`1/day/2000-01-01/2035-12-31` once took 54 s and 405 MB in one request).
struct AggregatesQuery: Sendable {
    static let defaultLimit = 5000
    static let maximumLimit = 50_000
    /// The most New York days of the source one page reads: a month, about 23 trading days.
    static let maximumDaysPerPage = 31

    var ticker: Symbol
    var timeframe: Timeframe
    var multiplier: Int
    var timespan: String
    var window: TimeWindow
    var fromText: Substring
    var toText: Substring
    var limit: Int
    var ascending: Bool
    var adjusted: Bool

    init(
        ticker: Symbol, multiplier: Substring, timespan: Substring, from: Substring, to: Substring,
        query: [String: Substring]
    ) throws(PolygonError) {
        var fields = query
        if let token = query["cursor"] {
            guard let cursor = try? PageCursor(token: String(token)) else {
                throw .badRequest("Could not parse the 'cursor' parameter: it is not a cursor this server issued.")
            }
            fields = [:]
            for parameter in cursor.parameters { fields[parameter.name] = Substring(parameter.value) }
        }
        self.ticker = ticker
        guard let multiplierValue = Int(multiplier), multiplierValue > 0 else {
            throw .badRequest("Invalid value for 'multiplier': '\(multiplier)'; it must be a positive integer.")
        }
        guard let timeframe = try? Timeframe(multiplier: multiplierValue, timespan: String(timespan)) else {
            throw .badRequest(
                "Unsupported aggregate size \(multiplier)/\(timespan); the simulator serves 1, 5, 15 or 30/minute, 1/hour and 1/day.")
        }
        self.timeframe = timeframe
        self.multiplier = multiplierValue
        self.timespan = String(timespan)
        let lower = try TimeBound.parseMillisecondsParameter(from, name: "from")
        let upper = try TimeBound.parseMillisecondsParameter(to, name: "to")
        let start: Timestamp
        let end: Timestamp
        switch lower {
        case .instant(let t): start = t
        case .day(let w): start = w.start
        }
        switch upper {
        case .instant(let t): end = t.successor
        case .day(let w): end = w.end
        }
        window = TimeWindow(uncheckedStart: start, end: max(start, end))
        fromText = from
        toText = to
        switch fields["sort"] {
        case nil, "asc": ascending = true
        case "desc": ascending = false
        case let other?: throw .badRequest("Invalid value for 'sort': '\(other)'; use 'asc' or 'desc'.")
        }
        switch fields["adjusted"] {
        case nil, "true": adjusted = true
        case "false": adjusted = false
        case let other?: throw .badRequest("Invalid value for 'adjusted': '\(other)'; use 'true' or 'false'.")
        }
        if let text = fields["limit"] {
            guard let value = Int(text), (1...AggregatesQuery.maximumLimit).contains(value) else {
                throw .badRequest("Invalid value for 'limit': '\(text)'; it must be an integer from 1 to 50000.")
            }
            limit = value
        } else {
            limit = AggregatesQuery.defaultLimit
        }
    }

    /// The part of `served` (the requested window inside the calendar) that this page reads: at most
    /// ``maximumDaysPerPage`` whole New York days from its start (asc) or its end (desc).
    func pageWindow(within served: TimeWindow) -> TimeWindow {
        let days = AggregatesQuery.maximumDaysPerPage
        if ascending {
            let first = NewYorkTime.date(of: served.start)
            let limit = NewYorkTime.instant(first.adding(days: days), hour: 0, minute: 0)
            return TimeWindow(uncheckedStart: served.start, end: min(served.end, limit))
        }
        let last = NewYorkTime.date(of: served.end.advanced(by: -1))
        let limit = NewYorkTime.instant(last.adding(days: 1 - days), hour: 0, minute: 0)
        return TimeWindow(uncheckedStart: max(served.start, limit), end: served.end)
    }

    /// Path and cursor of the page that starts at `next` (asc) or ends at `next` (desc).
    func nextPath(continuingAt next: Timestamp) -> (path: String, cursor: PageCursor) {
        let from = ascending ? Substring(String(next.milliseconds)) : fromText
        let to = ascending ? toText : Substring(String(next.milliseconds))
        let path = "/v2/aggs/ticker/\(ticker)/range/\(multiplier)/\(timespan)/\(from)/\(to)"
        let cursor = PageCursor([
            .init("adjusted", adjusted ? "true" : "false"), .init("limit", String(limit)),
            .init("sort", ascending ? "asc" : "desc"),
        ])
        return (path, cursor)
    }
}
