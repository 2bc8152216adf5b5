import Foundation
import MarketData

/// Runs adapters over entries: validate, plan one fetch per (symbol-day, kind), fetch once through the
/// source, build one ``DataCache`` per symbol-day, evaluate entries in parallel, and return rows in
/// input order.
///
/// It depends only on ``MarketDataSource``; errors the source throws (a closed day, a window the archive
/// did not record, with its `tapedeck record …` command) reach the caller unchanged.
public struct BacktestRunner: Sendable {
    public var source: any MarketDataSource
    public var adapters: [any BacktestAdapter]
    /// Entries evaluated at once (1 = one by one); results do not depend on it.
    public var parallelism: Int
    public var calendar: SessionCalendar
    /// One pass per symbol-day where an adapter has one (the default), or every adapter per entry (the
    /// reference); results do not depend on it.
    public var evaluation: Evaluation

    public init(
        source: any MarketDataSource, adapters: [any BacktestAdapter],
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, calendar: SessionCalendar = .nyse,
        evaluation: Evaluation = .onePass
    ) {
        self.source = source
        self.adapters = adapters
        self.parallelism = max(1, parallelism)
        self.calendar = calendar
        self.evaluation = evaluation
    }

    /// Output columns, `Adapter.output`, in adapter order.
    public var columns: [String] { adapters.flatMap { adapter in adapter.outputs.map { "\(adapter.name).\($0)" } } }

    /// Every adapter's requirements, in adapter order.
    public var requirements: [DataRequirement] { adapters.flatMap(\.requirements) }

    /// The fetch plans for `signals`, one per symbol-day, sorted by date then symbol; signals on closed
    /// days or outside the trading day are the same errors as in ``run(_:progress:)``.
    public func plans(for signals: [Signal]) throws(TapeDeckError) -> [FetchPlan] {
        for signal in signals { try validate(signal) }
        return try groups(signals).map { group throws(TapeDeckError) in
            try FetchPlan(symbolDay: group.key, entries: group.indices.map { signals[$0].entry }, requirements: requirements, calendar: calendar)
        }
    }

