import MarketData
import PolygonWire
import TapeArchive

/// What a stocks feed has delivered so far, as a ``MarketDataSource`` for `backtest --stream`: trades,
/// quotes and minute bars of the subscribed symbols, with the feed's coverage. Time before the feed's
/// first event comes from `history` (an archive, the simulator or the live API), if given.
///
/// Like ``TapeArchive/StreamRecorder``, coverage of a connection starts a millisecond after its first
/// event and reaches the feed's clock less the lateness; a window reaching into a disconnection is an
/// error rather than a silent hole. Past the frontier it answers with what has arrived: an entry's
/// calculations never see that far (the visibility rule), so partial data there changes nothing.
actor FeedBuffer: MarketDataSource {
    let history: (any MarketDataSource)?
    /// How far an event may trail later ones (see ``TapeArchive/StreamRecorder/Configuration/lateness``).
    let lateness: Int64

    private var trades: [Symbol: [Trade]] = [:]
    private var quotes: [Symbol: [Quote]] = [:]
    private var bars: [Symbol: [Bar]] = [:]
    /// Covered windows of trades and quotes, and of bar starts, one per connection so far.
    private var tickCoverage: [TimeWindow] = []
    private var barCoverage: [TimeWindow] = []
    /// The latest event time of the current connection; `nil` between connections.
    private var clock: Timestamp?
    /// The day the feed is replaying or streaming, from its first event.
    private(set) var day: LocalDate?

    init(history: (any MarketDataSource)?, lateness: Int64) {
        self.history = history
        self.lateness = lateness
    }

    /// The instant before which everything has arrived, or `nil` before the first event.
    var frontier: Timestamp? { clock.map { $0.advanced(by: -lateness) } }

    func connected() { clock = nil }

    func disconnected() { clock = nil }

    /// The feed ended its day (`end_of_replay`): everything up to its post-market close has arrived.
    func feedEnded() {
        guard let clock, let day, let sessions = try? SessionCalendar.nyse.sessions(on: day) else { return }
        let end = max(clock, sessions.postMarketClose).advanced(by: lateness)
        extend(to: end)
        self.clock = end
    }

    func receive(_ messages: [FeedMessage]) {
        for case .event(let event) in messages {
            let time = event.time
            if clock == nil {
                // A new connection: its first millisecond may have begun before the subscription.
                let start = StreamRecorder.nextMillisecond(after: time)
                tickCoverage.append(TimeWindow(uncheckedStart: start, end: start))
                let barStart = StreamRecorder.ceilingMinute(time)
                barCoverage.append(TimeWindow(uncheckedStart: barStart, end: barStart))
                day = day ?? NewYorkTime.date(of: time)
                clock = time
            }
            clock = max(clock!, time)
            switch event {
            case .trade(let symbol, let trade): trades[symbol, default: []].append(trade)
            case .quote(let symbol, let quote): quotes[symbol, default: []].append(quote)
            case .aggregate(let aggregate) where aggregate.span == .minute:
                var bar = aggregate.bar
                bar.start = aggregate.start
                bars[aggregate.symbol, default: []].append(bar)
            case .aggregate: break
            }
        }
        if let frontier { extend(to: frontier) }
    }

    /// Moves the current connection's coverage up to `frontier`.
    private func extend(to frontier: Timestamp) {
        if var last = tickCoverage.last, frontier > last.end {
            last = TimeWindow(uncheckedStart: last.start, end: frontier)
            tickCoverage[tickCoverage.count - 1] = last
        }
        let barEnd = frontier.advanced(by: -Timestamp.nanosecondsPerMinute)
        if var last = barCoverage.last, barEnd > last.end {
            last = TimeWindow(uncheckedStart: last.start, end: barEnd)
            barCoverage[barCoverage.count - 1] = last
        }
    }

    // MARK: - MarketDataSource

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        var result = try await earlier(window, barCoverage, .bars) { source, part in try await source.bars(symbol, in: part) }
        try checkCovered(window, barCoverage, symbol, .bars)
        result += (bars[symbol] ?? []).filter { window.contains($0.start) && covers(barCoverage, $0.start) }
        return result
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        var result = try await earlier(window, tickCoverage, .trades) { source, part in try await source.trades(symbol, in: part) }
        try checkCovered(window, tickCoverage, symbol, .trades)
        result += (trades[symbol] ?? []).filter { window.contains($0.sipTimestamp) && covers(tickCoverage, $0.sipTimestamp) }
        var ordered = result
        _ = try TapeOrder.normalize(&ordered, symbol: symbol, kind: .trades)
        return ordered
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        var result = try await earlier(window, tickCoverage, .quotes) { source, part in try await source.quotes(symbol, in: part) }
        try checkCovered(window, tickCoverage, symbol, .quotes)
        result += (quotes[symbol] ?? []).filter { window.contains($0.sipTimestamp) && covers(tickCoverage, $0.sipTimestamp) }
        var ordered = result
        _ = try TapeOrder.normalize(&ordered, symbol: symbol, kind: .quotes)
        return ordered
    }

    func conditionTable() async throws -> TradeConditionTable {
        try await history?.conditionTable() ?? .builtIn
    }

    /// The part of `window` before the feed's coverage, from the history source.
    private func earlier<Record>(
        _ window: TimeWindow, _ coverage: [TimeWindow], _ kind: DataKind,
        _ fetch: (any MarketDataSource, TimeWindow) async throws -> [Record]
    ) async throws -> [Record] {
        let start = coverage.first?.start ?? .latest
        guard window.start < start else { return [] }
        let part = TimeWindow(uncheckedStart: window.start, end: min(window.end, start))
        guard let history else {
            throw TapeDeckError(
                .notRecorded,
                "the feed's \(kind) start at \(start == .latest ? "its first event" : start.newYorkISO8601), but \(part) is needed; give the earlier data with --archive, --simulate or --live, or start the feed earlier"
            )
        }
        return try await fetch(history, part)
    }

    /// Throws when the part of `window` between the feed's first coverage and its frontier falls into a
    /// disconnection.
    private func checkCovered(_ window: TimeWindow, _ coverage: [TimeWindow], _ symbol: Symbol, _ kind: DataKind) throws(TapeDeckError) {
        guard let first = coverage.first, let last = coverage.last else { return }
        let known = TimeWindow(uncheckedStart: max(window.start, first.start), end: min(window.end, last.end))
        guard known.start < known.end else { return }
        var cursor = known.start
        for covered in coverage where covered.end > cursor && covered.start < known.end {
            if covered.start > cursor { break }
            cursor = covered.end
        }
        guard cursor < known.end else { return }
        throw TapeDeckError(
            .notRecorded,
            "the feed was disconnected at \(cursor.newYorkISO8601), inside the \(symbol) \(kind) window \(window) an entry needs; record the day and backtest it offline"
        )
    }

    /// Whether an event at `time` is known: inside a connection's coverage, or past the frontier.
    private func covers(_ coverage: [TimeWindow], _ time: Timestamp) -> Bool {
        guard let last = coverage.last else { return false }
        return time >= last.end || coverage.contains { $0.contains(time) }
    }
}
