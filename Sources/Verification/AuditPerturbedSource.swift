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
    /// few minutes past the entry, so a day of quotes is never held as records.
    package func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        let regionStart = perturbation.regionStart.nanoseconds
        var held: [Quote] = []
        var expected = 0
        try await base.quotes(symbol, in: window) { piece, total in
            expected = total
            if held.isEmpty, let last = piece.last, last.sipTimestamp.nanoseconds < regionStart {
                body(piece, total)
            } else {
                held += piece
            }
        }
        let changed = perturbation.apply(to: held)
        body(changed, expected - held.count + changed.count)
    }
}
