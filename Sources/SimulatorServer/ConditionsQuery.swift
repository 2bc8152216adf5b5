import MarketData
import PolygonWire

/// A parsed `/v3/reference/conditions` request: Polygon's parameters, or the continuation in a cursor.
///
/// - `asset_class` (stocks, options, crypto, fx) and `data_type` (trade, bbo, nbbo): the server holds
///   stock sale conditions only, so any other valid value selects nothing; an unknown value is a 400.
/// - `id`: one condition id. `sip` (CTA, UTP, OPRA) keeps conditions with a mapping for that SIP;
///   ``TradeCondition`` carries no SIP mappings, so it selects nothing.
/// - `limit` 1...1000 (default 10), `order` asc (default) or desc, `sort` id (default), name, or one of
///   asset_class, type, data_types, legacy — equal for every condition served, so those order by id.
/// - `next_url` carries a cursor holding the whole continuation (filters, limit, order, sort and how many
///   results were sent), like the trades and quotes cursors.
struct ConditionsQuery: Sendable {
    static let defaultLimit = 10
    static let maximumLimit = 1000

    var assetClass: String?
    var dataType: String?
    var id: Int32?
    var sip: String?
    var limit: Int
    var ascending: Bool
    var sort: String
    /// Results already sent by earlier pages.
    var offset: Int

    init(query: [String: Substring]) throws(PolygonError) {
        guard let token = query["cursor"] else {
            try self.init(fields: query)
            return
        }
        guard let cursor = try? PageCursor(token: String(token)) else {
            throw .badRequest("Could not parse the 'cursor' parameter: it is not a cursor this server issued.")
        }
        var fields: [String: Substring] = [:]
        for parameter in cursor.parameters { fields[parameter.name] = Substring(parameter.value) }
        try self.init(fields: fields)
        guard let text = fields["offset"], let offset = Int(text), offset >= 0 else {
            throw .badRequest("Could not parse the 'cursor' parameter: it has no position.")
        }
        self.offset = offset
    }

    private init(fields: [String: Substring]) throws(PolygonError) {
        assetClass = try Self.choice(fields, "asset_class", ["stocks", "options", "crypto", "fx"])
        dataType = try Self.choice(fields, "data_type", ["trade", "bbo", "nbbo"])
        sip = try Self.choice(fields, "sip", ["CTA", "UTP", "OPRA"])
        if let text = fields["id"] {
            guard let value = Int32(text) else {
                throw .badRequest("Invalid value for 'id': '\(text)'; it must be an integer condition id.")
            }
            id = value
        }
        if let text = fields["limit"] {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw .badRequest("Invalid value for 'limit': '\(text)'; it must be an integer from 1 to 1000.")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        switch fields["order"] {
        case nil, "asc": ascending = true
        case "desc": ascending = false
        case let other?: throw .badRequest("Invalid value for 'order': '\(other)'; use 'asc' or 'desc'.")
        }
        sort = try Self.choice(fields, "sort", ["id", "name", "asset_class", "type", "data_types", "legacy"]) ?? "id"
        offset = 0
    }

    /// The value of `name`, which must be one of `allowed` when present.
    private static func choice(_ fields: [String: Substring], _ name: String, _ allowed: [String]) throws(PolygonError)
        -> String?
    {
        guard let value = fields[name] else { return nil }
        guard allowed.contains(String(value)) else {
            throw .badRequest(
                "Invalid value for '\(name)': '\(value)'; use \(allowed.map { "'\($0)'" }.joined(separator: ", ")).")
        }
        return String(value)
    }

    /// The conditions of `table` this query selects, in its order, before paging.
    func selected(from table: TradeConditionTable) -> [TradeCondition] {
        guard assetClass == nil || assetClass == "stocks", dataType == nil || dataType == "trade", sip == nil else {
            return []
        }
        var conditions = table.conditions.filter { id == nil || $0.id == id }
        if sort == "name" {
            conditions.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        } else {
            conditions.sort { $0.id < $1.id }
        }
        if !ascending { conditions.reverse() }
        return conditions
    }

    /// The cursor of the page after `offset` results.
    func cursor(offset: Int) -> PageCursor {
        var parameters: [PageCursor.Parameter] = []
        if let assetClass { parameters.append(.init("asset_class", assetClass)) }
        if let dataType { parameters.append(.init("data_type", dataType)) }
        if let id { parameters.append(.init("id", String(id))) }
        parameters.append(.init("limit", String(limit)))
        parameters.append(.init("offset", String(offset)))
        parameters.append(.init("order", ascending ? "asc" : "desc"))
        if let sip { parameters.append(.init("sip", sip)) }
        parameters.append(.init("sort", sort))
        return PageCursor(parameters)
    }
}
