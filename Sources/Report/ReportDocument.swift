import MarketData

/// Everything one report shows, gathered by ``ReportCollector`` (or built by hand in tests) and turned
/// into HTML by ``ReportRenderer``. Equal documents render to identical bytes.
public struct ReportDocument: Hashable, Sendable {
    /// Where the data came from (`archive:recordings/…`, `simulate:1`, `live`).
    public var source: String
    /// SHA-256 of the run's canonical JSON lines (what golden files hold).
    public var digest: String
    public var adapters: [ReportAdapter]
    /// The distinct declared windows of ``adapters``.
    public var requirements: [ReportRequirement]
    /// One per signal, in input order.
    public var entries: [ReportEntry]
    public var days: [ReportDay]
    /// Archive coverage per symbol-day and kind, or `nil` when the source has none to show.
    public var coverage: [ReportCoverage]?
    /// A sentence shown when ``coverage`` is `nil` (the simulator serves every window).
    public var coverageNote: String
    /// The audit, when one ran.
    public var audit: ReportAudit?
    /// The candle chart's lookback, seconds: the longest lookback in minutes, at least 30 minutes.
    public var spanSeconds: Int
    /// How far before each entry its trades and quotes are shown, seconds.
    public var tapeSeconds: Int

    public init(
        source: String, digest: String, adapters: [ReportAdapter], requirements: [ReportRequirement], entries: [ReportEntry],
        days: [ReportDay], coverage: [ReportCoverage]?, coverageNote: String = "", audit: ReportAudit? = nil, spanSeconds: Int,
        tapeSeconds: Int
    ) {
        self.source = source
        self.digest = digest
        self.adapters = adapters
        self.requirements = requirements
        self.entries = entries
        self.days = days
        self.coverage = coverage
        self.coverageNote = coverageNote
        self.audit = audit
        self.spanSeconds = spanSeconds
        self.tapeSeconds = tapeSeconds
    }

    /// Output columns, `Adapter.output`, in adapter order (the run's columns).
    public var columns: [String] { adapters.flatMap { adapter in adapter.outputs.map { "\(adapter.name).\($0)" } } }

    /// The chart axis of entry `index` (see ``ChartGeometry``).
    package func geometry(ofEntry index: Int) -> ChartGeometry {
        let entry = entries[index]
        return ChartGeometry(entry: days[entry.day].seconds(entry.entry), span: Double(spanSeconds))
    }
}
