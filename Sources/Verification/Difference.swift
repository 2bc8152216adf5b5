/// A value that is not what it should be, in one spelling for the audit and the golden files: the
/// entry, the output column, the expected and the actual canonical value, and what was compared.
///
/// The audit keeps the first one per adapter and check (a value that changed when the future was cut,
/// a back-door read, two runs that disagree); `golden verify` the first one per file.
public struct Difference: Hashable, Sendable, CustomStringConvertible {
    /// Where a difference was found.
    public enum Origin: Hashable, Sendable {
        /// An audit check of one adapter.
        case audit(AuditCheck, adapter: String)
        /// A golden file (path relative to the package root): the 1-based line of the first difference
        /// (0 when the file is missing) and how many lines differ in all.
        case golden(file: String, line: Int, differingLines: Int)
    }

    public var origin: Origin
    /// The entry, as `id symbol entry_time` (empty when no row is concerned).
    public var entry: String
    /// The differing output (`Adapter.output`), `violation` for a guard or window read, `line` when whole
    /// lines differ.
    public var column: String
    /// The reference: the audit's baseline run (full data) or the golden file; canonical spelling,
    /// `null`, `error: …`, `<absent>` or `<missing>`.
    public var expected: String
    /// The value under the check's change, or from the fresh run.
    public var actual: String
    /// What was compared, e.g. `removed at/after …`, `1 vs 4 threads`, or the violation itself.
    public var detail: String

    public init(origin: Origin, entry: String, column: String, expected: String, actual: String, detail: String = "") {
        self.origin = origin
        self.entry = entry
        self.column = column
        self.expected = expected
        self.actual = actual
        self.detail = detail
    }

    /// The audit check, for an audit difference.
    public var check: AuditCheck? {
        if case .audit(let check, _) = origin { check } else { nil }
    }

    /// The adapter, for an audit difference.
    public var adapter: String? {
        if case .audit(_, let adapter) = origin { adapter } else { nil }
    }

    /// Audit: `entry: column expected -> actual (detail)`. Golden:
    /// `golden/…/M1EMA.jsonl:3: entry crox-1 CROX …: M1EMA.ema old 12.3 new 12.4 (1 line differs)`.
    public var description: String {
        switch origin {
        case .audit:
            return "\(entry.isEmpty ? "" : entry + ": ")\(column) \(expected) -> \(actual) (\(detail))"
        case .golden(let file, 0, _):
            return "\(file): missing (\(actual))"
        case .golden(let file, let line, let differing):
            let lines = differing == 1 ? "1 line differs" : "\(differing) lines differ"
            return "\(file):\(line): entry \(entry): \(column) old \(expected) new \(actual) (\(lines))"
        }
    }
}

extension Difference {
    /// Compares a golden file's text (`nil` if missing) with fresh canonical text: the first differing
    /// value, or `nil` when they are identical.
    public static func golden(file: String, old: String?, new: String) -> Difference? {
        guard let old else {
            let count = lineCount(new)
            return Difference(
                origin: .golden(file: file, line: 0, differingLines: count), entry: "", column: "", expected: "<missing>",
                actual: "\(count) lines")
        }
        guard old != new else { return nil }
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first: (line: Int, old: String?, new: String?)?
        var differing = 0
        for index in 0..<max(oldLines.count, newLines.count) {
            let a = index < oldLines.count ? oldLines[index] : nil
            let b = index < newLines.count ? newLines[index] : nil
            guard a != b else { continue }
            differing += 1
            if first == nil { first = (index + 1, a, b) }
        }
        guard let first else { return nil }
        return lineDifference(.golden(file: file, line: first.line, differingLines: differing), first.old, first.new)
    }

    /// The first differing key of two canonical lines, or the whole lines when they do not parse.
    private static func lineDifference(_ origin: Origin, _ a: String?, _ b: String?) -> Difference {
        let old = a.flatMap(CanonicalLine.init)
        let new = b.flatMap(CanonicalLine.init)
        let entry = (new ?? old).map(\.entry) ?? ""
        if let old, let new {
            for key in (old.keys + new.keys.filter { !old.keys.contains($0) }) where old[key] != new[key] {
                return Difference(origin: origin, entry: entry, column: key, expected: old[key] ?? "<absent>", actual: new[key] ?? "<absent>")
            }
        }
        return Difference(
            origin: origin, entry: entry, column: "line", expected: a.map { $0.isEmpty ? "<empty>" : $0 } ?? "<absent>",
            actual: b.map { $0.isEmpty ? "<empty>" : $0 } ?? "<absent>")
    }

    private static func lineCount(_ text: String) -> Int { text.split(separator: "\n").count }
}
