import MarketData

/// What an archive holds of one symbol, New York day and kind: the covered windows, in order.
public struct ReportCoverage: Hashable, Sendable {
    public var symbol: String
    /// The New York day, `YYYY-MM-DD`.
    public var day: String
    /// `bars`, `trades` or `quotes`.
    public var kind: String
    /// Covered windows, sorted and merged.
    public var windows: [TimeWindow]

    public init(symbol: String, day: String, kind: String, windows: [TimeWindow]) {
        self.symbol = symbol
        self.day = day
        self.kind = kind
        self.windows = windows
    }

    /// The holes between covered windows: recorded before and after, missing in between.
    public var gaps: [TimeWindow] {
        zip(windows, windows.dropFirst()).compactMap { left, right in
            left.end < right.start ? TimeWindow(uncheckedStart: left.end, end: right.start) : nil
        }
    }

    /// `rows` with one row per symbol, day and kind (windows of equal rows joined, touching or
    /// overlapping windows merged), sorted by day, symbol, then bars, trades, quotes: several archives
    /// read as one give one timeline.
    public static func merged(_ rows: [ReportCoverage]) -> [ReportCoverage] {
        let order = ["bars": 0, "trades": 1, "quotes": 2]
        func key(_ row: ReportCoverage) -> (String, String, Int, String) { (row.day, row.symbol, order[row.kind] ?? 3, row.kind) }
        var out: [ReportCoverage] = []
        for row in rows.sorted(by: { key($0) < key($1) }) {
            if let last = out.last, key(last) == key(row) {
                out[out.count - 1].windows += row.windows
            } else {
                out.append(row)
            }
        }
        for index in out.indices { out[index].windows = joined(out[index].windows) }
        return out
    }

    /// `windows` sorted, with touching or overlapping windows joined.
    public static func joined(_ windows: [TimeWindow]) -> [TimeWindow] {
        var out: [TimeWindow] = []
        for window in windows.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = out.last, window.start <= last.end {
                out[out.count - 1] = TimeWindow(uncheckedStart: last.start, end: max(last.end, window.end))
            } else {
                out.append(window)
            }
        }
        return out
    }
}
