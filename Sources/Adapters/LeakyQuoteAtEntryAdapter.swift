import Backtest
import MarketData

/// A deliberately leaky demo: the prevailing quote by `time <= E` instead of `time < E`, so a quote stamped
/// at exactly the entry instant — which nobody could have seen before deciding at E — counts.
///
/// The view ends before E, so the adapter looks at the first row past the frontier through the raw cache
/// (``TapeView/rawAccess(recordingTo:)``). Not registered: the guard check and `future-extra` (which plants
/// a quote at E) catch it (see docs/AUDIT.md). Outputs: `bid`, `ask`, `mid`.
public struct LeakyQuoteAtEntryAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "LeakyQuoteAtEntry" }
    public var summary: String { "DEMO, leaks: the prevailing quote at the entry by time <= E, so a quote stamped at E counts" }
    public var requirements: [DataRequirement] { [.quotes(lookback: .minutes(5))] }
    public var outputs: [String] { ["bid", "ask", "mid"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let quotes = try context.quotes()
        let raw = quotes.rawAccess(recordingTo: ViolationRecorder())
        var index = raw.visibleRange.upperBound
        var latest = quotes.last
        while index < raw.count {
            let quote = raw.record(at: index)
            guard quote.time <= context.entry else { break }  // the leak: `<=` where the rule is `<`
            latest = quote
            index += 1
        }
        guard let latest else { return [nil, nil, nil] }
        return [latest.bidPrice, latest.askPrice, (latest.bidPrice + latest.askPrice) / 2]
    }
}
