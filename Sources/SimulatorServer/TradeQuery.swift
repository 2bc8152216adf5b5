import MarketData
import PolygonWire

/// A parsed `/v3/trades` or `/v3/quotes` request: Polygon's parameters, or the continuation in a cursor.
///
/// Defaults and bounds are those of Polygon's OpenAPI spec: `order` desc, `limit` 1000 (1...50000),
/// `sort` timestamp. A cursor carries the whole continuation (window, limit, order and the position after
/// which to resume), so a follow-up request sends nothing else, as Polygon's clients do.
struct TradeQuery: Sendable {
    static let defaultLimit = 1000
    static let maximumLimit = 50_000

    var window: TimeWindow
    var limit: Int
    var ascending: Bool
    var after: PagePosition?

    init(query: [String: Substring]) throws(PolygonError) {
        if let token = query["cursor"] {
            guard let cursor = try? PageCursor(token: String(token)) else {
                throw .badRequest("Could not parse the 'cursor' parameter: it is not a cursor this server issued.")
            }
            var fields: [String: Substring] = [:]
            for parameter in cursor.parameters { fields[parameter.name] = Substring(parameter.value) }
            try self.init(fields: fields)
            guard let position = fields["after"] else {
                throw .badRequest("Could not parse the 'cursor' parameter: it has no position.")
            }
            let parts = position.split(separator: ":")
            guard parts.count == 2, let time = Int64(parts[0]), let sequence = Int64(parts[1]) else {
                throw .badRequest("Could not parse the 'cursor' parameter: bad position.")
            }
            after = PagePosition(time: time, sequence: sequence)
        } else {
            try self.init(fields: query)
        }
    }

    private init(fields: [String: Substring]) throws(PolygonError) {
        if let sort = fields["sort"], sort != "timestamp" {
            throw .badRequest("Invalid value for 'sort': '\(sort)'; the only sort field is 'timestamp'.")
        }
        switch fields["order"] {
        case nil, "desc": ascending = false
        case "asc": ascending = true
        case let other?: throw .badRequest("Invalid value for 'order': '\(other)'; use 'asc' or 'desc'.")
        }
        if let text = fields["limit"] {
            guard let value = Int(text), (1...TradeQuery.maximumLimit).contains(value) else {
                throw .badRequest("Invalid value for 'limit': '\(text)'; it must be an integer from 1 to 50000.")
            }
            limit = value
        } else {
            limit = TradeQuery.defaultLimit
        }
        let requested = try TimeBound.window(query: fields)
        guard requested.start.nanoseconds != .min || requested.end.nanoseconds != .max else {
            throw .badRequest(
                "The simulator needs a time range: pass 'timestamp' (a date) or 'timestamp.gte'/'timestamp.lt'.")
        }
        // Open sides end at the calendar's range: there is no data before 2000 or after 2035.
        window = requested.intersection(TimeBound.calendarRange) ?? TimeWindow(uncheckedStart: requested.start, end: requested.start)
        after = nil
    }

    /// The cursor continuing after `position`.
    func cursor(after position: PagePosition) -> PageCursor {
        var parameters: [PageCursor.Parameter] = [
            .init("after", "\(position.time):\(position.sequence)"), .init("limit", String(limit)),
            .init("order", ascending ? "asc" : "desc"), .init("sort", "timestamp"),
        ]
        parameters.append(.init("timestamp.gte", String(window.start.nanoseconds)))
        parameters.append(.init("timestamp.lt", String(window.end.nanoseconds)))
        return PageCursor(parameters)
    }
}
