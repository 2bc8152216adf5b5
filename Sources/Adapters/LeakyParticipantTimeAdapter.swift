import Backtest
import MarketData

/// A deliberately leaky demo: selects trades by participant timestamp instead of SIP timestamp. A venue
/// stamps a trade microseconds (a TRF report milliseconds) before the SIP publishes it, so "trades stamped
/// before E" includes prints the market only learned of at or after E.
///
/// The view ends at the last trade with SIP time before E, so the adapter reads on through the raw cache
/// (``TapeView/rawAccess(recordingTo:)``) while the participant time is before E. Not registered: the
/// guard check catches every such read; the future checks catch it whenever a print straddles E (see
/// docs/AUDIT.md). Outputs: `last_price`, `trades`.
public struct LeakyParticipantTimeAdapter: BacktestAdapter {
    public init() {}

    public var name: String { "LeakyParticipantTime" }
    public var summary: String { "DEMO, leaks: last price and count of trades whose participant time is before the entry" }
    public var requirements: [DataRequirement] { [.trades(lookback: .minutes(5))] }
    public var outputs: [String] { ["last_price", "trades"] }

    public func evaluate(_ context: EntryContext) throws -> [Double?] {
        let trades = try context.trades()
        let raw = trades.rawAccess(recordingTo: ViolationRecorder())
        var last = trades.last?.price
        var count = trades.count
        var index = raw.visibleRange.upperBound
        while index < raw.count {
            let trade = raw.record(at: index)
            guard let stamped = trade.participantTime, stamped < context.entry else { break }  // the leak
            last = trade.price
            count += 1
            index += 1
        }
        return [last, Double(count)]
    }
}
