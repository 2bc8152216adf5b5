import MarketData

/// The results of a run: one row per signal, in input order; one column per adapter output.
public struct BacktestReport: Sendable, Hashable {
    /// `Adapter.output` names.
    public var columns: [String]
    public var signals: [Signal]
    /// `values[i][j]`: column `j` for signal `i`, `nil` where undefined.
    public var values: [[Double?]]

    public init(columns: [String], signals: [Signal], values: [[Double?]]) {
        self.columns = columns
        self.signals = signals
        self.values = values
    }
}
