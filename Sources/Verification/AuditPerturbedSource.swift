import Backtest
import MarketData

/// A source that changes what another source returns: every answer passes through ``perturbation``.
///
/// This is how the audit rewrites the future (or, to show it is not vacuous, the past) without
/// touching the adapters or the engine: the runner fetches through this source exactly as through any
/// other. Any source can be wrapped, so the checks run the same on the simulator, an archive or a live
/// recording.
package struct AuditPerturbedSource: MarketDataSource {
    package var base: any MarketDataSource
    package var perturbation: AuditPerturbation

    package init(_ base: any MarketDataSource, perturbation: AuditPerturbation) {
        self.base = base
        self.perturbation = perturbation
    }

    /// The base source's table: perturbations and caches never change the rules.
    package func conditionTable() async throws -> TradeConditionTable { try await base.conditionTable() }

    package func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        perturbation.apply(to: try await base.bars(symbol, in: window, progress: progress))
    }

    package func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        perturbation.apply(to: try await base.trades(symbol, in: window, progress: progress))
    }

    package func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        perturbation.apply(to: try await base.quotes(symbol, in: window, progress: progress))
    }

    /// The base source's pieces, those before the region unchanged; from the first piece that reaches the
    /// region on they are held and handed over changed, as one piece. For the future checks that is the
    /// few minutes past the entry, so a day of trades or quotes is never held as records.
    package func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws {
        var pieces = Pieces<Trade>(from: perturbation.regionStart)
        try await base.trades(symbol, in: window) { piece, expected in pieces.take(piece, expected, body) }
        pieces.finish(perturbation.apply(to:), body)
    }

    /// The quotes in pieces, as ``trades(_:in:inPieces:)`` hands over trades.
    package func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        var pieces = Pieces<Quote>(from: perturbation.regionStart)
        try await base.quotes(symbol, in: window) { piece, expected in pieces.take(piece, expected, body) }
        pieces.finish(perturbation.apply(to:), body)
    }

    /// Passes pieces before `regionStart` on and holds the rest for the perturbation.
    private struct Pieces<Record: TapeOrdered> {
        let regionStart: Timestamp
        var held: [Record] = []
        var expected = 0

        init(from regionStart: Timestamp) {
            self.regionStart = regionStart
        }

        mutating func take(_ piece: [Record], _ expected: Int, _ body: (_ piece: [Record], _ expected: Int) -> Void) {
            self.expected = expected
            if held.isEmpty, let last = piece.last, last.tapeTime < regionStart {
                body(piece, expected)
            } else {
                held += piece
            }
        }

        func finish(_ apply: ([Record]) -> [Record], _ body: (_ piece: [Record], _ expected: Int) -> Void) {
            let changed = apply(held)
            body(changed, expected - held.count + changed.count)
        }
    }
}
