import AsyncHTTPClient
import MarketData
import NIOCore
import PolygonWire

/// The live ``MarketDataSource``: 1-minute bars, trades and quotes from Polygon's REST API — or Massive
/// (the same API under its new name, the default), or TapeDeck's own simulator server.
///
/// - Auth: the key goes in an `Authorization: Bearer` header only; URLs, messages, logs, progress and
///   recordings never contain it (``APIKey`` prints `<redacted>`; `apiKey` is stripped from `next_url`).
/// - Pagination: pages are followed by `next_url`, keeping the client's own base URL and taking only the
///   path and query from it, as Polygon's Python client does; `limit` is 50000 by default.
/// - Bars: one aggregates request covering the window widened by ``Configuration/barPaddingMinutes``
///   (500) on both sides, as the seed does, so the recorded response also serves neighbouring windows;
///   only bars starting inside the window are returned.
/// - Trades and quotes: the window is cut into 5, 10 or 15-minute chunks for symbols averaging more than
///   10M, more than 1M, or fewer shares a day (from daily aggregates of the preceding
///   ``Configuration/volumeLookbackDays`` days, fetched once per symbol and cached), requested with
///   `timestamp.gte`/`timestamp.lt`, `order=asc`, `sort=timestamp`, at most
///   ``Configuration/maxConcurrentRequests`` at a time, and joined in time order.
/// - Every request passes a token-bucket rate limit and is retried on 429, 5xx, timeouts, dropped
///   connections and truncated bodies with exponential backoff and deterministic jitter, honouring
///   `Retry-After`, within ``RetryPolicy``'s limits.
/// - Every response used is appended, with its canonical request, to ``ResponseLog/current`` when set.
/// - Cancelling the calling task cancels every request in flight.
public struct PolygonClient: MarketDataSource {
    /// The validated configuration (base URL without a trailing slash).
    public let configuration: Configuration
    let executor: RequestExecutor
    private let volumes = VolumeCache()

    /// A client; `httpClient` defaults to ``defaultHTTPClient``, which needs no shutdown.
    /// Throws for a blank key or an unusable configuration value.
    public init(configuration: Configuration, httpClient: HTTPClient = PolygonClient.defaultHTTPClient) throws(TapeDeckError) {
        let configuration = try configuration.validated()
        self.configuration = configuration
        let bucket = TokenBucket(
            requestsPerMinute: configuration.requestsPerMinute, burst: configuration.rateLimitBurst)
        executor = RequestExecutor(
            configuration: configuration, httpClient: httpClient,
            gate: RequestGate(limit: configuration.maxConcurrentRequests), bucket: bucket)
    }

