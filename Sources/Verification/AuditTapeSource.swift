import Backtest
import MarketData

/// An in-memory source over records fetched once from another source: answers any window inside what
/// it holds by binary search, and throws `notRecorded` for anything else.
///
/// The audit fetches each symbol-day once (through the source under audit) and then replays it many
/// times — once per entry and perturbation — from here, so an audit costs one fetch per symbol-day like
/// a backtest.
package struct AuditTapeSource: MarketDataSource {
    /// What one symbol holds: the fetched window and its records per kind.
    package struct Tape: Sendable {
        package var windows: [DataKind: TimeWindow] = [:]
        package var bars: [Bar] = []
        package var trades: [Trade] = []
        package var quotes: [Quote] = []

        package init() {}
    }

    package var tapes: [Symbol: Tape]
    /// The trade-condition table of the source the tapes were fetched from.
    package var conditions: TradeConditionTable

    package init(tapes: [Symbol: Tape] = [:], conditions: TradeConditionTable = .builtIn) {
        self.tapes = tapes
        self.conditions = conditions
    }

    package func conditionTable() async throws -> TradeConditionTable { conditions }

    /// Fetches `windows` of `symbol` from `source` into a tape.
    package static func record(
        _ symbol: Symbol, windows: [DataKind: TimeWindow], from source: any MarketDataSource
    ) async throws -> Tape {
        var tape = Tape()
        tape.windows = windows
        async let bars = fetch(windows[.bars]) { try await source.bars(symbol, in: $0) }
        async let trades = fetch(windows[.trades]) { try await source.trades(symbol, in: $0) }
        async let quotes = fetch(windows[.quotes]) { try await source.quotes(symbol, in: $0) }
        tape.bars = try await bars
        tape.trades = try await trades
        tape.quotes = try await quotes
        return tape
    }

    private static func fetch<Record: Sendable>(
        _ window: TimeWindow?, _ body: (TimeWindow) async throws -> [Record]
    ) async throws -> [Record] {
        guard let window else { return [] }
        return try await body(window)
    }

    package func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        let tape = try held(symbol, .bars, window)
        return Self.slice(tape.bars, window) { $0.start.nanoseconds }
    }

    package func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        let tape = try held(symbol, .trades, window)
        return Self.slice(tape.trades, window) { $0.sipTimestamp.nanoseconds }
    }

    package func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        let tape = try held(symbol, .quotes, window)
        return Self.slice(tape.quotes, window) { $0.sipTimestamp.nanoseconds }
    }

    private func held(_ symbol: Symbol, _ kind: DataKind, _ window: TimeWindow) throws(TapeDeckError) -> Tape {
        guard let tape = tapes[symbol], let held = tape.windows[kind], held.contains(window) else {
            throw TapeDeckError(.notRecorded, "audit tape holds no \(kind) of \(symbol) for \(window); this is a bug in the audit's planning")
        }
        return tape
    }

    /// The records whose time lies in `window` (records sorted by time).
    static func slice<Record>(_ records: [Record], _ window: TimeWindow, time: (Record) -> Int64) -> [Record] {
        func firstAtLeast(_ value: Int64) -> Int {
            var low = 0
            var high = records.count
            while low < high {
                let mid = (low + high) / 2
                if time(records[mid]) < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        let lower = firstAtLeast(window.start.nanoseconds)
        return Array(records[lower..<max(lower, firstAtLeast(window.end.nanoseconds))])
    }
}
