import MarketData

/// What a backtest of a signals file will read — per symbol-day, one window per kind, from the engine's
/// own planner — and, for an audit, the future horizon past the last entry too. `tapedeck record
/// --signals` records exactly these windows, so the backtest that follows never meets `notRecorded`.
public struct RecordingPlan: Sendable {
    /// One symbol-day's windows, by kind (bars are 1-minute bars).
    public struct Item: Hashable, Sendable {
        public var symbolDay: SymbolDay
        public var windows: [DataKind: TimeWindow]
    }

    /// Symbol-days sorted by date, then symbol.
    public var items: [Item]

    /// The plan for `signals` under `adapters`; `auditHorizonMinutes` adds what `tapedeck audit` reads
    /// past the last entry of each symbol-day (its full horizon, per kind: `--horizon`, and for bars at
    /// least the longest bar timeframe).
    public init(
        signals: [Signal], adapters: [any BacktestAdapter], auditHorizonMinutes: Int? = nil, calendar: SessionCalendar = .nyse
    ) throws(TapeDeckError) {
        let runner = BacktestRunner(source: PlanningSource(), adapters: adapters, parallelism: 1, calendar: calendar)
        var items: [Item] = []
        for plan in try runner.plans(for: signals) {
            var windows = plan.windows
            if let auditHorizonMinutes {
                let entries = signals.filter {
                    $0.symbol == plan.symbolDay.symbol && NewYorkTime.date(of: $0.entry) == plan.symbolDay.date
                }.map(\.entry)
                if let latest = entries.max() {
                    let horizons = FutureHorizon.horizons(timeframes: plan.timeframes, minutes: auditHorizonMinutes)
                    windows = FutureHorizon.extending(windows, past: latest, by: horizons)
                }
            }
            items.append(Item(symbolDay: plan.symbolDay, windows: windows))
        }
        self.items = items
    }

    /// Planning reads no data; this source says so if anyone asks.
    private struct PlanningSource: MarketDataSource {
        func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] { try fail() }
        func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] { try fail() }
        func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] { try fail() }
        private func fail<T>() throws -> T {
            throw TapeDeckError(.notRecorded, "a recording plan reads no data; this is a TapeDeck bug")
        }
    }
}
