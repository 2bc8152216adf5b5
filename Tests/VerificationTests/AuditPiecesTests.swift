import Backtest
import MarketData
import MarketSimulator
import TapeCodec
import Testing
import Verification

/// The audit's sources hand quotes over in pieces so a real-size day is never held as records; what the
/// pieces add up to must be exactly what the whole answer is, for every perturbation and region.
struct AuditPiecesTests {
    static let window = TimeWindow(uncheckedStart: time("2024-03-15 09:50"), end: time("2024-03-15 10:10"))

    /// A tape of CROX's quotes in blocks of 10, so a window is many pieces and a region starts mid-block.
    static func tape() async throws -> (AuditTapeSource, [Quote]) {
        let quotes = try await SimulatorSource(seed: 1).quotes(symbol("CROX"), in: window)
        var tape = AuditTapeSource.Tape()
        tape.windows = [.quotes: window]
        tape.quotes = EncodedRecords(quotes, blockSize: 10)
        return (AuditTapeSource(tapes: [symbol("CROX"): tape]), quotes)
    }

    static func pieces(_ source: any MarketDataSource, _ window: TimeWindow) async throws -> (quotes: [Quote], pieces: Int, expected: Int) {
        var quotes: [Quote] = []
        var pieces = 0
        var expected = 0
        try await source.quotes(symbol("CROX"), in: window) { piece, total in
            quotes += piece
            pieces += 1
            expected = total
        }
        return (quotes, pieces, expected)
    }

    static let regions: [AuditPerturbation.Region] = [
        .notVisible(at: time("2024-03-15 10:00")), .notVisible(at: time("2024-03-15 09:40")), .notVisible(at: time("2024-03-15 10:30")),
        .visible(from: time("2024-03-15 09:55"), at: time("2024-03-15 10:00")),
    ]

    @Test(arguments: AuditPerturbation.Kind.allCases)
    func perturbedPiecesAreThePerturbedAnswer(kind: AuditPerturbation.Kind) async throws {
        let (tape, quotes) = try await Self.tape()
        #expect(quotes.count > 100)
        for region in Self.regions {
            let perturbation = AuditPerturbation(kind, region)
            let whole = perturbation.apply(to: quotes)
            let (pieced, count, expected) = try await Self.pieces(AuditPerturbedSource(tape, perturbation: perturbation), Self.window)
            #expect(pieced.elementsEqual(whole), "\(perturbation)")
            #expect(expected >= whole.count)
            if case .notVisible(let entry) = region, entry > Self.window.start, entry < Self.window.end {
                #expect(count > 2, "the past before \(entry) was not handed over piece by piece")
            }
        }
    }

    @Test func tapeAndReplayPiecesAreTheWholeAnswer() async throws {
        let (tape, quotes) = try await Self.tape()
        let inner = TimeWindow(uncheckedStart: time("2024-03-15 09:51:30"), end: time("2024-03-15 10:02:17"))
        let expected = quotes.filter { inner.contains($0.sipTimestamp) }
        #expect(try await Self.pieces(tape, inner).quotes == expected)
        #expect(try await tape.quotes(symbol("CROX"), in: inner) == expected)
        let replay = AuditReplaySource(tape)
        let cold = try await Self.pieces(replay, inner)
        let warm = try await Self.pieces(replay, inner)
        #expect(cold.quotes == expected && warm.quotes == expected)
        #expect(replay.hitsAndMisses == (hits: 1, misses: 1))
        #expect(try await replay.quotes(symbol("CROX"), in: inner) == expected)
    }

    /// Trades go through the same pieces: CROX's trades in blocks of 2.
    @Test(arguments: AuditPerturbation.Kind.allCases)
    func perturbedTradePiecesAreThePerturbedAnswer(kind: AuditPerturbation.Kind) async throws {
        let trades = try await SimulatorSource(seed: 1).trades(symbol("CROX"), in: Self.window)
        #expect(trades.count > 10)
        var tape = AuditTapeSource.Tape()
        tape.windows = [.trades: Self.window]
        tape.trades = EncodedRecords(trades, blockSize: 2)
        let source = AuditTapeSource(tapes: [symbol("CROX"): tape])
        for region in Self.regions {
            let perturbation = AuditPerturbation(kind, region)
            let whole = perturbation.apply(to: trades)
            var pieced: [Trade] = []
            var expected = 0
            try await AuditPerturbedSource(source, perturbation: perturbation).trades(symbol("CROX"), in: Self.window) { piece, total in
                pieced += piece
                expected = total
            }
            #expect(pieced.elementsEqual(whole), "\(perturbation)")
            #expect(expected >= whole.count)
        }
        let replay = AuditReplaySource(source)
        for _ in 0..<2 {
            var pieced: [Trade] = []
            try await replay.trades(symbol("CROX"), in: Self.window) { piece, _ in pieced += piece }
            #expect(pieced == trades)
        }
        #expect(replay.hitsAndMisses == (hits: 1, misses: 1))
    }

    @Test func aWindowTheTapeDoesNotHoldIsAnError() async throws {
        let (tape, _) = try await Self.tape()
        let wider = TimeWindow(uncheckedStart: time("2024-03-15 09:49"), end: time("2024-03-15 10:00"))
        await #expect(throws: TapeDeckError.self) { try await Self.pieces(tape, wider) }
    }
}