    /// Runs every adapter on every signal; `progress(done, total)` is called after each entry.
    public func run(_ signals: [Signal], progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> BacktestReport {
        try AdapterContract.check(adapters)
        for signal in signals { try validate(signal) }
        let width = adapters.reduce(0) { $0 + $1.outputs.count }
        var rows = [[Double?]](repeating: [], count: signals.count)
        var done = 0
        let conditions = try await source.conditionTable()
        let entries = signals.map(\.entry)
        try await EntryLoop.run(try groups(signals), parallelism: parallelism) { key, indices in
            let plan = try FetchPlan(symbolDay: key, entries: indices.map { entries[$0] }, requirements: requirements, calendar: calendar)
            return try await prepare(plan, conditions: conditions, entryCount: indices.count)
        } work: { day, index in
            try await Self.evaluate(day, entry: entries[index], width: width)
        } finished: { index, values in
            rows[index] = values
            done += 1
            progress?(done, signals.count)
        }
        return BacktestReport(columns: columns, signals: signals, values: rows)
    }

    /// Every adapter's values for one entry, concatenated in adapter order; the first failure stops the run.
    static func evaluate(_ day: PreparedDay, entry: Timestamp, width: Int) async throws(TapeDeckError) -> [Double?] {
        var values: [Double?] = []
        values.reserveCapacity(width)
        for result in await day.outputs(at: entry, stoppingAtFirstFailure: true) { values += try result.get() }
        return values
    }

    /// The symbol-day of `plan` ready to evaluate for `entryCount` entries: its cache fetched once, and
    /// each adapter's reader.
    package func prepare(_ plan: FetchPlan, conditions: TradeConditionTable, entryCount: Int) async throws -> PreparedDay {
        let cache = try await fetch(plan, conditions: conditions)
        let readers = await Self.readers(for: adapters, cache: cache, evaluation: evaluation, entryCount: entryCount)
        return PreparedDay(adapters: adapters, cache: cache, readers: readers, calendar: calendar)
    }

    /// A one-pass adapter's reader for a symbol-day, or what its pass threw.
    package typealias Reader = Result<any EntryReader, any Error>

    /// Each adapter's reader over `cache` (the passes run concurrently), `nil` for an adapter evaluated
    /// per entry: one without a one-pass form, or every adapter under ``Evaluation/perEntry``.
    package static func readers(
        for adapters: [any BacktestAdapter], cache: DataCache, evaluation: Evaluation, entryCount: Int
    ) async -> [Reader?] {
        guard evaluation == .onePass else { return adapters.map { _ in nil } }
        return await withTaskGroup(of: (Int, Reader).self) { passes in
            for (index, adapter) in adapters.enumerated() {
                guard let adapter = adapter as? any OnePassAdapter else { continue }
                passes.addTask {
                    (
                        index,
                        Result {
                            try adapter.prepare(DayContext(cache: cache, adapter: adapter.name, requirements: adapter.requirements, entryCount: entryCount))
                        }
                    )
                }
            }
            var readers = [Reader?](repeating: nil, count: adapters.count)
            for await (index, reader) in passes { readers[index] = reader }
            return readers
        }
    }

    /// One adapter's outputs for one entry, or its failure: the one evaluation, which the backtest and
    /// every check of the audit run, read from the adapter's one-pass `reader` when it has one. Any error
    /// (the adapter's own, of any type, in its pass or at the entry; an undeclared read) or a wrong
    /// number of values is ``TapeDeckError/Code/adapterFailed`` naming the adapter, the symbol and the
    /// New York entry time, with the inner message kept, never a trap. Only `notRecorded` passes through
    /// unchanged: it is the source's, and its `tapedeck record …` command is what the user must run.
    /// `auditor` records back-door reads (the audit's guard).
    package static func output(
        of adapter: any BacktestAdapter, reader: Reader? = nil, cache: DataCache, entry: Timestamp, calendar: SessionCalendar,
        auditor: ViolationRecorder? = nil
    ) -> Result<[Double?], TapeDeckError> {
        let context = EntryContext(
            cache: cache, entry: entry, adapter: adapter.name, requirements: adapter.requirements, calendar: calendar, auditor: auditor)
        let outputs: [Double?]
        do {
            if let reader {
                outputs = try reader.get().outputs(context)
            } else {
                outputs = try adapter.evaluate(context)
            }
        } catch let error as TapeDeckError where error.code == .notRecorded {
            return .failure(error)
        } catch let error as TapeDeckError {
            return .failure(.adapterFailed(adapter: adapter.name, symbol: cache.symbol, entry: entry, error.message))
        } catch {
            return .failure(.adapterFailed(adapter: adapter.name, symbol: cache.symbol, entry: entry, "\(error)"))
        }
        guard outputs.count == adapter.outputs.count else {
            return .failure(
                .adapterFailed(
                    adapter: adapter.name, symbol: cache.symbol, entry: entry,
                    "it returned \(outputs.count) values for its \(adapter.outputs.count) outputs"))
        }
        return .success(outputs)
    }

    /// Fetches each planned kind once (concurrently) and builds the symbol-day's cache.
    package func fetch(_ plan: FetchPlan, conditions: TradeConditionTable) async throws -> DataCache {
        let symbol = plan.symbolDay.symbol
        let source = self.source
        async let bars = plan.windows[.bars].asyncMap { try await source.bars(symbol, in: $0) }
        // Trades and quotes go into columns piece by piece: a day of them is never held as records and
        // columns at once.
        async let trades = plan.windows[.trades].asyncMap { window in
            var columns = TradeColumns.Builder(table: conditions)
            try await source.trades(symbol, in: window) { piece, expected in columns.append(piece, expected: expected) }
            return columns.build()
        }
        async let quotes = plan.windows[.quotes].asyncMap { window in
            var columns = QuoteColumns.Builder()
            try await source.quotes(symbol, in: window) { piece, expected in columns.append(piece, expected: expected) }
            return columns.build()
        }
        return DataCache(
            symbol: symbol, date: plan.symbolDay.date, windows: plan.windows, minuteBars: try await bars,
            timeframes: plan.timeframes, tradeColumns: try await trades, quoteColumns: try await quotes, calendar: calendar)
    }

    /// Signal indices grouped by symbol-day, groups sorted by date then symbol, indices in input order.
    package func groups(_ signals: [Signal]) throws(TapeDeckError) -> [(key: SymbolDay, indices: [Int])] {
        var byDay: [SymbolDay: [Int]] = [:]
        for (index, signal) in signals.enumerated() {
            byDay[SymbolDay(symbol: signal.symbol, date: NewYorkTime.date(of: signal.entry)), default: []].append(index)
        }
        return byDay.sorted { $0.key < $1.key }.map { (key: $0.key, indices: $0.value) }
    }

    /// An entry must fall on a trading day, within its extended session [04:00, post-market close].
    package func validate(_ signal: Signal) throws(TapeDeckError) {
        let date = NewYorkTime.date(of: signal.entry)
        let prefix = signal.location.isEmpty ? "" : signal.location + ": "
        do throws(TapeDeckError) {
            if let reason = try calendar.closure(on: date) {
                throw TapeDeckError.marketClosed(date, reason: reason)
            }
            let sessions = try calendar.sessions(on: date)
            guard signal.entry >= sessions.preMarketOpen, signal.entry <= sessions.postMarketClose else {
                throw TapeDeckError(
                    .entryOutsideSession,
                    "entry \(signal.entry.newYorkISO8601) is outside the trading day (\(sessions.preMarketOpen.newYorkISO8601) to \(sessions.postMarketClose.newYorkISO8601)); move it into the session"
                )
            }
        } catch {
            throw TapeDeckError(error.code, prefix + error.message)
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T: Sendable>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
