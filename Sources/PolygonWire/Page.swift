import MarketData

/// One decoded response page: its records and every metadata field Polygon sends alongside them.
///
/// Fields a response did not contain are `nil`; `results` is empty when the key was absent or `null`.
public struct Page<Record: Sendable>: Sendable {
    public var results: [Record]
    /// `OK` (also `DELAYED` on delayed plans), or `ERROR` / `NOT_AUTHORIZED` on an error body.
    public var status: String?
    public var requestID: String?
    /// The absolute URL of the next page; absent on the last page.
    public var nextURL: String?
    /// Aggregates only: number of bars.
    public var resultsCount: Int?
    /// Aggregates (and some error bodies): number of results.
    public var count: Int?
    /// Aggregates only: number of base aggregates queried.
    public var queryCount: Int?
    /// Aggregates only.
    public var ticker: String?
    /// Aggregates only: whether prices are split-adjusted.
    public var adjusted: Bool?
    /// The text of an `ERROR` body.
    public var error: String?
    /// The text of a `NOT_AUTHORIZED` body.
    public var message: String?

    public init(
        results: [Record] = [], status: String? = nil, requestID: String? = nil, nextURL: String? = nil,
        resultsCount: Int? = nil, count: Int? = nil, queryCount: Int? = nil, ticker: String? = nil,
        adjusted: Bool? = nil, error: String? = nil, message: String? = nil
    ) {
        self.results = results
        self.status = status
        self.requestID = requestID
        self.nextURL = nextURL
        self.resultsCount = resultsCount
        self.count = count
        self.queryCount = queryCount
        self.ticker = ticker
        self.adjusted = adjusted
        self.error = error
        self.message = message
    }

    /// The `cursor` of ``nextURL``, or `nil` on the last page.
    public func nextCursor() throws(TapeDeckError) -> PageCursor? {
        guard let nextURL else { return nil }
        return try PageCursor(nextURL: nextURL)
    }
}

extension Page: Equatable where Record: Equatable {}
extension Page: Hashable where Record: Hashable {}
