import Backtest
import Calculations
import MarketData
import Verification

/// Gathers a ``ReportDocument`` from a finished run: reads, per symbol-day, the 1-minute bars of the
/// entries' chart spans and the trades and quotes shortly before each entry from the same source the
/// run read (only windows the run itself read, so an archive that ran the backtest serves them), and
/// classifies the trades by Lee-Ready.
public struct ReportCollector: Sendable {
    public var source: any MarketDataSource
    public var adapters: [any BacktestAdapter]
    public var calendar: SessionCalendar
    /// Seconds of trades and quotes shown before each entry.
    public var tapeSeconds: Int = 120
    /// At most this many trades per entry (the newest); fewer on large runs (``tradeLimit(entries:)``).
    public var tapeLimit: Int = 200
    /// Trades and quotes kept over the whole report, shared out among the entries, so that a run of
    /// 10,000 entries stays well under 25 MB.
    public var tapeBudget: Int = 400_000

    /// Trades shown per entry for a run of `entries`: ``tapeLimit``, less when ``tapeBudget`` shared out
    /// gives less (a trade and two quote updates per share), never below 20. Quotes: twice as many.
    public func tradeLimit(entries: Int) -> Int {
        max(20, min(tapeLimit, tapeBudget / max(1, 3 * entries)))
    }

    public init(source: any MarketDataSource, adapters: [any BacktestAdapter], calendar: SessionCalendar = .nyse) {
        self.source = source
        self.adapters = adapters
        self.calendar = calendar
    }

    /// The document for `run` (the ``BacktestRunner`` report of `adapters` on `source`), with the run's
    /// `audit` if one ran and the archive's `coverage` if the source has one.
    public func collect(
        _ run: BacktestReport, sourceLabel: String, audit: AuditReport? = nil, coverage: [ReportCoverage]? = nil, coverageNote: String = ""
    ) async throws -> ReportDocument {
        var requirements: [ReportRequirement] = []
        var requirementKeys: [DataRequirement] = []
        var reportAdapters: [ReportAdapter] = []
        for adapter in adapters {
            var positions: [Int] = []
            for requirement in adapter.requirements {
                if let position = requirementKeys.firstIndex(of: requirement) {
                    positions.append(position)
                    continue
                }
                requirementKeys.append(requirement)
                switch requirement.lookback {
                case .minutes(let n): requirements.append(ReportRequirement(label: requirement.description, minutes: n))
                case .sessions(let n): requirements.append(ReportRequirement(label: requirement.description, sessions: n))
                }
                positions.append(requirementKeys.count - 1)
            }
            reportAdapters.append(ReportAdapter(name: adapter.name, summary: adapter.summary, outputs: adapter.outputs, requirements: positions))
        }
        let longest =
            requirementKeys.compactMap { requirement -> Int? in
                if case .minutes(let n) = requirement.lookback { return n }
                return nil
            }.max() ?? 0
        let span = Int64(max(30, longest)) * 60
        let tape = Int64(tapeSeconds)

        let runner = BacktestRunner(source: source, adapters: adapters, parallelism: 1, calendar: calendar)
        let plans = try runner.plans(for: run.signals)
        var days: [ReportDay] = []
        var entries = [ReportEntry?](repeating: nil, count: run.signals.count)
        var bySymbolDay: [SymbolDay: [Int]] = [:]  // looked up only; the order is the plans'
        for (index, signal) in run.signals.enumerated() {
            bySymbolDay[SymbolDay(symbol: signal.symbol, date: NewYorkTime.date(of: signal.entry)), default: []].append(index)
        }
        for plan in plans {
            let key = plan.symbolDay
            let indices = bySymbolDay[key] ?? []
            guard let first = indices.map({ run.signals[$0].entry }).min(), let last = indices.map({ run.signals[$0].entry }).max()
            else { continue }
            let sessions = try calendar.sessions(on: key.date)
            var day = ReportDay(
                symbol: key.symbol.rawValue, date: key.date, midnight: NewYorkTime.instant(key.date, hour: 0, minute: 0), sessions: sessions)
            // Bars: the run's bar window if it read bars, else the chart span if the source has it.
            let barWindow = TimeWindow(uncheckedStart: first.advanced(by: -span * Timestamp.nanosecondsPerSecond), end: last)
            if let read = plan.windows[.bars] {
                if let window = read.intersection(barWindow) {
                    day.bars = try await source.bars(key.symbol, in: window).filter { $0.timeframe == .minute1 && $0.end <= last }
                }
            } else {
                day.bars = ((try? await source.bars(key.symbol, in: barWindow)) ?? []).filter { $0.timeframe == .minute1 && $0.end <= last }
            }
            // Trades and quotes: only if the run read them; a minute of quotes before for Lee-Ready's state.
            let tapeWindow = TimeWindow(uncheckedStart: first.advanced(by: -(tape + 60) * Timestamp.nanosecondsPerSecond), end: last)
            var trades: [Trade] = []
            if let window = plan.windows[.trades]?.intersection(tapeWindow) { trades = try await source.trades(key.symbol, in: window) }
            var quotes: [Quote] = []
            if let window = plan.windows[.quotes]?.intersection(tapeWindow) { quotes = try await source.quotes(key.symbol, in: window) }
            let sides = Self.leeReady(trades, quotes)

            let tradeLimit = tradeLimit(entries: run.signals.count)
            let quoteLimit = 2 * tradeLimit
            var tradePicks: [[Int]] = []
            var quotePicks: [[Int]] = []
            for index in indices {
                let entry = run.signals[index].entry
                let from = entry.advanced(by: -tape * Timestamp.nanosecondsPerSecond)
                let tradeEnd = Self.firstIndex(trades, atOrAfter: entry, \Trade.sipTimestamp)
                let tradeStart = max(Self.firstIndex(trades, atOrAfter: from, \Trade.sipTimestamp), tradeEnd - tradeLimit)
                tradePicks.append(Array(tradeStart..<tradeEnd))
                // Quotes over the same span as the trades shown, from the one in force at its start.
                let spanStart = tradeStart < tradeEnd ? max(from, trades[tradeStart].sipTimestamp) : from
                let quoteEnd = Self.firstIndex(quotes, atOrAfter: entry, \Quote.sipTimestamp)
                let quoteStart = min(max(Self.firstIndex(quotes, atOrAfter: spanStart, \Quote.sipTimestamp) - 1, 0), quoteEnd)
                quotePicks.append(Self.thinned(quoteStart..<quoteEnd, to: quoteLimit))
            }
            let (tradeKept, tradeRanges) = Self.union(tradePicks)
            let (quoteKept, quoteRanges) = Self.union(quotePicks)
            day.trades = tradeKept.map { ReportTrade(time: trades[$0].sipTimestamp, price: trades[$0].price, size: trades[$0].size, side: sides[$0]) }
            day.quotes = quoteKept.map { ReportQuote(time: quotes[$0].sipTimestamp, bid: quotes[$0].bidPrice, ask: quotes[$0].askPrice) }
            let position = days.count
            days.append(day)
            for (slot, index) in indices.enumerated() {
                let signal = run.signals[index]
                let starts = try requirementKeys.map { requirement throws(TapeDeckError) in
                    try requirement.windowStart(before: signal.entry, calendar: calendar)
                }
                entries[index] = ReportEntry(
                    id: signal.id, symbol: signal.symbol.rawValue, entry: signal.entry, day: position, values: run.values[index],
                    windowStarts: starts, trades: tradeRanges[slot], quotes: quoteRanges[slot])
            }
        }
        return ReportDocument(
            source: sourceLabel, digest: CanonicalOutput.digest(run), adapters: reportAdapters, requirements: requirements,
            entries: entries.compactMap { $0 }, days: days, coverage: coverage, coverageNote: coverageNote,
            audit: audit.map { ReportAudit($0) }, spanSeconds: Int(span),
            tapeSeconds: tapeSeconds)
    }

