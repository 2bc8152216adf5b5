import Backtest
import MarketData
import Synchronization
import TapeCodec

/// A source that records every answer of another source in memory and replays it for the same request:
/// the first run through it is cold, every later run warm.
///
/// The audit's cold-vs-warm check runs the same backtest twice through one instance and demands
/// identical digests, so a cache (this one, or an archive's two-tier cache behind the factory) can
/// never change a result. Answers are kept encoded (``EncodedRecords``: every field, exactly), and
/// trades and quotes pass through a piece at a time, so a real-size day is never held as records.
package final class AuditReplaySource: MarketDataSource {
    private struct Key: Hashable {
        var symbol: Symbol
        var kind: DataKind
        var window: TimeWindow
    }

    private enum Answer {
        case bars(EncodedRecords<Bar>)
        case trades(EncodedRecords<Trade>)
        case quotes(EncodedRecords<Quote>)
    }

    package let base: any MarketDataSource
    private let answers = Mutex<[Key: Answer]>([:])
    private let counters = Mutex<(hits: Int, misses: Int)>((0, 0))

    package init(_ base: any MarketDataSource) {
        self.base = base
    }

    /// Requests answered from memory and requests forwarded to the base source.
    package var hitsAndMisses: (hits: Int, misses: Int) { counters.withLock { $0 } }

    /// The base source's table: perturbations and caches never change the rules.
    package func conditionTable() async throws -> TradeConditionTable { try await base.conditionTable() }

    package func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        let key = Key(symbol: symbol, kind: .bars, window: window)
        if case .bars(let bars) = lookUp(key) { return bars.records(in: window) }
        let bars = try await base.bars(symbol, in: window, progress: progress)
        store(.bars(EncodedRecords(bars)), key)
        return bars
    }

    package func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        let key = Key(symbol: symbol, kind: .trades, window: window)
        if case .trades(let trades) = lookUp(key) { return trades.records(in: window) }
        let trades = try await base.trades(symbol, in: window, progress: progress)
        store(.trades(EncodedRecords(trades)), key)
        return trades
    }

    package func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        let key = Key(symbol: symbol, kind: .quotes, window: window)
        if case .quotes(let quotes) = lookUp(key) { return quotes.records(in: window) }
        let quotes = try await base.quotes(symbol, in: window, progress: progress)
        store(.quotes(EncodedRecords(quotes)), key)
        return quotes
    }

    /// The base source's pieces on a miss (kept as they pass), the kept blocks on a hit.
    package func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws {
        let key = Key(symbol: symbol, kind: .trades, window: window)
        if case .trades(let trades) = lookUp(key) { return trades.forEachPiece(in: window, body) }
        var kept = EncodedRecords<Trade>()
        try await base.trades(symbol, in: window) { piece, expected in
            kept.append(contentsOf: piece)
            body(piece, expected)
        }
        store(.trades(kept), key)
    }

    /// The base source's pieces on a miss (kept as they pass), the kept blocks on a hit.
    package func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        let key = Key(symbol: symbol, kind: .quotes, window: window)
        if case .quotes(let quotes) = lookUp(key) { return quotes.forEachPiece(in: window, body) }
        var kept = EncodedRecords<Quote>()
        try await base.quotes(symbol, in: window) { piece, expected in
            kept.append(contentsOf: piece)
            body(piece, expected)
        }
        store(.quotes(kept), key)
    }

    private func lookUp(_ key: Key) -> Answer? {
        let answer = answers.withLock { $0[key] }
        counters.withLock { answer == nil ? ($0.misses += 1) : ($0.hits += 1) }
        return answer
    }

    private func store(_ answer: Answer, _ key: Key) {
        answers.withLock { $0[key] = answer }
    }
}
