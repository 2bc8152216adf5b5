import Adapters
import ArgumentParser
import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Verification

/// `tapedeck audit`: proves, per adapter and entry, no look-ahead, honest windows and determinism.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Prove that no calculation sees the future, reads outside its window, or varies between runs.",
        discussion: """
            For every adapter and entry: guard (no read past the entry time through the raw cache), future \
            perturbation (outputs unchanged when all data at/after the entry is removed, shifted, padded with \
            extra trades or reordered), window honesty (unchanged without the data before the declared \
            lookback) and determinism (identical digests over two runs, 1 vs N threads, cold vs warm cache, one pass vs per entry, \
            and against every --compare-* source). Prints a table adapter × check; exits 1 if anything fails. \
            The demo adapters \(LeakyDemoAdapters.names.joined(separator: ", ")) are accepted by --adapters to \
            see a failure; they never run by default.
            """
    )

    @OptionGroup var source: SourceOptions

    @OptionGroup var run: RunOptions

    @Option(parsing: .singleValue, help: "Also require identical results from this archive (repeatable).")
    var compareArchive: [String] = []

    @Option(parsing: .singleValue, help: "Also require identical results from the simulator with this seed (repeatable).")
    var compareSimulate: [UInt64] = []

    @Option(help: "Comma-separated checks to run (default: all): \(AuditCheck.allCases.map(\.rawValue).joined(separator: ", ")).")
    var checks: String?

    @Option(help: "N of the 1-vs-N-threads check, and entries audited at once (default: cores, at least 2).")
    var threads: Int?

    @Option(
        help: "Minutes of future trades and quotes fetched and perturbed past each entry (default 5); bars at least the longest bar timeframe read.")
    var horizon: Int = 5

    @Flag(help: "Audit the per-entry evaluation (every adapter reads its window for every entry) instead of the one-pass engine.")
    var perEntry = false

    @Flag(help: "Print the report as canonical JSON instead of a table.")
    var json = false

    @Flag(help: "Exit 0 when checks are inconclusive (nothing to check, e.g. no recorded future) but none failed.")
    var allowInconclusive = false

    func validate() throws {
        if let threads, threads < 2 { throw ValidationError("--threads \(threads) must be at least 2 (it is the N of 1 vs N)") }
        guard (1...RecordCommand.maximumMinutes).contains(horizon) else {
            throw ValidationError("--horizon \(horizon) must be from 1 to \(RecordCommand.maximumMinutes) minutes (a day)")
        }
    }

    func run() async throws {
        let chosen = try run.chosenAdapters(includingDemos: true)
        let signals = try run.readSignals()
        let source = try Self.auditSource(self.source)
        _ = try source.make()  // a bad --archive fails here, before any work
        let comparisons =
            compareArchive.map { Self.auditSource(archive: $0, simulate: nil) } + compareSimulate.map { Self.auditSource(archive: nil, simulate: $0) }
        var runner = AuditRunner(source: source, comparisons: comparisons, adapters: chosen, checks: try Self.checks(parsing: checks), horizonMinutes: horizon)
        if let threads { runner.threads = threads }
        if perEntry { runner.evaluation = .perEntry }
        let report = try await runner.run(signals) { line in
            Console.note("audit: \(line)\n")
        }
        try Console.write(json ? report.json : report.table)
        if let cache = try source.make() as? TieredCache {
            Console.note("\(await cache.summary)\n")
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
        if !report.isConclusive, !allowInconclusive {
            Console.note(
                "error: some checks had nothing to check (INCONCLUSIVE above), so the audit proved nothing for them; record the future they need with `tapedeck record --signals FILE --for-audit`, or pass --allow-inconclusive\n"
            )
            throw ExitCode(1)
        }
    }

    /// A source named the way `golden/manifest.json` names it.
    static func auditSource(archive: String?, simulate: UInt64?) -> AuditSource {
        if let simulate { return AuditSource(label: "simulate:\(simulate)") { SimulatorSource(seed: simulate) } }
        let archive = archive ?? BacktestCommand.sampleArchive
        return AuditSource(label: "archive:\(archive)") { try ArchiveSource(path: archive) }
    }

    /// The audited source: `--live` is one cache shared by every run of the audit (memory, then the cache
    /// archive, then the network), so the audit fetches each symbol-day at most once.
    static func auditSource(_ options: SourceOptions) throws -> AuditSource {
        if options.live {
            let cache = try options.liveCache()
            return AuditSource(label: "live") { cache }
        }
        if let simulate = options.simulate { return auditSource(archive: nil, simulate: simulate) }
        if options.archive.count <= 1 { return auditSource(archive: options.archive.first, simulate: nil) }
        let paths = options.archive
        return AuditSource(label: "archive:" + paths.joined(separator: ",")) { try ArchiveSource(paths: paths) }
    }

    /// Checks for a comma-separated list; `nil` means all.
    static func checks(parsing list: String?) throws -> [AuditCheck] {
        guard let list, !list.isEmpty else { return AuditCheck.allCases }
        return try list.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let check = AuditCheck(name: name) else {
                throw ValidationError("unknown check \"\(name)\"; known: \(AuditCheck.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return check
        }
    }
}
