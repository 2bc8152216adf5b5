import Logging
import MarketData
import PolygonWire

extension PolygonClient {
    /// Polygon's own rules for which sale conditions update a bar: every page of
    /// `GET /v3/reference/conditions?asset_class=stocks&data_type=trade&limit=1000`, following `next_url`,
    /// as a ``TradeConditionTable/recorded(_:)`` table (ids it does not list fall back to the built-in
    /// table). Recorded (``conditionTable(log:)``), each page goes to the recorder's log and so into the archive.
    ///
    /// Conditions without `update_rules.consolidated` are left out (see `WireDecoder.conditionsPage`).
    /// Not cached: a recorder asks once per archive.
    func conditionTable(responses: ResponseLog?) async throws -> TradeConditionTable {
        let request = PolygonRequest(
            path: "/v3/reference/conditions",
            query: ["asset_class": "stocks", "data_type": "trade", "limit": String(Self.conditionsPageLimit)])
        let conditions = try await pages(
            of: request, symbol: nil, budget: RetryBudget(configuration.retry.retryBudget), tracker: nil,
            responses: responses
        ) { (bytes) throws(TapeDeckError) in try WireDecoder.conditionsPage(bytes) }
        if conditions.isEmpty {
            configuration.logger?.warning(
                "the conditions endpoint listed no sale conditions; the built-in table answers for every id")
        }
        return .recorded(conditions)
    }

    /// The largest `limit` the conditions endpoint accepts.
    static let conditionsPageLimit = 1000
}
