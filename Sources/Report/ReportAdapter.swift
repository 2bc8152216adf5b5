/// One adapter as the report shows it: name, what it computes, its outputs and the windows it reads.
public struct ReportAdapter: Hashable, Sendable {
    /// Registry name, e.g. `M1EMA`.
    public var name: String
    /// The adapter's one-line summary.
    public var summary: String
    /// Output names without the adapter prefix (`ema`, `close`).
    public var outputs: [String]
    /// Its requirements, as positions in ``ReportDocument/requirements``.
    public var requirements: [Int]

    public init(name: String, summary: String, outputs: [String], requirements: [Int]) {
        self.name = name
        self.summary = summary
        self.outputs = outputs
        self.requirements = requirements
    }
}
