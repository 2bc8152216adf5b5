import AsyncHTTPClient
import Logging
import MarketData
import NIOCore
import NIOHTTPCompression
import PolygonWire

/// The live ``MarketDataSource``: 1-minute bars, trades and quotes from Polygon's REST API — or Massive
/// (the same API under its new name, the default), or TapeDeck's own simulator server.
///
/// - Auth: the key goes in an `Authorization: Bearer` header only; URLs, messages, logs, progress and
///   recordings never contain it (``APIKey`` prints `<redacted>`; `apiKey` is stripped from `next_url`).
/// - Pagination: pages are followed by `next_url`, keeping the client's own base URL and taking only the
///   path and query from it, as Polygon's Python client does; `limit` is 50000 by default.
/// - Bars: one aggregates request for exactly the window (nothing is fetched and thrown away; the
///   recorder asks for whole trading days, so a recording serves neighbouring windows).
/// - Trades and quotes: the window is cut by `ChunkGrid` (the one chunk plan, which the recorder uses
///   too) into 5, 10 or 15-minute chunks for symbols averaging more than 10M, more than 1M, or fewer
///   shares a day (from daily aggregates of the preceding
///   ``Configuration/volumeLookbackDays`` days, fetched once per symbol and cached), requested with
///   `timestamp.gte`/`timestamp.lt`, `order=asc`, `sort=timestamp`, at most
///   ``Configuration/maxConcurrentRequests`` at a time, joined, and put in tape order by
///   `TapeOrder.normalize` (SIP time, then sequence number; exact duplicates dropped, conflicting records
///   an error), because real pages are sorted by timestamp only.
/// - Every page is checked before use (`PageCheck`): records inside the requested window, finite prices
///   of at least 0, sizes and volumes from 0 to 2^53; a failing page is an error naming the request and
///   the record, and nothing of the fetch is returned.
/// - Conditions: ``conditionTable()`` reads Polygon's `/v3/reference/conditions` rules.
/// - Responses may be gzip-compressed (the client asks for it, like client-python); they are inflated up
///   to ``maximumGzipRatio`` times their size.
/// - Every request passes a token-bucket rate limit and is retried on 429, 5xx, timeouts, dropped
///   connections and truncated bodies with exponential backoff and deterministic jitter, honouring
///   `Retry-After`, within ``RetryPolicy``'s limits.
/// - Recorded (``RecordableSource``), every response used is appended, with its canonical request, to the
///   recorder's ``ResponseLog``.
/// - Cancelling the calling task cancels every request in flight.
public struct PolygonClient: RecordableSource, AdaptiveChunking, SplitAdjustableBars {
    /// Whether ``bars(_:in:progress:)`` asks for split-adjusted bars (``Configuration/adjusted``).
    public var barsAreSplitAdjusted: Bool { configuration.adjusted }

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
            requestsPerMinute: configuration.requestsPerMinute, burst: configuration.rateLimitBurst,
            clock: configuration.clock)
        executor = RequestExecutor(
            configuration: configuration, httpClient: httpClient,
            gate: RequestGate(limit: configuration.maxConcurrentRequests), bucket: bucket)
    }

    /// The most a gzip response body may inflate, as a multiple of its compressed size, before it is
    /// refused as a gzip bomb (``TapeDeckError/Code/responseTooLarge``).
    ///
    /// JSON pages compress about 5-30× (measured at gzip level 6: compact simulator pages about 9×, the
    /// real-shapes simulator's pretty-printed pages 15-23×), while deflate reaches 1032× on repeated
    /// bytes: 100 leaves real pages a threefold margin and stops a bomb after it has inflated at most 100
    /// bytes per byte received. AsyncHTTPClient checks the ratio against the compressed bytes received so
    /// far, whether the body has a `Content-Length` or is chunked. ``Configuration/maxBodyBytes`` still
    /// bounds every inflated body.
    public static let maximumGzipRatio = 100

    /// One HTTP client for the process. It never follows redirects — Polygon does not redirect, and a
    /// redirect to another host must not receive the `Authorization` header — and it inflates gzip
    /// bodies up to ``maximumGzipRatio`` times their size. It lives as long as the process.
    public static let defaultHTTPClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow, decompression: .enabled(limit: .ratio(maximumGzipRatio)))
    )

    /// A client configured from the environment (see ``Configuration/fromEnvironment(_:)``).
    public static func fromEnvironment() throws(TapeDeckError) -> PolygonClient {
        try PolygonClient(configuration: .fromEnvironment())
    }

    // MARK: - MarketDataSource

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await bars(symbol, in: window, progress: progress, responses: nil)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await trades(symbol, in: window, progress: progress, responses: nil)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await quotes(symbol, in: window, progress: progress, responses: nil)
    }

    public func conditionTable() async throws -> TradeConditionTable {
        try await conditionTable(responses: nil)
    }

    // MARK: - RecordableSource

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws
        -> [Bar]
    {
        try await bars(symbol, in: window, progress: progress, responses: log)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog)
        async throws -> [Trade]
    {
        try await trades(symbol, in: window, progress: progress, responses: log)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog)
        async throws -> [Quote]
    {
        try await quotes(symbol, in: window, progress: progress, responses: log)
    }

    public func conditionTable(log: ResponseLog) async throws -> TradeConditionTable {
        try await conditionTable(responses: log)
    }

    // MARK: - Fetches (`responses`: where the raw responses go, when recorded)

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, responses: ResponseLog?)
        async throws -> [Bar]
    {
        guard !window.isEmpty else { return [] }
        try Self.checkOpen(window)
        let from = window.start.milliseconds
        let to = window.end.advanced(by: -1).milliseconds
        let request = PolygonRequest(
            path: "/v2/aggs/ticker/\(symbol)/range/1/minute/\(from)/\(to)",
            query: [
                "adjusted": configuration.adjusted ? "true" : "false", "limit": String(configuration.pageLimit),
                "sort": "asc",
            ])
        let tracker = ProgressTracker(symbol: symbol, kind: .bars, chunksTotal: 1, handler: progress)
        let budget = RetryBudget(configuration.retry.retryBudget)
        var bars = try await pages(
            of: request, symbol: symbol, budget: budget, tracker: tracker, responses: responses,
            decode: { (bytes) throws(TapeDeckError) in try WireDecoder.aggsPage(bytes) },
            check: { (bars, url) throws(TapeDeckError) in try PageCheck.check(bars, url: url, window: window) })
        tracker.chunkDone()
        try normalize(&bars, symbol: symbol, kind: .bars)
        return bars
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, responses: ResponseLog?)
        async throws -> [Trade]
    {
        try await chunked(symbol, window, kind: .trades, progress: progress, responses: responses) {
            (bytes) throws(TapeDeckError) in try WireDecoder.tradesPage(bytes)
        }
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, responses: ResponseLog?)
        async throws -> [Quote]
    {
        try await chunked(symbol, window, kind: .quotes, progress: progress, responses: responses) {
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
            // Not logged: the lookup only picks chunk lengths; none of its bars is archive data.
            let bars = try await pages(
                of: request, symbol: symbol, budget: RetryBudget(configuration.retry.retryBudget), tracker: nil,
                responses: nil, decode: { (bytes) throws(TapeDeckError) in try WireDecoder.aggsPage(bytes, timeframe: .daily) },
                check: { (bars, url) throws(TapeDeckError) in try PageCheck.check(bars, url: url, window: nil) })
            guard !bars.isEmpty else { return 0 }
            return bars.reduce(0) { $0 + $1.volume } / Double(bars.count)
        }
    }

    /// The chunk length, in minutes, used for trades and quotes of `symbol` in windows starting on `date`.
    public func chunkMinutes(for symbol: Symbol, on date: LocalDate) async throws -> Int {
        ChunkGrid.minutes(forAverageDailyVolume: try await averageDailyVolume(of: symbol, before: date))
    }

    // MARK: - Internals

    /// Trades or quotes of a window: chunk plan, bounded concurrent chunk fetches, reassembly in tape order.
    private func chunked<Record: CheckedRecord>(
        _ symbol: Symbol, _ window: TimeWindow, kind: DataKind, progress: ProgressHandler?, responses: ResponseLog?,
        decode: @escaping @Sendable (ByteBufferView) throws(TapeDeckError) -> Page<Record>
    ) async throws -> [Record] {
        guard !window.isEmpty else { return [] }
        try Self.checkOpen(window)
        let minutes = try await chunkMinutes(for: symbol, on: NewYorkTime.date(of: window.start))
        let chunks = ChunkGrid.cells(of: window, minutes: minutes)
        let tracker = ProgressTracker(symbol: symbol, kind: kind, chunksTotal: chunks.count, handler: progress)
        let budget = RetryBudget(configuration.retry.retryBudget)
        let path = "/v3/\(kind)/\(symbol)"
        let limit = String(configuration.pageLimit)
        var parts = [[Record]](repeating: [], count: chunks.count)
        try await withThrowingTaskGroup(of: (Int, [Record]).self) { group in
            func start(_ index: Int) {
                let chunk = chunks[index]
                let request = PolygonRequest(
                    path: path,
                    query: [
                        "limit": limit, "order": "asc", "sort": "timestamp",
                        "timestamp.gte": String(chunk.start.nanoseconds), "timestamp.lt": String(chunk.end.nanoseconds),
                    ])
                group.addTask {
                    // Every record must lie in the chunk: a server that strays outside it has answered another
                    // window (see PageCheck). Pages are not in tape order yet (ties), so every record is checked.
                    let records = try await pages(
                        of: request, symbol: symbol, budget: budget, tracker: tracker, responses: responses, decode: decode,
                        check: { (records, url) throws(TapeDeckError) in try PageCheck.check(records, url: url, window: chunk) })
                    tracker.chunkDone()
                    return (index, records)
                }
            }
            var next = 0
            while next < min(configuration.maxConcurrentRequests, chunks.count) {
                start(next)
                next += 1
            }
            while let (index, records) = try await group.next() {
                parts[index] = records
                if next < chunks.count {
                    start(next)
                    next += 1
                }
            }
        }
        // Sequence numbers are unique per ticker and New York day only, so each day is put in order on its
        // own. Chunks are aligned to multiples of 5, 10 or 15 minutes and New York midnight is one, so no
        // chunk spans two days.
        var records: [Record] = []
        var index = 0
        while index < parts.count {
            let date = NewYorkTime.date(of: chunks[index].start)
            var day: [Record] = []
            while index < parts.count, NewYorkTime.date(of: chunks[index].start) == date {
                if day.isEmpty { day = parts[index] } else { day.append(contentsOf: parts[index]) }
                parts[index] = []
                index += 1
            }
            try normalize(&day, symbol: symbol, kind: kind)
            if records.isEmpty { records = day } else { records.append(contentsOf: day) }
        }
        return records
    }

    /// Puts `records` in tape order with `TapeOrder.normalize` (sorted by time then sequence, exact
    /// duplicates dropped, conflicts thrown) and logs any duplicates dropped at debug level.
    private func normalize<Record: TapeOrdered>(_ records: inout [Record], symbol: Symbol, kind: DataKind)
        throws(TapeDeckError)
    {
        let outcome = try TapeOrder.normalize(&records, symbol: symbol, kind: kind)
        if outcome.duplicatesDropped > 0 {
            configuration.logger?.debug(
                "dropped duplicate records",
                metadata: ["symbol": "\(symbol)", "kind": "\(kind)", "duplicates": "\(outcome.duplicatesDropped)"])
        }
    }

    /// Every page of `request`, following `next_url`; each page is decoded, checked and logged.
    /// `symbol` names the ticker of a 404 (`nil` for reference endpoints); `check` sees each page's
    /// records and the key-free URL that fetched them before anything of the page is used or logged.
    func pages<Record: Sendable>(
        of first: PolygonRequest, symbol: Symbol?, budget: RetryBudget, tracker: ProgressTracker?, responses: ResponseLog?,
        decode: @Sendable (ByteBufferView) throws(TapeDeckError) -> Page<Record>,
        check: @Sendable ([Record], _ url: String) throws(TapeDeckError) -> Void = { _, _ in }
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
            try check(page.results, reply.url)
            responses?.append(
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
