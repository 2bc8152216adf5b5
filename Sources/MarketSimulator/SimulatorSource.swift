import MarketData

/// The simulator as an in-process ``MarketDataSource`` (an ``InProcessSource``: recorded, it logs no responses).
///
/// It answers exactly what ``MarketSimulator`` answers, with one difference that the protocol's users
/// need: a window whose every instant falls on days the market is closed throws
/// ``TapeDeckError/marketClosed(_:reason:)`` for the first such day ("market closed on 2024-12-25:
/// Christmas Day"), and a window touching a date outside the calendar throws
/// ``TapeDeckError/outsideCalendar(_:)`` — a backtest asking for a holiday is a mistake worth naming. A
/// window that touches a trading day, even only outside its sessions (02:00-03:00), returns what is
/// there, possibly nothing; so does an empty window. (The HTTP server, like Polygon, answers closed days
/// with empty results instead; it uses ``MarketSimulator`` directly.)
///
/// Generation is synchronous and CPU-bound; a very liquid full day takes a fraction of a second in a
/// release build. Progress, when asked for, is reported once, as one chunk.
public struct SimulatorSource: InProcessSource {
    public let simulator: MarketSimulator

    public init(simulator: MarketSimulator) {
        self.simulator = simulator
    }

    public init(seed: UInt64, profileOverrides: [Symbol: LiquidityProfile] = [:], splits: [Symbol: [StockSplit]] = [:]) {
        self.init(simulator: MarketSimulator(seed: seed, profileOverrides: profileOverrides, splits: splits))
    }

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try checkOpen(window)
        return report(simulator.minuteBars(symbol, in: window), symbol, .bars, progress)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try checkOpen(window)
        return report(simulator.trades(symbol, in: window), symbol, .trades, progress)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try checkOpen(window)
        return report(simulator.quotes(symbol, in: window), symbol, .quotes, progress)
    }

    /// Throws when `window` touches a date outside the calendar, or only closed days.
    func checkOpen(_ window: TimeWindow) throws(TapeDeckError) {
        let dates = simulator.dates(touching: window)
        var firstClosed: (LocalDate, String)?
        for date in dates {
            guard let reason = try SessionCalendar.nyse.closure(on: date) else { return }
            if firstClosed == nil { firstClosed = (date, reason) }
        }
        if let (date, reason) = firstClosed { throw .marketClosed(date, reason: reason) }
    }

    private func report<Record>(_ records: [Record], _ symbol: Symbol, _ kind: DataKind, _ progress: ProgressHandler?)
        -> [Record]
    {
        progress?(FetchProgress(symbol: symbol, kind: kind, chunksDone: 1, chunksTotal: 1, records: records.count, bytes: 0))
        return records
    }
}

extension SimulatorSource: AdaptiveChunking {
    /// The seed's rule applied to the profile's expected regular-session volume: about 26M shares a day
    /// for ``LiquidityProfile/veryLiquid`` (5 minutes), 1.3M for ``LiquidityProfile/mid`` (10), less for
    /// ``LiquidityProfile/illiquid`` (15).
    public func chunkMinutes(for symbol: Symbol, on date: LocalDate) async throws -> Int {
        ChunkGrid.minutes(forAverageDailyVolume: simulator.profile(for: symbol).expectedDailyVolume)
    }
}

extension LiquidityProfile {
    /// Mean shares traded over a regular session (390 minutes): round-lot trades average
    /// ``meanRoundLots`` × 100 shares, odd lots 50.
    public var expectedDailyVolume: Double {
        tradesPerMinute * 390 * ((1 - oddLotShare) * meanRoundLots * 100 + oddLotShare * 50)
    }
}
