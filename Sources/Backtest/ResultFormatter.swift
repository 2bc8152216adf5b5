import Foundation
import MarketData

/// Writes a ``BacktestReport`` as canonical JSON lines, CSV or a readable table.
///
/// Every row has `id` (the signal's id, `null` when absent), `symbol`, `entry_time` (New York ISO-8601
/// with its offset) and one field per column. Doubles are spelled by Swift's shortest round-trip
/// `description`; NaN, infinities and undefined values are `null` in JSON and empty in CSV.
public enum ResultFormatter {
    /// One JSON object per line, keys sorted by their UTF-8 bytes, `\n` after every line.
    public static func jsonLines(_ report: BacktestReport) -> String {
        // Every row has the same keys: sort them once (stable, so the order is a function of the keys).
        let keys = ["entry_time", "id", "symbol"] + report.columns
        let order = keys.indices.sorted { Array(keys[$0].utf8).lexicographicallyPrecedes(Array(keys[$1].utf8)) }
        let prefixes = order.enumerated().map { position, key in (position == 0 ? "{" : ",") + JSONText.quoted(keys[key]) + ":" }
        var out = ""
        var fields = [String](repeating: "", count: keys.count)
        for (signal, values) in zip(report.signals, report.values) {
            fields[0] = JSONText.quoted(signal.entry.newYorkISO8601)
            fields[1] = signal.id.map(JSONText.quoted) ?? "null"
            fields[2] = JSONText.quoted(signal.symbol.rawValue)
            for (column, value) in values.enumerated() { fields[3 + column] = number(value) ?? "null" }
            for (position, key) in order.enumerated() {
                out += prefixes[position]
                out += fields[key]
            }
            out += "}\n"
        }
        return out
    }

    /// A header line, then one line per row; fields quoted only when they need it.
    public static func csv(_ report: BacktestReport) -> String {
        var out = (["id", "symbol", "entry_time"] + report.columns).map(csvField).joined(separator: ",") + "\n"
        for (signal, values) in zip(report.signals, report.values) {
            let fields = [signal.id ?? "", signal.symbol.rawValue, signal.entry.newYorkISO8601] + values.map { number($0) ?? "" }
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A fixed-width table for people: entry times in New York wall-clock time, numbers to at most four
    /// decimals, `-` for undefined values.
    public static func table(_ report: BacktestReport) -> String {
        let header = ["id", "symbol", "entry (New York)"] + report.columns
        var rows = [header]
        for (signal, values) in zip(report.signals, report.values) {
            let (date, second, nanosecond) = NewYorkTime.wallClock(at: signal.entry)
            var time = String(format: "%@ %02d:%02d:%02d", date.description, second / 3600, second / 60 % 60, second % 60)
            if nanosecond != 0 { time += String(format: ".%03d", nanosecond / 1_000_000) }
            rows.append([signal.id ?? "", signal.symbol.rawValue, time] + values.map(readable))
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in
                i < 3
                    ? cell + String(repeating: " ", count: widths[i] - cell.count)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// Shortest round-trip spelling, or `nil` for undefined, NaN and infinite values.
    package static func number(_ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        return value.description
    }

    private static func readable(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
