import Backtest
import MarketData

/// A deliberately leaky demo: the seed's bar rule `if timestamp > entry_time: break`, which keeps the
/// bar that starts at or before E and closes after it — a bar made of trades after the entry.
///
/// The view API never shows that bar, so this adapter reaches for it through the raw cache
/// (``TapeView/rawAccess(recordingTo:)``), passing a throwaway recorder as a careless adapter would.
/// It is not registered: `tapedeck audit` must flag it (guard and future checks); see docs/AUDIT.md.
/// Outputs: `close` (the last admitted bar's close), `bars` (how many were admitted).
public struct LeakyBarRuleAdapter: BacktestAdapter {
    public let lookbackMinutes: Int

    public init(lookbackMinutes: Int = 30) {
        self.lookbackMinutes = lookbackMinutes
    }

    public var name: String { "LeakyBarRule" }
    public var summary: String { "DEMO, leaks: last 1min close by the seed's rule `if timestamp > entry_time: break`" }
    public var requirements: [DataRequirement] { [.bars(.minute1, lookback: .minutes(lookbackMinutes))] }
    public var outputs: [String] { ["close", "bars"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let raw = try context.bars(.minute1).rawAccess(recordingTo: ViolationRecorder())
        var close: Double?
        var admitted = 0
        for index in raw.visibleRange.lowerBound..<raw.count {
            let bar = raw.record(at: index)
            if bar.start > context.entry { break }  // the seed's rule: a bar starting at E, or straddling it, counts
            close = bar.close
            admitted += 1
        }
        return [close, Double(admitted)]
    }
}
