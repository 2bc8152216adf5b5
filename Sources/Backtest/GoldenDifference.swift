/// How one golden file compares with a fresh run: identical, missing, or the first differing value.
public struct GoldenDifference: Hashable, Sendable, CustomStringConvertible {
    /// Path relative to the package root.
    public var file: String
    /// 1-based line of the first difference (0 when the file is missing).
    public var line: Int
    /// The entry of that line, `id symbol entry_time`.
    public var entry: String
    /// The first differing key (`Adapter.output`), or `line` when whole lines differ.
    public var column: String
    /// The value in the golden file (`<missing>` when absent).
    public var old: String
    /// The value from the fresh run.
    public var new: String
    /// Lines that differ in all.
    public var differingLines: Int

    public init(file: String, line: Int, entry: String, column: String, old: String, new: String, differingLines: Int) {
        self.file = file
        self.line = line
        self.entry = entry
        self.column = column
        self.old = old
        self.new = new
        self.differingLines = differingLines
    }

    /// `golden/…/M1EMA.jsonl:3: entry crox-1 CROX …: M1EMA.ema old 12.3 new 12.4 (1 line differs)`.
    public var description: String {
        if line == 0 { return "\(file): missing (\(new))" }
        let lines = differingLines == 1 ? "1 line differs" : "\(differingLines) lines differ"
        return "\(file):\(line): entry \(entry): \(column) old \(old) new \(new) (\(lines))"
    }

    /// Compares a golden file's text (`nil` if missing) with fresh canonical text.
    public static func compare(file: String, old: String?, new: String) -> GoldenDifference? {
        guard let old else {
            return GoldenDifference(file: file, line: 0, entry: "", column: "", old: "<missing>", new: "\(lineCount(new)) lines", differingLines: lineCount(new))
        }
        guard old != new else { return nil }
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first: GoldenDifference?
        var differing = 0
        for index in 0..<max(oldLines.count, newLines.count) {
            let a = index < oldLines.count ? oldLines[index] : nil
            let b = index < newLines.count ? newLines[index] : nil
            guard a != b else { continue }
            differing += 1
            if first == nil { first = difference(file: file, line: index + 1, a, b) }
        }
        guard var first else { return nil }
        first.differingLines = differing
        return first
    }

    private static func difference(file: String, line: Int, _ a: String?, _ b: String?) -> GoldenDifference {
        let old = a.flatMap(CanonicalLine.init)
        let new = b.flatMap(CanonicalLine.init)
        let entry = (new ?? old).map(\.entry) ?? ""
        if let old, let new {
            for key in (old.keys + new.keys.filter { !old.keys.contains($0) }) where old[key] != new[key] {
                return GoldenDifference(
                    file: file, line: line, entry: entry, column: key, old: old[key] ?? "<absent>", new: new[key] ?? "<absent>",
                    differingLines: 1)
            }
        }
        return GoldenDifference(
            file: file, line: line, entry: entry, column: "line", old: a.map { $0.isEmpty ? "<empty>" : $0 } ?? "<absent>",
            new: b.map { $0.isEmpty ? "<empty>" : $0 } ?? "<absent>", differingLines: 1)
    }

    private static func lineCount(_ text: String) -> Int { text.split(separator: "\n").count }
}
