import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import MarketData
import NIOCore
import PolygonWire
import Synchronization
import UnixSignals

/// Serves Polygon's aggregates, trades and quotes endpoints from any ``MarketDataSource`` — the
/// simulator, or an archive — and `/v3/reference/conditions` from a ``TradeConditionTable``, in Polygon's
/// exact wire format, so that TapeDeck's client and any Polygon client run and are tested without an API key.
///
/// Paths, parameters, limits, `next_url` pagination, JSON field names and error bodies follow Polygon
/// (see `shared/reference/polygon-api.md` and the server's README section). Auth is the `apiKey` query
/// parameter or an `Authorization: Bearer` header. Optional: a per-key rate limit answering 429,
/// deterministic fault injection (``FaultPlan``), and the real API's response shapes (``ResponseShape``:
/// gzip, chunked bodies, pretty JSON, unknown fields, ties out of sequence order). The key is never logged.
///
/// Hostile requests cannot stop it or make it work without bound: every request is validated before any
/// work (times a nanosecond timestamp cannot hold are a 400), every failure is Polygon's JSON error body
/// (``PolygonFallbackMiddleware`` for other methods and unrouted paths, ``MalformedRequestHandler`` for
/// requests the HTTP parser refuses), one aggregates page reads at most a month of the source
/// (``AggregatesQuery/maximumDaysPerPage``), and the request log and rate-limit buckets are bounded.
public struct SimulatorServer: Sendable {
    public let source: any MarketDataSource
    public let configuration: ServerConfiguration
    /// Counters tests use to check clients (requests, concurrency, retries).
    public let statistics: ServerStatistics
    private let limiter: RateLimiter?

    public init(source: any MarketDataSource, configuration: ServerConfiguration = ServerConfiguration()) {
        self.source = source
        self.configuration = configuration
        self.statistics = ServerStatistics()
        self.limiter = configuration.requestsPerMinute.map {
            RateLimiter(requestsPerMinute: $0, burst: configuration.rateLimitBurst, clock: configuration.rateLimitClock)
        }
    }

