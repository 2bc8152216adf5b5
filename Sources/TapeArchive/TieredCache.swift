import MarketData
import TapeCodec

/// The seed's two-tier cache: an in-memory LRU of symbol-days over an archive as the disk tier, itself
/// over the network. `backtest --live` and `audit --live` read through it, so a second identical run
/// makes no request and a repeated symbol-day within one process is not even read from disk.
///
/// Keys are `{symbol}_{kind}_{timeframe}_{day}` (`SPY_bars_5min_2024-03-15`, `SPY_trades_tick_2024-03-15`).
/// As a ``MarketDataSource`` it answers windows: a window inside the one cached under its key (the
/// New York day of its end) is sliced from memory; otherwise the ``Recorder`` replays the window from
/// the archive, recording what is missing first, and the cache keeps the union of the two windows. The
/// day API (``bars(_:_:on:)``) asks for the day's extended session (04:00-20:00 New York) and aggregates
/// bars to the timeframe asked for.
///
/// Expiry: data of a session that had ended when it was fetched is immutable and never expires. Data
/// fetched while its session was open is provisional: it expires 24 h after it was recorded, in
/// memory here and on disk (the recorder re-fetches it in mode ``RecordingMode/new``). The clock is the
/// recorder's ``RecorderConfiguration/clock``, injectable for tests.
public actor TieredCache: MarketDataSource {
    /// A cached day, with its expiry (`nil`: never) and the window its records cover.
    private struct Entry {
        var value: CachedDay
        var expiresAt: Timestamp?
        var window: TimeWindow?
    }

    private enum CachedDay {
        case bars([Bar])
        case trades([Trade])
        case quotes([Quote])
    }

    public let recorder: Recorder
    public let capacity: Int
    private var entries: [String: Entry] = [:]
    /// Keys from least to most recently used.
    private var order: [String] = []
    /// Lookups answered from memory, and those that went to the disk tier.
    public private(set) var hits = 0
    public private(set) var misses = 0
    /// Misses the archive answered without fetching anything (disk hits), and chunks fetched for the rest.
    public private(set) var diskHits = 0
    public private(set) var chunksFetched = 0

    public init(recorder: Recorder, capacity: Int = 100) {
        self.recorder = recorder
        self.capacity = max(1, capacity)
    }

    /// The cache key of a symbol-day.
    public static func key(_ symbol: Symbol, _ kind: DataKind, _ timeframe: Timeframe?, _ day: LocalDate) -> String {
        "\(symbol)_\(kind)_\(timeframe?.rawValue ?? "tick")_\(day)"
    }

    /// The day's bars at `timeframe`, aggregated locally from 1-minute bars.
    public func bars(_ symbol: Symbol, _ timeframe: Timeframe = .minute1, on day: LocalDate) async throws -> [Bar] {
        let key = Self.key(symbol, .bars, timeframe, day)
        if case .bars(let bars)? = lookup(key) { return bars }
        let window = try SessionCalendar.nyse.sessions(on: day).extended
        let minutes = try await recorder.bars(symbol, in: window)
        let bars = timeframe == .minute1 ? minutes : BarAggregator.aggregate(minutes, to: timeframe)
        try store(key, .bars(bars), symbol, .bars, window)
        return bars
    }

    /// The day's trades (extended session).
    public func trades(_ symbol: Symbol, on day: LocalDate) async throws -> [Trade] {
        let key = Self.key(symbol, .trades, nil, day)
        if case .trades(let trades)? = lookup(key) { return trades }
        let window = try SessionCalendar.nyse.sessions(on: day).extended
        let trades = try await recorder.trades(symbol, in: window)
        try store(key, .trades(trades), symbol, .trades, window)
        return trades
    }

    /// The day's quotes (extended session).
    public func quotes(_ symbol: Symbol, on day: LocalDate) async throws -> [Quote] {
        let key = Self.key(symbol, .quotes, nil, day)
        if case .quotes(let quotes)? = lookup(key) { return quotes }
        let window = try SessionCalendar.nyse.sessions(on: day).extended
        let quotes = try await recorder.quotes(symbol, in: window)
        try store(key, .quotes(quotes), symbol, .quotes, window)
        return quotes
    }

    /// Keys in memory, least recently used first.
    public var keys: [String] { order }

    // MARK: - Windows (MarketDataSource)

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await windowed(symbol, window, progress) {
            if case .bars(let bars) = $0 { bars } else { nil }
        } wrap: {
            .bars($0)
        }
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await windowed(symbol, window, progress) {
            if case .trades(let trades) = $0 { trades } else { nil }
        } wrap: {
            .trades($0)
        }
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await windowed(symbol, window, progress) {
            if case .quotes(let quotes) = $0 { quotes } else { nil }
        } wrap: {
            .quotes($0)
        }
    }

    /// The archive's table (recorded on first use).
    public func conditionTable() async throws -> TradeConditionTable {
        try await recorder.conditionTable()
    }

    /// The records of `window` from memory if the entry under its key holds the window, else from the
    /// recorder (disk, then network) for the union of the two windows.
    private func windowed<Record: ArchivableRecord>(
        _ symbol: Symbol, _ window: TimeWindow, _ progress: ProgressHandler?,
        unwrap: (CachedDay) -> [Record]?, wrap: ([Record]) -> CachedDay
    ) async throws -> [Record] {
        guard !window.isEmpty else { return [] }
        let day = NewYorkTime.date(of: window.end.advanced(by: -1))
        let key = Self.key(symbol, Record.kind, Record.kind == .bars ? .minute1 : nil, day)
        if let held = entries[key]?.window, held.contains(window) {
            // Counts a hit, or a miss when the entry expired (and drops it).
            if let value = lookup(key), let records = unwrap(value) { return Self.slice(records, window) }
        } else {
            misses += 1
        }
        let target = entries[key]?.window.map { $0.union(window) } ?? window
        let summary = try await recorder.record(symbol, Record.kind, in: target, progress: progress)
        if summary.chunksRecorded == 0 { diskHits += 1 } else { chunksFetched += summary.chunksRecorded }
        let records: [Record] = try ArchiveSource(archive: recorder.archive).replay(Record.self, symbol, in: target)
        try store(key, wrap(records), symbol, Record.kind, target)
        return Self.slice(records, window)
    }

    /// The records whose time lies in `window` (records in tape order).
    static func slice<Record: TapeOrdered>(_ records: [Record], _ window: TimeWindow) -> [Record] {
        func firstAtLeast(_ value: Timestamp) -> Int {
            var low = 0
            var high = records.count
            while low < high {
                let mid = (low + high) / 2
                if records[mid].tapeTime < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return Array(records[firstAtLeast(window.start)..<firstAtLeast(window.end)])
    }

    private func lookup(_ key: String) -> CachedDay? {
        guard let entry = entries[key] else {
            misses += 1
            return nil
        }
        if let expiry = entry.expiresAt, recorder.configuration.clock.now() >= expiry {
            entries[key] = nil
            order.removeAll { $0 == key }
            misses += 1
            return nil
        }
        hits += 1
        order.removeAll { $0 == key }
        order.append(key)
        return entry.value
    }

    /// Stores a day, expiring with the oldest provisional coverage row under it.
    private func store(_ key: String, _ value: CachedDay, _ symbol: Symbol, _ kind: DataKind, _ window: TimeWindow)
        throws(TapeDeckError)
    {
        let lifetime = recorder.configuration.provisionalLifetime
        let expiry = try recorder.archive.coverage(symbol, kind, overlapping: window)
            .filter { !$0.sessionClosed }
            .map { Timestamp(nanoseconds: $0.recordedAt &+ lifetime) }
            .min()
        entries[key] = Entry(value: value, expiresAt: expiry, window: window)
        order.removeAll { $0 == key }
        order.append(key)
        while order.count > capacity {
            entries[order.removeFirst()] = nil
        }
    }
}