    /// Lee-Ready sides of `trades` against `quotes` merged in tape order (a quote at a trade's SIP time
    /// prevails for it).
    static func leeReady(_ trades: [Trade], _ quotes: [Quote]) -> [Int] {
        var classifier = LeeReadyClassifier()
        var sides: [Int] = []
        sides.reserveCapacity(trades.count)
        var next = 0
        for trade in trades {
            while next < quotes.count, quotes[next].sipTimestamp <= trade.sipTimestamp {
                classifier.updateQuote(bid: quotes[next].bidPrice, ask: quotes[next].askPrice)
                next += 1
            }
            sides.append(Int(classifier.classify(price: trade.price).side.rawValue))
        }
        return sides
    }

    /// The first index of `records` (sorted by `time`) whose time is at or after `instant`.
    static func firstIndex<Record>(_ records: [Record], atOrAfter instant: Timestamp, _ time: KeyPath<Record, Timestamp>) -> Int {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if records[middle][keyPath: time] < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// At most `limit` indices of `range`, evenly spaced and always with its first and last (the quote in
    /// force at the start of the span, and the one in force at the entry).
    static func thinned(_ range: Range<Int>, to limit: Int) -> [Int] {
        guard range.count > limit, limit >= 2 else { return Array(range) }
        let step = (range.count - 1 + limit - 2) / (limit - 1)
        var picks = Array(stride(from: range.upperBound - 1, to: range.lowerBound, by: -step).reversed())
        picks.insert(range.lowerBound, at: 0)
        return picks
    }

    /// The sorted union of `picks` (ascending indices each), and each entry's picks as the positions in
    /// that union from its first to its last: the slice may also hold other entries' picks in between,
    /// all before the entry too.
    static func union(_ picks: [[Int]]) -> (kept: [Int], ranges: [Range<Int>]) {
        let kept = Set(picks.joined()).sorted()
        var position: [Int: Int] = [:]
        for (index, original) in kept.enumerated() { position[original] = index }
        let mapped = picks.map { picks -> Range<Int> in
            guard let first = picks.first, let last = picks.last, let from = position[first], let to = position[last] else { return 0..<0 }
            return from..<(to + 1)
        }
        return (kept, mapped)
    }
}
