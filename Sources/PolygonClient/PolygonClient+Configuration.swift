import Foundation
import Logging
import MarketData

extension PolygonClient {
    /// Everything the client needs to know: where, who, how fast, how patient.
    public struct Configuration: Sendable {
        /// Massive's base URL, the default: the rebranded Polygon REST API.
        public static let massiveBaseURL = "https://api.massive.com"
        /// Polygon's historical base URL, the same API.
        public static let polygonBaseURL = "https://api.polygon.io"

        /// Scheme, host and port (optionally a path prefix) every request goes to, `next_url` pages too.
        public var baseURL: String
        /// Sent as `Authorization: Bearer`; never logged, never in a URL, message or recording.
        public var apiKey: APIKey
        /// The client's rate limit in requests per minute; `nil` for none (paid plans). Polygon's free
        /// tier allows 5.
        public var requestsPerMinute: Int?
        /// Requests that may be sent at once under the rate limit; `nil` for `requestsPerMinute`.
        public var rateLimitBurst: Int?
        /// Requests in flight at once, over all the client's fetches.
        public var maxConcurrentRequests: Int
        /// `limit` of every trades, quotes and aggregates request (Polygon's maximum is 50000).
        public var pageLimit: Int
        /// Whether bars are split-adjusted (Polygon's `adjusted`). Off by default: trades and quotes are
        /// always as traded, so as-traded bars put a recording on one price scale whatever day it is made.
        public var adjusted: Bool
        /// Calendar days of daily aggregates before a window's first day that the average daily volume
        /// (which picks the chunk length) is computed from.
        public var volumeLookbackDays: Int
        /// Retry limits and waits.
        public var retry: RetryPolicy
        /// The deadline of one request, body included.
        public var requestTimeout: Duration
        /// The largest response body accepted.
        public var maxBodyBytes: Int
        /// Where requests, retries and failures are logged (never with the key); `nil` for silence.
        public var logger: Logger?
        /// The time the rate limit refills by and retry waits sleep on: the machine's monotonic clock, or a
        /// test's ``PacingClock/manual(_:)`` clock.
        public var clock: PacingClock = .continuous

        public init(
            baseURL: String = Configuration.massiveBaseURL, apiKey: APIKey, requestsPerMinute: Int? = nil,
            rateLimitBurst: Int? = nil, maxConcurrentRequests: Int = 5, pageLimit: Int = 50_000, adjusted: Bool = false,
            volumeLookbackDays: Int = 10, retry: RetryPolicy = RetryPolicy(),
            requestTimeout: Duration = .seconds(60), maxBodyBytes: Int = 512 << 20, logger: Logger? = nil
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.requestsPerMinute = requestsPerMinute
            self.rateLimitBurst = rateLimitBurst
            self.maxConcurrentRequests = maxConcurrentRequests
            self.pageLimit = pageLimit
            self.adjusted = adjusted
            self.volumeLookbackDays = volumeLookbackDays
            self.retry = retry
            self.requestTimeout = requestTimeout
            self.maxBodyBytes = maxBodyBytes
            self.logger = logger
        }

        /// The configuration from the environment: the key from `POLYGON_API_KEY` or else
        /// `MASSIVE_API_KEY`, the base URL from `POLYGON_BASE_URL` (default ``massiveBaseURL``).
        /// A missing or blank key is ``TapeDeckError/Code/missingAPIKey``.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws(TapeDeckError) -> Configuration {
            let key = [environment["POLYGON_API_KEY"], environment["MASSIVE_API_KEY"]]
                .compactMap { $0 }.map(APIKey.init).first { !$0.isBlank }
            guard let key else { throw .missingAPIKey }
            var configuration = Configuration(apiKey: key)
            if let base = environment["POLYGON_BASE_URL"], !base.isEmpty { configuration.baseURL = base }
            return configuration
        }

        /// The path of ``baseURL`` after its host and port (`/prefix` of `http://127.0.0.1:8080/prefix`),
        /// empty for a bare host: Polygon, Massive and the simulator serve at the root, so a 404 under a
        /// path prefix most likely means the prefix is wrong, not the ticker.
        var basePath: String {
            guard let schemeEnd = baseURL.range(of: "://") else { return "" }
            let rest = baseURL[schemeEnd.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
        }

        /// Checks the values, naming the first bad one.
        func validated() throws(TapeDeckError) -> Configuration {
            guard !apiKey.isBlank else { throw .missingAPIKey }
            var copy = self
            while copy.baseURL.hasSuffix("/") { copy.baseURL.removeLast() }
            guard copy.baseURL.hasPrefix("http://") || copy.baseURL.hasPrefix("https://"), copy.baseURL.count > 8 else {
                throw .invalidConfiguration(
                    "base URL \"\(baseURL)\" is not an http(s) URL; use e.g. \(Configuration.massiveBaseURL) or http://127.0.0.1:8080")
            }
            guard copy.maxConcurrentRequests >= 1 else {
                throw .invalidConfiguration("maxConcurrentRequests is \(maxConcurrentRequests); use 1 or more")
            }
            guard (1...50_000).contains(copy.pageLimit) else {
                throw .invalidConfiguration("page limit \(pageLimit) is outside 1...50000, Polygon's range")
            }
            if let rate = copy.requestsPerMinute, rate < 1 {
                throw .invalidConfiguration("requestsPerMinute is \(rate); use 1 or more, or nil for no limit")
            }
            guard copy.volumeLookbackDays >= 1 else {
                throw .invalidConfiguration("volumeLookbackDays must be ≥ 1")
            }
            return copy
        }
    }
}