    /// Runs until the task is cancelled or, with `handleSignals`, until SIGINT or SIGTERM; calls
    /// `onListening` with the bound port once the server accepts connections.
    ///
    /// A server that cannot listen (the port is in use, the host is not this machine's) throws a
    /// ``TapeDeckError`` with code ``TapeDeckError/Code/cannotListen`` naming the address and what to do.
    public func run(handleSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        var logger = Logger(label: "tapedeck.sim")
        logger.logLevel = .warning
        let listening = Mutex(false)
        let app = Application(
            router: makeRouter(),
            server: upgradeServer(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "TapeDeck"),
            onServerRunning: { channel in
                listening.withLock { $0 = true }
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        do {
            if handleSignals {
                try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            } else {
                try await app.runService(gracefulShutdownSignals: [])
            }
        } catch let error where !listening.withLock({ $0 }) && !(error is CancellationError) {
            throw TapeDeckError.cannotListen(host: configuration.host, port: configuration.port, error)
        }
    }

    /// HTTP/1 with the feed's WebSocket upgrade (frames up to 1 MiB), answering malformed requests with
    /// Polygon's body before and after a connection's first request (``UpgradeChannel``).
    private func upgradeServer() -> HTTPServerBuilder {
        let feed = makeFeedRouter().buildResponder()
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(additionalChannelHandlers: [self.malformedRequestHandler()]), ws: .init(maxFrameSize: 1 << 20))
        return HTTPServerBuilder { responder in
            UpgradeChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: feed, configuration: configuration),
                malformedBody: Self.malformedRequestBody)
        }
    }

    /// The handler that answers requests the HTTP parser rejects with Polygon's error body.
    private func malformedRequestHandler() -> MalformedRequestHandler {
        MalformedRequestHandler(body: Self.malformedRequestBody)
    }

    /// Polygon's error body for a request the HTTP parser refused (`detail` says why).
    private static func malformedRequestBody(_ detail: String) -> [UInt8] {
        let error = PolygonError.malformedRequest(detail)
        return WireEncoder.errorBody(.error(error.text, requestID: StableHash.requestID("malformed request: " + detail)))
    }

    /// The stocks WebSocket feed at `/stocks` (``FeedSession``): the source replayed on the feed's clock.
    func makeFeedRouter() -> Router<FeedRequestContext> {
        let router = Router(context: FeedRequestContext.self)
        let replay = FeedReplay(source: source, table: configuration.conditionTable, calendar: .nyse)
        let configuration = self.configuration
        router.ws("/stocks") { inbound, outbound, context in
            let channel = context.requestContext.channel
            let session = FeedSession(configuration: configuration, replay: replay) { channel.close(promise: nil) }
            try await session.serve(inbound, outbound)
        }
        return router
    }

    func makeRouter() -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: PolygonFallbackMiddleware { error, request in await fallback(error, request: request) })
        router.get("/v2/aggs/ticker/:ticker/range/:multiplier/:timespan/:from/:to") { request, context in
            try await respond(kind: "aggs", request: request, context: context) { query, base in
                try await aggregates(query: query, base: base, parameters: context.parameters)
            }
        }
        router.get("/v3/trades/:ticker") { request, context in
            try await respond(kind: "trades", request: request, context: context) { query, base in
                try await tapePage(
                    endpoint: "trades", query: query, base: base, ticker: context.parameters.get("ticker") ?? "",
                    fetch: { try await $0.trades($1, in: $2) },
                    position: { PagePosition(time: $0.sipTimestamp.nanoseconds, sequence: $0.sequenceNumber) },
                    encode: { WireEncoder.tradesPage(shaped($0), requestID: $1, nextURL: $2) })
            }
        }
        router.get("/v3/quotes/:ticker") { request, context in
            try await respond(kind: "quotes", request: request, context: context) { query, base in
                try await tapePage(
                    endpoint: "quotes", query: query, base: base, ticker: context.parameters.get("ticker") ?? "",
                    fetch: { try await $0.quotes($1, in: $2) },
                    position: { PagePosition(time: $0.sipTimestamp.nanoseconds, sequence: $0.sequenceNumber) },
                    encode: { WireEncoder.quotesPage(shaped($0), requestID: $1, nextURL: $2) })
            }
        }
        router.get("/v3/reference/conditions") { request, context in
            try await respond(kind: "conditions", request: request, context: context) { query, base in
                try conditions(query: query, base: base)
            }
        }
        router.get("**") { request, context in
            try await respond(kind: "other", request: request, context: context) { _, _ in throw PolygonError.notFound }
        }
        return router
    }

    /// The shared path of every request: statistics, auth, rate limit, faults, then the endpoint.
    private func respond(
        kind: String, request: Request, context: ServerRequestContext,
        body: @Sendable ([String: Substring], String) async throws -> [UInt8]
    ) async throws -> Response {
        var query: [String: Substring] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = value }
        let canonical = canonicalRequest(path: request.uri.path, query: query)
        let requestID = StableHash.requestID(canonical)
        let attempt = await statistics.begin(kind: kind, canonical: canonical, countSightings: configuration.faults.isActive)
        var status = 200
        defer { Task { [statistics, status] in await statistics.end(status: status) } }
        do {
            let key = query["apiKey"].map(String.init) ?? bearerToken(request.headers[.authorization])
            guard let key, !key.isEmpty else { throw PolygonError.missingKey }
            if let expected = configuration.apiKey, key != expected { throw PolygonError.unknownKey }
            if let limiter, let wait = await limiter.acquire(key: key) { throw PolygonError.rateLimited(retryAfter: wait) }
            let faults = configuration.faults.faults(request: canonical, attempt: attempt)
            if faults.delay { try await Task.sleep(for: .milliseconds(configuration.faults.delayMilliseconds)) }
            switch faults.failure {
            case .serverError: throw PolygonError.injectedServerError
            case .drop:
                status = 0
                context.channel.close(promise: nil)
                throw DroppedConnection()
            default: break
            }
            query["apiKey"] = nil
            let base = baseURL(request)
            var bytes: [UInt8]
            if let recorded = try await configuration.recorded?.body(for: canonical) {
                bytes = NextURL.rebased(recorded, base: base)
            } else {
                bytes = try await body(query, base)
            }
            if configuration.shapes == .real {
                do {
                    bytes = try RealShape.reshape(bytes)
                } catch {
                    throw PolygonError.internalError(error.description)
                }
            }
            let wire = WireBody(bytes: bytes, request: request, canonical: canonical, shapes: configuration.shapes)
            if faults.failure == .truncate {
                status = -200
                return truncated(wire)
            }
            return json(wire, status: .ok)
        } catch let error as PolygonError {
            status = Int(error.status.code)
            return errorResponse(error, requestID: requestID, request: request, canonical: canonical)
        } catch let error as TapeDeckError where error.code == .notRecorded {
            // A recording that lacks the window: Polygon's 404 shape, with the command that records it.
            status = 404
            return errorResponse(.notRecorded(error.message), requestID: requestID, request: request, canonical: canonical)
        } catch let error as TapeDeckError {
            status = 400
            return errorResponse(.badRequest(error.message), requestID: requestID, request: request, canonical: canonical)
        }
    }

    /// Polygon's error body for a request no endpoint answered (see ``PolygonFallbackMiddleware``),
    /// counted under `other`.
    private func fallback(_ error: PolygonError, request: Request) async -> Response {
        var query: [String: Substring] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = value }
        let canonical = request.method.rawValue + " " + canonicalRequest(path: request.uri.path, query: query)
        _ = await statistics.begin(kind: "other", canonical: canonical, countSightings: false)
        await statistics.end(status: Int(error.status.code))
        return errorResponse(error, requestID: StableHash.requestID(canonical), request: request, canonical: canonical)
    }

    /// The records of a trades or quotes page as the configured shape orders them (see
    /// ``RealShape/shuffleTies(_:time:)``).
    private func shaped<Record: TapeOrdered>(_ records: [Record]) -> [Record] {
        guard configuration.shapes == .real else { return records }
        var shuffled = records
        RealShape.shuffleTies(&shuffled) { $0.tapeTime.nanoseconds }
        return shuffled
    }

    /// A `/v3/reference/conditions` page of the configured table.
    private func conditions(query: [String: Substring], base: String) throws(PolygonError) -> [UInt8] {
        let parsed = try ConditionsQuery(query: query)
        let selected = parsed.selected(from: configuration.conditionTable)
        let start = min(parsed.offset, selected.count)
        let end = min(selected.count, start + parsed.limit)
        let path = "/v3/reference/conditions"
        let nextURL = end < selected.count ? parsed.cursor(offset: end).nextURL(base: base, path: path) : nil
        let requestID = StableHash.requestID(canonicalRequest(path: path, query: query))
        return WireEncoder.conditionsPage(selected[start..<end], requestID: requestID, nextURL: nextURL)
    }

    private func aggregates(query: [String: Substring], base: String, parameters: Parameters) async throws -> [UInt8] {
        let ticker = try symbol(parameters.get("ticker") ?? "")
        let parsed = try AggregatesQuery(
            ticker: ticker, multiplier: Substring(parameters.get("multiplier") ?? ""),
            timespan: Substring(parameters.get("timespan") ?? ""), from: Substring(parameters.get("from") ?? ""),
            to: Substring(parameters.get("to") ?? ""), query: query)
        let requestID = StableHash.requestID(canonicalRequest(path: "aggs/\(parsed.ticker)/\(parsed.window)", query: query))
        // Nothing outside the calendar has data; Polygon answers such ranges with no results.
        guard let served = parsed.window.intersection(TimeBound.calendarRange) else {
            return WireEncoder.aggsPage([], ticker: ticker.rawValue, adjusted: parsed.adjusted, requestID: requestID, nextURL: nil)
        }
        // The work of one page is bounded: at most a month of the source, the rest by next_url.
        let read = parsed.pageWindow(within: served)
        let minutes = try await Self.emptyWhenClosed { try await source.bars(ticker, in: read) }
        // Polygon adjusts for every split up to the day of the request, then aggregates.
        let splits = configuration.splits[ticker] ?? []
        let adjustedMinutes =
            parsed.adjusted && !splits.isEmpty
            ? minutes.map { StockSplit.adjusted($0, for: splits, asOf: configuration.asOf) } : minutes
        var bars = BarAggregator.aggregate(adjustedMinutes, to: parsed.timeframe)
        bars.removeAll { !read.contains($0.start) }
        if !parsed.ascending { bars.reverse() }
        var nextURL: String?
        if bars.count > parsed.limit {
            let (path, cursor) = parsed.nextPath(continuingAt: bars[parsed.limit].start)
            nextURL = cursor.nextURL(base: base, path: path)
            bars.removeSubrange(parsed.limit...)
        } else if read != served {
            // Ascending, the next page starts where this one stopped; descending, it ends a millisecond
            // before this one's first instant (`to` is inclusive).
            let next = parsed.ascending ? read.end : read.start.advanced(by: -Timestamp.nanosecondsPerMillisecond)
            let (path, cursor) = parsed.nextPath(continuingAt: next)
            nextURL = cursor.nextURL(base: base, path: path)
        }
        return WireEncoder.aggsPage(bars, ticker: ticker.rawValue, adjusted: parsed.adjusted, requestID: requestID, nextURL: nextURL)
    }

    /// A `/v3/trades` or `/v3/quotes` page: parse the query or cursor, page through the source, encode.
    private func tapePage<Record: Sendable>(
        endpoint: String, query: [String: Substring], base: String, ticker: String,
        fetch: @escaping @Sendable (any MarketDataSource, Symbol, TimeWindow) async throws -> [Record],
        position: @escaping @Sendable (Record) -> PagePosition,
        encode: ([Record], _ requestID: String, _ nextURL: String?) -> [UInt8]
    ) async throws -> [UInt8] {
        let symbol = try symbol(ticker)
        let parsed = try TradeQuery(query: query)
        let path = "/v3/\(endpoint)/\(symbol)"
        let paginator = Paginator<Record>(
            fetch: { [source] window in try await Self.emptyWhenClosed { try await fetch(source, symbol, window) } },
            position: position)
        let page = try await paginator.page(window: parsed.window, after: parsed.after, limit: parsed.limit, ascending: parsed.ascending)
        let nextURL = page.next.map { parsed.cursor(after: $0).nextURL(base: base, path: path) }
        return encode(page.records, StableHash.requestID(canonicalRequest(path: path, query: query)), nextURL)
    }

    /// Polygon answers a closed day with no results, where a `MarketDataSource` throws; do as Polygon does.
    static func emptyWhenClosed<Record>(_ fetch: () async throws -> [Record]) async throws -> [Record] {
        do {
            return try await fetch()
        } catch let error as TapeDeckError where error.code == .marketClosed || error.code == .outsideCalendar {
            return []
        }
    }

    private func symbol(_ text: String) throws(PolygonError) -> Symbol {
        do {
            return try Symbol(text)
        } catch {
            throw .badRequest("Invalid ticker '\(text)': \(error.message)")
        }
    }

    /// The request as a stable string: path, then the query sorted by name, without the API key.
    private func canonicalRequest(path: String, query: [String: Substring]) -> String {
        Self.canonicalRequest(path: path, query: query)
    }

    /// A request as the server keys it: the path, then the decoded query parameters but the key, sorted
    /// by name (`/v3/trades/SPY?limit=5&timestamp.gte=…`). Recorded requests are matched in this form.
    public static func canonicalRequest(path: String, query: [String: Substring]) -> String {
        path + "?"
            + query.filter { $0.key != "apiKey" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: "&")
    }

    private func bearerToken(_ header: String?) -> String? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }

    private func baseURL(_ request: Request) -> String {
        if let base = configuration.publicBaseURL { return base }
        if configuration.shapes == .real { return RealShape.nextURLBase }
        if let authority = request.head.authority { return "http://" + authority }
        return "http://\(configuration.host):\(configuration.port)"
    }

    private func json(_ wire: WireBody, status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        var headers = wire.headers
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: wire.body)
    }

    /// A 200 whose body stops halfway through the declared length, then the connection closes.
    private func truncated(_ wire: WireBody) -> Response {
        let half = ByteBuffer(bytes: wire.bytes.prefix(wire.bytes.count / 2))
        let body = ResponseBody(contentLength: wire.bytes.count) { writer in
            try await writer.write(half)
            throw HTTPError(.internalServerError)
        }
        return Response(status: .ok, headers: wire.headers, body: body)
    }

    private func errorResponse(_ error: PolygonError, requestID: String, request: Request, canonical: String) -> Response {
        let body: ErrorBody =
            error.polygonStatus == "ERROR"
            ? .error(error.text, requestID: requestID)
            : ErrorBody(status: error.polygonStatus, requestID: requestID, message: error.text)
        var headers: HTTPFields = [:]
        if let seconds = error.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        let wire = WireBody(bytes: WireEncoder.errorBody(body), request: request, canonical: canonical, shapes: configuration.shapes)
        return json(wire, status: error.status, headers: headers)
    }
}
