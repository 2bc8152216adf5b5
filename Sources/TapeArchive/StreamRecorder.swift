import MarketData
import PolygonWire
import TapeCodec

/// Records the stocks feed into an archive as it arrives (`tapedeck record --stream`): trades (`T`),
/// quotes (`Q`) and minute bars (`AM`) go into the same segments as REST recordings, and coverage is the
/// time the connection was up and subscribed.
///
/// A connection's coverage starts one millisecond after its first event (that millisecond may have
/// begun before the subscription) and ends at the feed's clock when it drops, less ``Configuration/lateness``;
/// what lies between two connections is a gap, and events in it are left out rather than stored under a
/// claim of completeness. Windows already in the archive are never replaced, and closed-market time is skipped. Chunks are committed every
/// ``Configuration/chunkMinutes`` minutes of feed time, so a crash loses at most that much.
///
/// Bars count by their start: a bar is complete once its `AM` (sent at the bar's end) has arrived, so
/// bar coverage trails trade coverage by a minute.
public actor StreamRecorder {
    public struct Configuration: Sendable {
        public var symbols: [Symbol]
        /// The kinds to record: `T` events are trades, `Q` quotes, `AM` bars.
        public var kinds: [DataKind]
        /// How far (feed time) an event may trail later events: Polygon's feed interleaves several SIPs'
        /// streams whose clocks differ by milliseconds. A window is committed once the feed's clock is
        /// this far past it; an event later still is counted in ``Summary/lateEvents`` and left out.
        public var lateness: Int64 = 2 * Timestamp.nanosecondsPerSecond
        /// Minutes of feed time per committed chunk.
        public var chunkMinutes = 5
        /// Stop once coverage reaches this instant; `nil`: when the feed ends or the caller stops.
        public var until: Timestamp?
        /// Stop at this second of the New York day of the feed's first event (86,400 for midnight), when
        /// ``until`` is `nil`: a live feed's day is known only once it speaks.
        public var untilSecondOfDay: Int?
        public var compressionLevel: Int32 = 6
        /// Stamps `recordedAt` and decides whether a session had ended (provisional data).
        public var clock: WallClock = .system

        public init(symbols: [Symbol], kinds: [DataKind]) {
            self.symbols = symbols
            self.kinds = kinds
        }
    }

    /// What has been recorded so far.
    public struct Summary: Sendable {
        public var connections = 0
        public var chunks = 0
        public var records = 0
        public var segmentBytes = 0
        /// Events that arrived more than ``Configuration/lateness`` after later ones.
        public var lateEvents = 0
        /// Covered windows (trades and quotes), one or more per connection, merged.
        public var covered: [TimeWindow] = []
    }

    public let archive: Archive
    public let configuration: Configuration
    public private(set) var summary = Summary()

    /// The current connection: where its coverage starts, and how far it is committed.
    private struct Connection {
        /// Trades and quotes from here on are complete.
        var tickStart: Timestamp
        /// Bars starting from here on are complete.
        var barStart: Timestamp
        var tickCommitted: Timestamp
        var barCommitted: Timestamp
        /// The latest event time seen.
        var clock: Timestamp
    }

    private var connection: Connection?
    private var trades: [Symbol: [Trade]] = [:]
    private var quotes: [Symbol: [Quote]] = [:]
    private var bars: [Symbol: [Bar]] = [:]
    private let symbols: Set<Symbol>
    /// ``Configuration/until``, or ``Configuration/untilSecondOfDay`` once the feed's day is known.
    private var until: Timestamp?

    public init(archive: Archive, configuration: Configuration) {
        self.archive = archive
        self.configuration = configuration
        self.symbols = Set(configuration.symbols)
        self.until = configuration.until
    }

    /// The `EV.SYMBOL` topics that carry the configured kinds.
    public nonisolated var topics: [String] {
        configuration.symbols.flatMap { symbol in
            configuration.kinds.map { kind in
                switch kind {
                case .trades: "T.\(symbol)"
                case .quotes: "Q.\(symbol)"
                case .bars: "AM.\(symbol)"
                }
            }
        }
    }

    /// Whether coverage has reached ``Configuration/until``.
    public var isDone: Bool {
        guard let until, let connection else { return false }
        let ticksDone = !wants(.trades) && !wants(.quotes) || connection.tickCommitted >= until
        let barsDone = !wants(.bars) || connection.barCommitted >= until
        return ticksDone && barsDone
    }

    /// A new connection is subscribed; its coverage starts with its first event.
    public func connected() {
        connection = nil
        summary.connections += 1
    }

    /// Takes one frame's messages and commits whatever windows they complete.
    public func receive(_ messages: [FeedMessage]) throws(TapeDeckError) {
        for case .event(let event) in messages where symbols.contains(event.symbol) {
            let time = event.time
            if connection == nil {
                if until == nil, let second = configuration.untilSecondOfDay {
                    let day = NewYorkTime.date(of: time)
                    until =
                        second >= 86_400
                        ? NewYorkDay.midnight(day.adding(days: 1))
                        : (try? NewYorkTime.timestamp(date: day, secondOfDay: second))
                            ?? NewYorkDay.midnight(day).advanced(by: Int64(second) * Timestamp.nanosecondsPerSecond)
                }
                let tickStart = Self.nextMillisecond(after: time)
                let barStart = Self.ceilingMinute(time)
                connection = Connection(tickStart: tickStart, barStart: barStart, tickCommitted: tickStart, barCommitted: barStart, clock: time)
            }
            connection!.clock = max(connection!.clock, time)
            switch event {
            case .trade(let symbol, let trade) where wants(.trades):
                if accepts(trade.sipTimestamp, from: connection!.tickStart, committed: connection!.tickCommitted) {
                    trades[symbol, default: []].append(trade)
                }
            case .quote(let symbol, let quote) where wants(.quotes):
                if accepts(quote.sipTimestamp, from: connection!.tickStart, committed: connection!.tickCommitted) {
                    quotes[symbol, default: []].append(quote)
                }
            case .aggregate(let aggregate) where aggregate.span == .minute && wants(.bars):
                if accepts(aggregate.start, from: connection!.barStart, committed: connection!.barCommitted) {
                    var bar = aggregate.bar
                    bar.start = aggregate.start
                    bars[aggregate.symbol, default: []].append(bar)
                }
            default:
                break
            }
        }
        try commitCompleted(final: false)
    }

    /// The connection dropped: commits what is known complete and drops the rest, which is in the gap.
    public func disconnected() throws(TapeDeckError) {
        try commitCompleted(final: true)
        connection = nil
        trades = [:]
        quotes = [:]
        bars = [:]
    }

    /// The feed said it sent everything up to the end of its day (`end_of_replay`): commits through the
    /// post-market close.
    public func feedEnded() throws(TapeDeckError) {
        guard let clock = connection?.clock, let sessions = try? SessionCalendar.nyse.sessions(on: NewYorkTime.date(of: clock)) else {
            return
        }
        let end = min(until ?? .latest, sessions.postMarketClose)
        try commit(ticksThrough: end, barsThrough: end)
    }

    // MARK: - Committing

    private func wants(_ kind: DataKind) -> Bool { configuration.kinds.contains(kind) }

    /// Whether an event at `time` belongs to the recording: inside this connection's coverage, not
    /// after ``Configuration/until``, and not in a window already committed (then it is late).
    private func accepts(_ time: Timestamp, from start: Timestamp, committed: Timestamp) -> Bool {
        guard time >= start, time < (until ?? .latest) else { return false }
        guard time >= committed else {
            summary.lateEvents += 1
            return false
        }
        return true
    }

    /// Commits whole chunks the clock has passed by more than the lateness; with `final`, everything up
    /// to that point.
    private func commitCompleted(final: Bool) throws(TapeDeckError) {
        guard let connection else { return }
        let tickFrontier = connection.clock.advanced(by: -configuration.lateness)
        let barFrontier = tickFrontier.advanced(by: -Timestamp.nanosecondsPerMinute)
        let until = self.until ?? .latest
        if final {
            try commit(ticksThrough: min(until, tickFrontier), barsThrough: min(until, barFrontier.rounded(downToMultipleOf: Timestamp.nanosecondsPerMinute)))
        } else {
            let step = Int64(max(1, configuration.chunkMinutes)) * Timestamp.nanosecondsPerMinute
            try commit(
                ticksThrough: min(until, tickFrontier.rounded(downToMultipleOf: step)), barsThrough: min(until, barFrontier.rounded(downToMultipleOf: step)))
        }
    }

    private func commit(ticksThrough tickEnd: Timestamp, barsThrough barEnd: Timestamp) throws(TapeDeckError) {
        guard var connection else { return }
        if tickEnd > connection.tickCommitted {
            let window = TimeWindow(uncheckedStart: connection.tickCommitted, end: tickEnd)
            for symbol in configuration.symbols {
                if wants(.trades) { try store(take(&trades[symbol, default: []], before: tickEnd), symbol, window) }
                if wants(.quotes) { try store(take(&quotes[symbol, default: []], before: tickEnd), symbol, window) }
            }
            connection.tickCommitted = tickEnd
            summary.covered = ChunkPlan.merged(summary.covered + [window])
        }
        if barEnd > connection.barCommitted, wants(.bars) {
            let window = TimeWindow(uncheckedStart: connection.barCommitted, end: barEnd)
            for symbol in configuration.symbols { try store(take(&bars[symbol, default: []], before: barEnd), symbol, window) }
            connection.barCommitted = barEnd
        }
        self.connection = connection
    }

    /// Removes and returns the records before `end`.
    private func take<Record: ArchivableRecord>(_ records: inout [Record], before end: Timestamp) -> [Record] {
        let taken = records.filter { $0.tapeTime < end }
        records.removeAll { $0.tapeTime < end }
        return taken
    }

    /// Commits `records` of `window` as chunks: one per trading day, leaving out whatever the archive
    /// already covers (it is never replaced).
    private func store<Record: ArchivableRecord>(_ records: [Record], _ symbol: Symbol, _ window: TimeWindow) throws(TapeDeckError) {
        let now = configuration.clock.now()
        // Gaps are trading time, each within one day.
        for gap in try archive.gaps(symbol, Record.kind, in: window) {
            let day = NewYorkTime.date(of: gap.start)
            var chunk = records.filter { gap.contains($0.tapeTime) }
            _ = try TapeOrder.normalize(&chunk, symbol: symbol, kind: Record.kind)
            let segment = SegmentCodec.encode(chunk, level: configuration.compressionLevel)
            try archive.commit(
                RecordedChunk(
                    symbol: symbol, kind: Record.kind, day: day, window: gap, segment: segment, responses: [], recordedAt: now,
                    sessionClosed: NewYorkDay.sessionClosed(day, at: now), origin: .stream))
            summary.chunks += 1
            summary.records += chunk.count
            summary.segmentBytes += segment.payload.count
        }
    }

    // MARK: - Time arithmetic

    /// The start of the millisecond after the one `time` falls in: where a connection's tick coverage
    /// starts when `time` is its first event (`backtest --stream` uses the same rule).
    public static func nextMillisecond(after time: Timestamp) -> Timestamp {
        time.rounded(downToMultipleOf: Timestamp.nanosecondsPerMillisecond).advanced(by: Timestamp.nanosecondsPerMillisecond)
    }

    /// `time`, or the next whole minute when it is inside one: where a connection's bar coverage starts
    /// (whole minutes are whole minutes in New York too: its offsets are whole hours).
    public static func ceilingMinute(_ time: Timestamp) -> Timestamp {
        let floored = time.rounded(downToMultipleOf: Timestamp.nanosecondsPerMinute)
        return floored == time ? time : floored.advanced(by: Timestamp.nanosecondsPerMinute)
    }
}
