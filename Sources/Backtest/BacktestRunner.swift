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
        for group in try groups(signals) {
            let plan = try FetchPlan(
                symbolDay: group.key, entries: group.indices.map { signals[$0].entry }, requirements: requirements, calendar: calendar)
            let cache = try await fetch(plan, conditions: conditions)
            let adapters = self.adapters
            let calendar = self.calendar
            let readers = await Self.readers(for: adapters, cache: cache, evaluation: evaluation)
            try await withThrowingTaskGroup(of: (Int, [Double?]).self) { tasks in
                var pending = group.indices[...]
                func addNext() {
                    guard let index = pending.popFirst() else { return }
                    let entry = signals[index].entry
                    tasks.addTask {
                        (index, try await Self.evaluate(adapters, readers: readers, cache: cache, entry: entry, calendar: calendar, width: width))
                    }
                }
                for _ in 0..<min(parallelism, pending.count) { addNext() }
                while let (index, values) = try await tasks.next() {
                    rows[index] = values
                    done += 1
                    progress?(done, signals.count)
                    addNext()
                }
            }
        }
        return BacktestReport(columns: columns, signals: signals, values: rows)
    }

    /// Every adapter's values for one entry, concatenated in adapter order; the first failure stops the run.
    ///
    /// It yields after each adapter: an entry of 33 adapters on a liquid day is long enough to hold up
    /// everything else on the task pool's few threads, such as the feed a `backtest --stream` reads.
    static func evaluate(
        _ adapters: [any BacktestAdapter], readers: [Reader?], cache: DataCache, entry: Timestamp, calendar: SessionCalendar, width: Int
    ) async throws(TapeDeckError) -> [Double?] {
        var values: [Double?] = []
        values.reserveCapacity(width)
        for (adapter, reader) in zip(adapters, readers) {
            values += try output(of: adapter, reader: reader, cache: cache, entry: entry, calendar: calendar).get()
            await Task.yield()
        }
        return values
    }

    /// A one-pass adapter's reader for a symbol-day, or what its pass threw.
    package typealias Reader = Result<any EntryReader, any Error>

    /// Each adapter's reader over `cache` (the passes run concurrently), `nil` for an adapter evaluated
    /// per entry: one without a one-pass form, or every adapter under ``Evaluation/perEntry``.
    package static func readers(for adapters: [any BacktestAdapter], cache: DataCache, evaluation: Evaluation) async -> [Reader?] {
        guard evaluation == .onePass else { return adapters.map { _ in nil } }
        return await withTaskGroup(of: (Int, Reader).self) { passes in
            for (index, adapter) in adapters.enumerated() {
                guard let adapter = adapter as? any OnePassAdapter else { continue }
                passes.addTask {
                    (index, Result { try adapter.prepare(DayContext(cache: cache, adapter: adapter.name, requirements: adapter.requirements)) })
                }
            }
            var readers = [Reader?](repeating: nil, count: adapters.count)
            for await (index, reader) in passes { readers[index] = reader }
            return readers
        }
    }

    /// One adapter's outputs for one entry, or its failure: the one evaluation, which the backtest and
    /// every check of the audit run, read from the adapter's one-pass `reader` when it has one. An
    /// adapter's own error (in its pass or at the entry) or a wrong number of values is
    /// ``TapeDeckError/Code/adapterFailed`` naming the adapter and the entry, never a trap; the engine's own
    /// errors (data not recorded, undeclared reads) are kept, as they already say what to do. `auditor`
    /// records back-door reads (the audit's guard).
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
        } catch let error as TapeDeckError {
            return .failure(error)
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
        async let trades = plan.windows[.trades].asyncMap { try await source.trades(symbol, in: $0) }
        // Quotes go into columns piece by piece: a day of them is never held as `[Quote]` and columns at once.
        async let quotes = plan.windows[.quotes].asyncMap { window in
            var columns = QuoteColumns.Builder()
            try await source.quotes(symbol, in: window) { piece, expected in columns.append(piece, expected: expected) }
            return columns.build()
        }
        return DataCache(
            symbol: symbol, date: plan.symbolDay.date, windows: plan.windows, minuteBars: try await bars,
            timeframes: plan.timeframes, trades: try await trades, quoteColumns: try await quotes, conditions: conditions,
            calendar: calendar)
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
