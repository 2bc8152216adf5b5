/// The first evidence against an adapter in one check: where, which value, what it was and became.
public struct AuditFailure: Hashable, Sendable, CustomStringConvertible {
    public var check: AuditCheck
    public var adapter: String
    /// The entry, as `id symbol entry_time` (empty for whole-run determinism failures with no row).
    public var entry: String
    /// The differing output (`Adapter.output`), or `violation` for a guard/window read.
    public var column: String
    /// The reference value (baseline run, full data), canonical spelling or `null`/`error: …`.
    public var expected: String
    /// The value under the check's change.
    public var actual: String
    /// What was compared, e.g. `removed at/after …`, `1 vs 4 threads`, or the violation itself.
    public var detail: String

    public init(check: AuditCheck, adapter: String, entry: String, column: String, expected: String, actual: String, detail: String) {
        self.check = check
        self.adapter = adapter
        self.entry = entry
        self.column = column
        self.expected = expected
        self.actual = actual
        self.detail = detail
    }

    /// One line: `entry: column expected → actual (detail)`.
    public var description: String {
        "\(entry.isEmpty ? "" : entry + ": ")\(column) \(expected) -> \(actual) (\(detail))"
    }
}
