import Crypto
import MarketData

/// The canonical text of a run and its digest: what golden files hold and determinism compares.
///
/// Canonical JSON lines (``ResultFormatter/jsonLines(_:)``): keys sorted by UTF-8 bytes, Swift's shortest
/// round-trip doubles, NaN/±inf and undefined values as `null`, `\n` after every line, and nothing about
/// the run itself (no wall-clock time, host or thread count). The digest is the SHA-256 of those bytes.
public enum CanonicalOutput {
    /// Every column of `report` as canonical JSON lines.
    public static func jsonLines(_ report: BacktestReport) -> String {
        ResultFormatter.jsonLines(report)
    }

    /// The columns of one adapter (`Adapter.output`) as canonical JSON lines, with each row's `id`,
    /// `symbol` and `entry_time`.
    public static func jsonLines(_ report: BacktestReport, adapter: String) -> String {
        ResultFormatter.jsonLines(report.restricted(to: adapter))
    }

    /// The lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    public static func digest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The digest of `report`'s canonical JSON lines: the run's identity.
    public static func digest(_ report: BacktestReport) -> String {
        digest(jsonLines(report))
    }

    /// The digest of one adapter's columns of `report`.
    public static func digest(_ report: BacktestReport, adapter: String) -> String {
        digest(jsonLines(report, adapter: adapter))
    }
}

extension BacktestReport {
    /// The report with only `adapter`'s columns (`adapter.` prefix).
    package func restricted(to adapter: String) -> BacktestReport {
        let prefix = adapter + "."
        let kept = columns.indices.filter { columns[$0].hasPrefix(prefix) }
        return BacktestReport(columns: kept.map { columns[$0] }, signals: signals, values: values.map { row in kept.map { row[$0] } })
    }
}