    /// One HTTP client for the process that never follows redirects: Polygon does not redirect, and a
    /// redirect to another host must not receive the `Authorization` header. It lives as long as the process.
    public static let defaultHTTPClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow)
    )

    /// A client configured from the environment (see ``Configuration/fromEnvironment(_:)``).
    public static func fromEnvironment() throws(TapeDeckError) -> PolygonClient {
        try PolygonClient(configuration: .fromEnvironment())
    }

    // MARK: - MarketDataSource

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        guard !window.isEmpty else { return [] }
        try Self.checkOpen(window)
        let padding = Int64(configuration.barPaddingMinutes) * Timestamp.nanosecondsPerMinute
        let from = window.start.advanced(by: -padding).milliseconds
        let to = window.end.advanced(by: padding - 1).milliseconds
        let request = PolygonRequest(
            path: "/v2/aggs/ticker/\(symbol)/range/1/minute/\(from)/\(to)",
            query: [
                "adjusted": configuration.adjusted ? "true" : "false", "limit": String(configuration.pageLimit),
                "sort": "asc",
            ])
        let tracker = ProgressTracker(symbol: symbol, kind: .bars, chunksTotal: 1, handler: progress)
        let budget = RetryBudget(configuration.retry.retryBudget)
        let bars = try await pages(of: request, symbol: symbol, budget: budget, tracker: tracker) {
            (bytes) throws(TapeDeckError) in try WireDecoder.aggsPage(bytes)
        }
        tracker.chunkDone()
        return bars.filter { window.contains($0.start) }
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await chunked(symbol, window, kind: .trades, progress: progress, time: \.sipTimestamp) {
            (bytes) throws(TapeDeckError) in try WireDecoder.tradesPage(bytes)
        }
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await chunked(symbol, window, kind: .quotes, progress: progress, time: \.sipTimestamp) {
            (bytes) throws(TapeDeckError) in try WireDecoder.quotesPage(bytes)
        }
    }

    // MARK: - Volume and chunking

    /// The mean daily volume of `symbol` over the ``Configuration/volumeLookbackDays`` calendar days
    /// before `date` (0 when there were no sessions), fetched once per symbol and then cached.
    public func averageDailyVolume(of symbol: Symbol, before date: LocalDate) async throws -> Double {
        try await volumes.volume(of: symbol) { [self] in
            let request = PolygonRequest(
                path: "/v2/aggs/ticker/\(symbol)/range/1/day/\(date.adding(days: -configuration.volumeLookbackDays))/\(date.adding(days: -1))",
                query: ["adjusted": "true", "limit": String(configuration.pageLimit), "sort": "asc"])
            let bars = try await pages(
                of: request, symbol: symbol, budget: RetryBudget(configuration.retry.retryBudget), tracker: nil
            ) { (bytes) throws(TapeDeckError) in try WireDecoder.aggsPage(bytes, timeframe: .daily) }
            guard !bars.isEmpty else { return 0 }
            return bars.reduce(0) { $0 + $1.volume } / Double(bars.count)
        }
    }

    /// The chunk length, in minutes, used for trades and quotes of `symbol` in windows starting on `date`.
    public func chunkMinutes(for symbol: Symbol, on date: LocalDate) async throws -> Int {
        ChunkPlan.minutes(forAverageDailyVolume: try await averageDailyVolume(of: symbol, before: date))
    }

    // MARK: - Internals

    /// Trades or quotes of a window: chunk plan, bounded concurrent chunk fetches, ordered reassembly.
    private func chunked<Record: Sendable>(
        _ symbol: Symbol, _ window: TimeWindow, kind: DataKind, progress: ProgressHandler?,
        time: @escaping @Sendable (Record) -> Timestamp,
        decode: @escaping @Sendable (ByteBufferView) throws(TapeDeckError) -> Page<Record>
    ) async throws -> [Record] {
        guard !window.isEmpty else { return [] }
        try Self.checkOpen(window)
        let minutes = try await chunkMinutes(for: symbol, on: NewYorkTime.date(of: window.start))
        let plan = ChunkPlan(window: window, minutes: minutes)
        let tracker = ProgressTracker(symbol: symbol, kind: kind, chunksTotal: plan.chunks.count, handler: progress)
        let budget = RetryBudget(configuration.retry.retryBudget)
        let path = "/v3/\(kind)/\(symbol)"
        let limit = String(configuration.pageLimit)
        var parts = [[Record]](repeating: [], count: plan.chunks.count)
        try await withThrowingTaskGroup(of: (Int, [Record]).self) { group in
            func start(_ index: Int) {
                let chunk = plan.chunks[index]
                let request = PolygonRequest(
                    path: path,
                    query: [
                        "limit": limit, "order": "asc", "sort": "timestamp",
                        "timestamp.gte": String(chunk.start.nanoseconds), "timestamp.lt": String(chunk.end.nanoseconds),
                    ])
                group.addTask {
                    var records = try await pages(of: request, symbol: symbol, budget: budget, tracker: tracker, decode: decode)
                    // A server that strays outside the chunk must not create duplicates at the borders.
                    if let first = records.first, let last = records.last,
                        !(chunk.contains(time(first)) && chunk.contains(time(last)))
                    {
                        records.removeAll { !chunk.contains(time($0)) }
                    }
                    tracker.chunkDone()
                    return (index, records)
                }
            }
            var next = 0
            while next < min(configuration.maxConcurrentRequests, plan.chunks.count) {
                start(next)
                next += 1
            }
            while let (index, records) = try await group.next() {
                parts[index] = records
                if next < plan.chunks.count {
                    start(next)
                    next += 1
                }
            }
        }
        var records: [Record] = []
        records.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for index in parts.indices {
            records.append(contentsOf: parts[index])
            parts[index] = []
        }
        return records
    }

    /// Every page of `request`, following `next_url`; each page is decoded, checked and logged.
    private func pages<Record: Sendable>(
        of first: PolygonRequest, symbol: Symbol, budget: RetryBudget, tracker: ProgressTracker?,
        decode: @Sendable (ByteBufferView) throws(TapeDeckError) -> Page<Record>
    ) async throws -> [Record] {
        var request = first
        var records: [Record] = []
        var seen: Set<PolygonRequest> = []
        while true {
            seen.insert(request)
            let reply = try await executor.get(request, symbol: symbol, budget: budget)
            let page: Page<Record>
            do {
                page = try decode(reply.body.readableBytesView)
            } catch {
                throw TapeDeckError.malformedResponse(reply.url, error)
            }
            if page.status == "ERROR" || page.status == "NOT_AUTHORIZED" {
                throw TapeDeckError.serverError(
                    request.canonical, (page.error ?? page.message).map(configuration.apiKey.redact))
            }
            ResponseLog.current?.append(
                RawResponse(request: request.canonical, status: 200, body: Array(reply.body.readableBytesView)))
            tracker?.page(records: page.results.count, bytes: reply.body.readableBytes)
            if records.isEmpty {
                records = page.results
            } else {
                records.append(contentsOf: page.results)
            }
            guard let nextURL = page.nextURL else { return records }
            let next = PolygonRequest(nextURL: nextURL)
            guard !seen.contains(next) else {
                throw TapeDeckError.serverError(request.canonical, "next_url repeats an earlier page")
            }
            request = next
        }
    }

    /// Throws when every day `window` touches is a closed day (like ``SimulatorSource``), before any
    /// request is spent on it; Polygon itself would answer with empty results.
    static func checkOpen(_ window: TimeWindow) throws(TapeDeckError) {
        let last = NewYorkTime.date(of: window.end.advanced(by: -1))
        var date = NewYorkTime.date(of: window.start)
        var firstClosed: (LocalDate, String)?
        while date <= last {
            guard let reason = try SessionCalendar.nyse.closure(on: date) else { return }
            if firstClosed == nil { firstClosed = (date, reason) }
            date = date.adding(days: 1)
        }
        if let (date, reason) = firstClosed { throw TapeDeckError.marketClosed(date, reason: reason) }
    }
}
