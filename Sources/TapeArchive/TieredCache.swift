import MarketData

/// The seed's two-tier cache: an in-memory LRU of whole symbol-days over the archive as the disk tier.
///
/// Keys are `{symbol}_{kind}_{timeframe}_{day}` (`SPY_bars_5min_2024-03-15`, `SPY_trades_tick_2024-03-15`).
/// A miss asks the ``Recorder`` for the day's extended session (04:00-20:00 New York), which replays
/// from the archive or records what is missing, then aggregates bars to the timeframe asked for.
///
/// Expiry: data of a session that had ended when it was fetched is immutable and never expires. Data
/// fetched while its session was open is provisional: it expires 24 h after it was recorded, in
/// memory here and on disk (the recorder re-fetches it in mode ``RecordingMode/new``). The clock is the
/// recorder's ``RecorderConfiguration/clock``, injectable for tests.
public actor TieredCache {
    /// A cached day, with its expiry (`nil`: never).
    private struct Entry {
        var value: CachedDay
        var expiresAt: Timestamp?
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
        let expiry = try recorder.archive.coverage(symbol, kind)
            .filter { !$0.sessionClosed && $0.end > window.start.nanoseconds && $0.start < window.end.nanoseconds }
            .map { Timestamp(nanoseconds: $0.recordedAt &+ lifetime) }
            .min()
        entries[key] = Entry(value: value, expiresAt: expiry)
        order.removeAll { $0 == key }
        order.append(key)
        while order.count > capacity {
            entries[order.removeFirst()] = nil
        }
    }
}
