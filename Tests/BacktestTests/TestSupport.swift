import Backtest
import MarketData
import Synchronization

/// A source that counts fetches per kind and forwards them.
final class CountingSource: MarketDataSource {
    let base: any MarketDataSource
    private let counts = Mutex<[DataKind: Int]>([:])

    init(_ base: any MarketDataSource) { self.base = base }

    func count(_ kind: DataKind) -> Int { counts.withLock { $0[kind, default: 0] } }

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        counts.withLock { $0[.bars, default: 0] += 1 }
        return try await base.bars(symbol, in: window, progress: progress)
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        counts.withLock { $0[.trades, default: 0] += 1 }
        return try await base.trades(symbol, in: window, progress: progress)
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        counts.withLock { $0[.quotes, default: 0] += 1 }
        return try await base.quotes(symbol, in: window, progress: progress)
    }
}

/// A source that fails every fetch with a fixed error, like an archive missing a window.
struct FailingSource: MarketDataSource {
    let error: TapeDeckError
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] { throw error }
    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] { throw error }
    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] { throw error }
}

/// An adapter reading everything, for engine tests: counts of visible rows.
struct CountingAdapter: BacktestAdapter {
    var name = "Count"
    var summary: String { "counts visible rows" }
    var requirements: [DataRequirement] {
        [.bars(.minute1, lookback: .minutes(30)), .bars(.minute5, lookback: .minutes(60)), .trades(lookback: .minutes(10)), .quotes(lookback: .minutes(10))]
    }
    var outputs: [String] { ["bars1", "bars5", "trades", "quotes", "last_trade_price"] }
    func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        return [
            Double(try context.bars(.minute1).count), Double(try context.bars(.minute5).count), Double(trades.count),
            Double(try context.quotes().count), trades.last?.price,
        ]
    }
}

/// An adapter that breaks the contract in one chosen way.
struct BrokenAdapter: BacktestAdapter {
    enum Fault: Sendable, CaseIterable {
        case tooFewValues, tooManyValues, throwsItsOwnError, throwsATapeDeckError, readsUndeclaredQuotes, throwsNotRecorded
    }
    struct OwnError: Error, CustomStringConvertible { var description: String { "division by the empty book" } }
    /// What ``Fault/throwsNotRecorded`` throws: the source's error, which reaches the user unchanged.
    static let notRecorded = TapeDeckError(.notRecorded, "no quotes for CROX; record them with `tapedeck record --symbols CROX --date 2024-03-15`")
    var fault: Fault
    var name: String { "Broken" }
    var summary: String { "breaks the adapter contract" }
    var requirements: [DataRequirement] { [.trades(lookback: .minutes(5))] }
    var outputs: [String] { ["a", "b"] }
    func evaluate(_ context: EntryContext) throws -> [Double?] {
        switch fault {
        case .tooFewValues: return [1]
        case .tooManyValues: return [1, 2, 3]
        case .throwsItsOwnError: throw OwnError()
        case .throwsATapeDeckError: throw TapeDeckError(.invalidWindow, "the window of the empty book")
        case .readsUndeclaredQuotes: return [Double(try context.quotes().count), nil]
        case .throwsNotRecorded: throw Self.notRecorded
        }
    }
}

func symbol(_ text: String) -> Symbol { try! Symbol(text) }
func time(_ text: String) -> Timestamp { try! Timestamp(parsing: text) }

func minuteBar(_ start: String, close: Double, volume: Double = 100) -> Bar {
    Bar(start: time(start), open: close - 0.5, high: close + 1, low: close - 1, close: close, volume: volume, vwap: close, transactions: 1)
}
