import MarketData

/// How the simulator server listens, authenticates, limits and misbehaves.
public struct ServerConfiguration: Sendable {
    /// Interface to bind; loopback by default.
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one (reported once listening).
    public var port = 0
    /// The one API key accepted; `nil` accepts any non-empty key. A missing key is always a 401.
    public var apiKey: String?
    /// Requests per minute per key before Polygon's 429; `nil` for no limit.
    public var requestsPerMinute: Int?
    /// Requests a key may send at once before the limit bites; `nil` for a minute's worth.
    public var rateLimitBurst: Int?
    /// The time the rate limit refills by: the machine's monotonic clock, or a test's.
    public var rateLimitClock = PacingClock.continuous
    /// Deterministic faults to inject.
    public var faults = FaultPlan()
    /// Scheme and host used in `next_url`; by default the request's Host header (``ResponseShape/plain``)
    /// or `https://api.massive.com` (``ResponseShape/real``).
    public var publicBaseURL: String?
    /// Canonical bytes (the default) or the real API's variations; see ``ResponseShape``.
    public var shapes = ResponseShape.plain
    /// The sale conditions `GET /v3/reference/conditions` serves.
    public var conditionTable = TradeConditionTable.builtIn
    /// Splits by symbol, for `adjusted=true` aggregates (the simulator's own, for `sim serve`).
    public var splits: [Symbol: [StockSplit]] = [:]
    /// "The day of the request": aggregates are adjusted for the splits executed on or before it.
    /// Fixed (not the wall clock) so answers never depend on when they are asked; default: every split.
    public var asOf = LocalDate(year: 2099, month: 12, day: 31)!
    /// Bodies recorded for exact requests, served as recorded (next_url rebased); other requests are
    /// answered from the source.
    public var recorded: (any RecordedResponses)?
    /// The WebSocket feed at `/stocks`: where and how fast it replays the source.
    public var feed = FeedConfiguration()

    public init() {}
}
