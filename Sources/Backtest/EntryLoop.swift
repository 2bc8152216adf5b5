import MarketData

/// The one evaluate loop, which the backtest (``BacktestRunner``) and the audit both run: per symbol-day
/// (sorted by date, then symbol) prepare once, then work on its entries `parallelism` at a time and hand
/// each result back as it completes. What a symbol-day's preparation and an entry's work are is the
/// caller's: the backtest fetches a cache and evaluates every adapter (``PreparedDay``), the audit
/// records a tape with its future and runs its checks, which evaluate through ``PreparedDay`` too.
package enum EntryLoop {
    /// Runs `work` on every index of every group, at most `parallelism` at once within a group, after
    /// `prepare` for that group; `finished(index, value)` is called in completion order. The first error
    /// stops the loop.
    package static func run<Day: Sendable, Value: Sendable>(
        _ groups: [(key: SymbolDay, indices: [Int])], parallelism: Int,
        prepare: (SymbolDay, [Int]) async throws -> Day,
        work: @escaping @Sendable (Day, Int) async throws -> Value,
        finished: (Int, Value) -> Void
    ) async throws {
        for group in groups {
            let day = try await prepare(group.key, group.indices)
            try await withThrowingTaskGroup(of: (Int, Value).self) { tasks in
                var pending = group.indices[...]
                func addNext() {
                    guard let index = pending.popFirst() else { return }
                    tasks.addTask { (index, try await work(day, index)) }
                }
                for _ in 0..<min(max(1, parallelism), pending.count) { addNext() }
                while let (index, value) = try await tasks.next() {
                    finished(index, value)
                    addNext()
                }
            }
        }
    }
}

/// One symbol-day ready to evaluate: its cache and each adapter's one-pass reader (or `nil`, evaluated
/// per entry). ``outputs(at:auditor:stoppingAtFirstFailure:)`` is the one loop over adapters.
package struct PreparedDay: Sendable {
    package let adapters: [any BacktestAdapter]
    package let cache: DataCache
    package let readers: [BacktestRunner.Reader?]
    package let calendar: SessionCalendar

    /// Every adapter's outputs at `entry`, or its failure (``BacktestRunner/output(of:reader:cache:entry:calendar:auditor:)``),
    /// in adapter order; after a failure the rest are left out when `stoppingAtFirstFailure`.
    ///
    /// It yields after an adapter once a few milliseconds have passed: an entry of 33 adapters evaluated
    /// per entry on a liquid day is long enough to hold up everything else on the task pool's few threads,
    /// such as the feed a `backtest --stream` reads, while yielding after every adapter of a one-pass
    /// entry (well under a millisecond) cost a fifth of a 10,000-entry run. Only scheduling depends on
    /// the clock, never a value.
    package func outputs(
        at entry: Timestamp, auditor: ViolationRecorder? = nil, stoppingAtFirstFailure: Bool = false
    ) async -> [Result<[Double?], TapeDeckError>] {
        var results: [Result<[Double?], TapeDeckError>] = []
        results.reserveCapacity(adapters.count)
        let clock = ContinuousClock()
        var lastYield = clock.now
        for (adapter, reader) in zip(adapters, readers) {
            let result = BacktestRunner.output(of: adapter, reader: reader, cache: cache, entry: entry, calendar: calendar, auditor: auditor)
            results.append(result)
            if stoppingAtFirstFailure, case .failure = result { break }
            if clock.now - lastYield > Self.yieldInterval {
                await Task.yield()
                lastYield = clock.now
            }
        }
        return results
    }

    /// How long an entry's adapters run before they let other tasks in.
    static let yieldInterval = Duration.milliseconds(2)
}
