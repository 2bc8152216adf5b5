import Adapters
import ArgumentParser
import Backtest
import Foundation
import MarketData
import MarketSimulator
import Synchronization
import TapeArchive

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tapedeck backtest`: runs every calculation for every entry of a signals file against a source.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run the calculations for each entry of a signals file (default: the sample signals on the committed recording).",
        discussion: """
            Signals are CSV lines `symbol,entry_time[,id]` or JSON lines {"symbol":…,"entry_time":…,"id":…}; \
            times are ISO-8601 with an offset or New York local time. Data is fetched once per symbol-day and \
            kind; each calculation sees only trades and quotes before the entry time and bars closed by it. \
            Without a source option the committed recording \(BacktestCommand.sampleArchive) is replayed, offline.
            """
    )

    /// The simulator seed used when no source is given.
    static let defaultSeed: UInt64 = 1
    /// The committed recording the sample signals run on by default (see `tools/record-sample.sh`).
    static let sampleArchive = "recordings/sample-2024-03-15.tapedeck"

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, table
    }

    @OptionGroup var source: SourceOptions

    @OptionGroup var run: RunOptions

    @Option(help: "Output format: json (canonical JSON lines), csv or table (default: table on standard output, json with --out).")
    var format: Format?

    @Option(help: "Write results to this file instead of standard output.")
    var out: String?

    @Option(help: "Entries evaluated at once (default: one per core); results do not depend on it.")
    var parallelism: Int?

    @Flag(help: "Evaluate every adapter per entry, reading its window each time: the reference the one-pass engine equals; slower.")
    var perEntry = false

    @Option(help: "Run only shard K of N (K/N): a fixed subset of the symbol-days; join the N outputs with `tapedeck merge`.")
    var shard: String?

    @Option(
        help: ArgumentHelp(
            "Run on the stocks WebSocket feed at this URL: each row is written once the feed's clock passes its entry.",
            discussion:
                "e.g. ws://127.0.0.1:8080/stocks (`tapedeck serve`); without a URL, the real-time feed wss://socket.massive.com/stocks. --archive, --simulate or --live then give the data before the feed's first event (prior sessions); rows are JSON lines (or --format csv) in entry-time order.",
            valueName: "url"))
    var stream: String?

    func validate() throws {
        if let parallelism, parallelism < 1 { throw ValidationError("--parallelism \(parallelism) must be at least 1") }
        if let shard { _ = try Shard(parsing: shard) }
        if stream != nil, format == .table {
            throw ValidationError("--stream writes each row as its entry passes: use --format json (the default) or csv")
        }
    }

    /// Errors are ``TapeDeckError``s printed as their one-line message, unchanged (including a source's,
    /// such as the archive's `tapedeck record …` advice).
    func run() async throws {
        let chosen = try run.chosenAdapters()
        var signals = try run.readSignals()
        if let shard = try shard.map(Shard.init(parsing:)) { signals = signals.filter(shard.contains) }
        if let stream {
            let history = self.source.isGiven ? try self.source.makeSource(defaultArchive: Self.sampleArchive) : nil
            return try await runStream(from: stream, adapters: chosen, signals: signals, format: format ?? .json, history: history)
        }
        let source = try self.source.makeSource(defaultArchive: Self.sampleArchive)
        Self.warnAboutMixedScales(source, chosen)
        var runner = BacktestRunner(source: source, adapters: chosen, evaluation: perEntry ? .perEntry : .onePass)
        if let parallelism { runner.parallelism = parallelism }
        let bar = ProgressBar(total: signals.count)
        let report = try await runner.run(signals) { done, total in bar.update(done) }
        bar.finish()
        let format = self.format ?? (out == nil ? .table : .json)
        let text: String
        switch format {
        case .json: text = ResultFormatter.jsonLines(report)
        case .csv: text = ResultFormatter.csv(report)
        case .table: text = ResultFormatter.table(report)
        }
        try Self.write(text, to: out)
        if let cache = source as? TieredCache {
            Console.note("\(await cache.summary)\n")
        }
    }

    /// Warns once, on standard error, when split-adjusted bars meet as-traded trades or quotes in one run:
    /// on days before a later split the bar adapters' prices are off from the tick adapters' (and from
    /// anything a user compares them with) by the split ratio. Names the bar adapters, and first those
    /// that read both kinds themselves.
    static func warnAboutMixedScales(_ source: any MarketDataSource, _ adapters: [any BacktestAdapter]) {
        guard let archive = source as? ArchiveSource, (try? archive.barsAreSplitAdjusted()) == true else { return }
        let kinds = adapters.map { Set($0.requirements.map(\.dataKind)) }
        let readsTicks = kinds.contains { $0.contains(.trades) || $0.contains(.quotes) }
        let both = zip(adapters, kinds).filter { $1.contains(.bars) && ($1.contains(.trades) || $1.contains(.quotes)) }.map(\.0.name)
        let barsOnly = zip(adapters, kinds).filter { $1.contains(.bars) && !$1.contains(.trades) && !$1.contains(.quotes) }.map(\.0.name)
        guard !both.isEmpty || (readsTicks && !barsOnly.isEmpty) else { return }
        var names = both.map { "\($0) (reads both)" }
        names += barsOnly
        Console.note(
            "warning: the archive's bars are split-adjusted while its trades and quotes are as traded; on days before a later split these adapters' prices are off from the trade and quote adapters' by the split ratio: \(names.joined(separator: ", ")) (record without --adjusted to keep one scale)\n"
        )
    }

    /// Writes `text` to the file `out`, or to standard output when `out` is nil; a failed write is a
    /// one-line error (see ``Console``).
    static func write(_ text: String, to out: String?) throws(TapeDeckError) {
        guard let out else { return try Console.write(text) }
        try Console.write(text, toFile: out)
    }

}

/// Entry progress on standard error: a redrawn bar on a terminal, a few plain lines otherwise.
final class ProgressBar: Sendable {
    private let total: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let lastShown = Mutex(-1)

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        let step = isTerminal ? percent : percent / 25 * 25
        let changed = lastShown.withLock { last in
            guard step != last else { return false }
            last = step
            return true
        }
        guard changed else { return }
        if isTerminal {
            let width = 30
            let filled = done * width / total
            write("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) entries")
        } else {
            write("backtest: \(done)/\(total) entries\n")
        }
    }

    func finish() {
        if isTerminal, total > 0 { write("\n") }
    }

    private func write(_ text: String) {
        Console.note(text)
    }
}
