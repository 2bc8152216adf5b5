import MarketData
import PolygonWire

extension TapeDeckError.Code {
    /// No API key in the configuration or the environment.
    public static let missingAPIKey = Self(rawValue: "missingAPIKey")
    /// The server rejected the key (HTTP 401).
    public static let unauthorized = Self(rawValue: "unauthorized")
    /// The key is valid but the plan does not cover the data (HTTP 403).
    public static let notEntitled = Self(rawValue: "notEntitled")
    /// The server does not know the ticker (HTTP 404).
    public static let unknownSymbol = Self(rawValue: "unknownSymbol")
    /// A page holding a record outside the window its request asked for.
    public static let recordOutsideWindow = Self(rawValue: "recordOutsideWindow")
    /// A page holding a record with an impossible value: a negative or non-finite price, a size or
    /// volume below 0 or above 2^53.
    public static let invalidRecord = Self(rawValue: "invalidRecord")
    /// A 404 from a base URL with a path prefix: nothing is served under that path.
    public static let endpointNotFound = Self(rawValue: "endpointNotFound")
    /// The server refused the request's parameters (HTTP 400) or answered another unexpected status.
    public static let requestRejected = Self(rawValue: "requestRejected")
    /// A 200 response whose body says `"status": "ERROR"`.
    public static let serverError = Self(rawValue: "serverError")
    /// Retryable failures (429, 5xx, timeouts, dropped connections, truncated bodies) went on past the
    /// retry limits.
    public static let retriesExhausted = Self(rawValue: "retriesExhausted")
    /// A configuration value the client cannot use (base URL, limits, an HTTP client that does not
    /// inflate gzip).
    public static let invalidConfiguration = Self(rawValue: "invalidConfiguration")
    /// A response body larger than the client accepts: over ``PolygonClient/Configuration/maxBodyBytes``,
    /// or a gzip body inflating past ``PolygonClient/maximumGzipRatio`` times its size (a gzip bomb).
    public static let responseTooLarge = Self(rawValue: "responseTooLarge")
    /// A `Content-Encoding: gzip` body that does not inflate.
    public static let undecodableBody = Self(rawValue: "undecodableBody")
    /// The stocks feed answered `auth_failed`.
    public static let feedUnauthorized = Self(rawValue: "feedUnauthorized")
    /// The stocks feed could not be connected to and subscribed, attempt after attempt.
    public static let feedUnreachable = Self(rawValue: "feedUnreachable")
}

extension TapeDeckError {
    static func feedUnauthorized(_ url: String, _ message: String) -> Self {
        Self(
            .feedUnauthorized,
            "the feed at \(url) refused the API key (auth_failed: \(message)); check POLYGON_API_KEY and that your plan includes the stocks feed")
    }

    static func feedUnreachable(_ url: String, attempts: Int, _ reason: String) -> Self {
        Self(
            .feedUnreachable,
            "no subscription to the feed at \(url) after \(attempts) attempts in a row (last: \(reason)); check the URL (wss://socket.massive.com/stocks, or ws://HOST:PORT/stocks for `tapedeck serve`) and the network"
        )
    }

    static let missingAPIKey = Self(
        .missingAPIKey,
        "no Polygon API key: set POLYGON_API_KEY (or MASSIVE_API_KEY) to the key from your Polygon/Massive dashboard"
    )

    static func unauthorized(_ request: String, _ detail: String?) -> Self {
        Self(
            .unauthorized,
            "the server rejected the API key (HTTP 401 for GET \(request)\(suffix(detail))); check POLYGON_API_KEY"
        )
    }

    static func notEntitled(_ request: String, _ detail: String?) -> Self {
        Self(
            .notEntitled,
            "your plan does not cover this data (HTTP 403 for GET \(request)\(suffix(detail))); upgrade the plan or ask for data it includes"
        )
    }

    static func unknownSymbol(_ symbol: Symbol, _ request: String) -> Self {
        Self(.unknownSymbol, "unknown symbol \(symbol) (HTTP 404 for GET \(request)); check the ticker's spelling and share class")
    }

    static func recordOutsideWindow(_ url: String, index: Int, window: TimeWindow, _ record: String) -> Self {
        Self(
            .recordOutsideWindow,
            "results[\(index)] of the response to GET \(url) lies outside the requested window \(window): \(record); the server answered for another window, so nothing of this request was stored or marked covered — check the base URL, or report it to the data provider"
        )
    }

    static func invalidRecord(_ url: String, index: Int, _ problem: String) -> Self {
        Self(
            .invalidRecord,
            "results[\(index)] of the response to GET \(url) is invalid: \(problem); nothing of this request was stored — report it to the data provider"
        )
    }

    static func notFoundUnderBasePath(_ url: String, baseURL: String, basePath: String) -> Self {
        let root = String(baseURL.dropLast(basePath.count))
        return Self(
            .endpointNotFound,
            "nothing answers GET \(url) (HTTP 404): the base URL \(baseURL) has the path \(basePath), but Polygon, Massive and `tapedeck sim serve` answer at the root of their host; use the base URL \(root)"
        )
    }

    static func requestRejected(_ status: Int, _ request: String, _ detail: String?) -> Self {
        Self(.requestRejected, "the server refused GET \(request) with HTTP \(status)\(suffix(detail)); this is a bug in the request or an API change")
    }

    static func serverError(_ request: String, _ detail: String?) -> Self {
        Self(.serverError, "the server answered GET \(request) with status ERROR\(suffix(detail)); try again later")
    }

    static func retriesExhausted(_ request: String, attempts: Int, last: String, budgetSpent: Bool) -> Self {
        let why = budgetSpent ? "the fetch's retry budget is spent" : "gave up after \(attempts) attempts"
        return Self(
            .retriesExhausted,
            "GET \(request) failed: \(why) (last: \(last)); the server may be down or rate limiting, try again later or lower the request rate"
        )
    }

    static func malformedResponse(_ url: String, _ error: TapeDeckError) -> Self {
        Self(.malformedJSON, "\(error.message) in the response to GET \(url); the server sent something other than Polygon's JSON")
    }

    static func gzipBomb(_ request: String, ratio: Int) -> Self {
        Self(
            .responseTooLarge,
            "the gzip body of the response to GET \(request) inflates to more than \(ratio)× its size, which no JSON page does (a gzip bomb?); the response was discarded — check the base URL and any proxy in between"
        )
    }

    static func responseTooLarge(_ request: String, limit: Int) -> Self {
        Self(
            .responseTooLarge,
            "the response to GET \(request) is larger than maxBodyBytes (\(limit) bytes); lower pageLimit or raise maxBodyBytes"
        )
    }

    static func undecodableBody(_ request: String, _ detail: String) -> Self {
        Self(
            .undecodableBody,
            "the gzip body of the response to GET \(request) does not inflate (\(detail)); the server or a proxy damaged it, try again later"
        )
    }

    static func gzipNotInflated(_ request: String) -> Self {
        Self(
            .invalidConfiguration,
            "the response to GET \(request) arrived gzip-compressed and the HTTPClient given to PolygonClient does not inflate it; create it with decompression: .enabled(limit: .ratio(PolygonClient.maximumGzipRatio)), or use PolygonClient.defaultHTTPClient"
        )
    }

    static func invalidConfiguration(_ message: String) -> Self {
        Self(.invalidConfiguration, message)
    }

    private static func suffix(_ detail: String?) -> String {
        guard let detail, !detail.isEmpty else { return "" }
        return ": \(detail.prefix(200))"
    }
}
