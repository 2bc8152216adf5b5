import Backtest
import MarketData

/// A named way to make a source: the audit calls ``make`` for each run that must start cold, so the
/// "two runs" and "cold vs warm" checks compare fresh instances.
///
/// The command line builds these from the same factory as `tapedeck backtest` (`--archive`,
/// `--simulate`), so any source — the simulator, an archive, data fetched through the HTTP server and
/// recorded — can be audited or compared with another.
public struct AuditSource: Sendable {
    /// How the source is named in reports, e.g. `simulate:1` or `archive:recordings/x.sqlite`.
    public var label: String
    /// A fresh instance of the source.
    public var make: @Sendable () throws -> any MarketDataSource

    public init(label: String, make: @escaping @Sendable () throws -> any MarketDataSource) {
        self.label = label
        self.make = make
    }
}
