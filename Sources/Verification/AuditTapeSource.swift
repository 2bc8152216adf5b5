import Backtest
import MarketData
import TapeCodec

/// An in-memory source over records fetched once from another source: answers any window inside what
/// it holds, and throws `notRecorded` for anything else.
///
/// The audit fetches each symbol-day once (through the source under audit) and then replays it many
/// times — once per entry and perturbation — from here, so an audit costs one fetch per symbol-day like
/// a backtest. The records are held encoded (``EncodedRecords``: every field, exactly) and trades and
/// quotes are handed over a block at a time, so a real-size day (13 million quotes) costs a few hundred MB, not the
/// 1.8 GB of a `[Quote]`.
package struct AuditTapeSource: MarketDataSource {
    /// What one symbol holds: the fetched window and its records per kind.
    package struct Tape: Sendable {
        package var windows: [DataKind: TimeWindow] = [:]
        package var bars = EncodedRecords<Bar>()
        package var trades = EncodedRecords<Trade>()
        package var quotes = EncodedRecords<Quote>()

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

    /// Fetches `windows` of `symbol` from `source` into a tape; trades and quotes arrive in pieces and are
    /// encoded as they come.
    package static func record(
        _ symbol: Symbol, windows: [DataKind: TimeWindow], from source: any MarketDataSource
    ) async throws -> Tape {
        var tape = Tape()
        tape.windows = windows
        async let bars: [Bar] = {
            guard let window = windows[.bars] else { return [] }
            return try await source.bars(symbol, in: window)
        }()
        async let trades: EncodedRecords<Trade> = {
            var trades = EncodedRecords<Trade>()
            if let window = windows[.trades] {
                try await source.trades(symbol, in: window) { piece, _ in trades.append(contentsOf: piece) }
            }
            return trades
        }()
        if let window = windows[.quotes] {
            try await source.quotes(symbol, in: window) { piece, _ in tape.quotes.append(contentsOf: piece) }
        }
        tape.bars = EncodedRecords(try await bars)
        tape.trades = try await trades
        return tape
    }

    package func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try held(symbol, .bars, window).bars.records(in: window)
    }

    package func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try held(symbol, .trades, window).trades.records(in: window)
    }

    package func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try held(symbol, .quotes, window).quotes.records(in: window)
    }

    /// A block at a time.
    package func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws {
        try held(symbol, .trades, window).trades.forEachPiece(in: window, body)
    }

    /// A block at a time.
    package func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        try held(symbol, .quotes, window).quotes.forEachPiece(in: window, body)
    }

    private func held(_ symbol: Symbol, _ kind: DataKind, _ window: TimeWindow) throws(TapeDeckError) -> Tape {
        guard let tape = tapes[symbol], let held = tape.windows[kind], held.contains(window) else {
            throw TapeDeckError(.notRecorded, "audit tape holds no \(kind) of \(symbol) for \(window); this is a bug in the audit's planning")
        }
        return tape
    }
}
