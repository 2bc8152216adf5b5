import Adapters
import ArgumentParser
import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive

/// `tapedeck record`: capture market data into an archive once, for offline replay.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record bars, trades and quotes into an archive: of symbols on days, or exactly what a backtest of a signals file reads.",
        discussion: """
            Either --signals FILE (with --adapters and --for-audit as for backtest and audit): the engine's own \
            planner decides every symbol-day, kind and window the backtest will read, prior sessions and bar \
            padding included; or --symbols with --date or --dates (a range 2024-03-11..2024-03-15 or a comma \
            list; closed days are listed and skipped). Trades and quotes are cut into 5, 10 or 15-minute chunks \
            by the symbol's average daily volume (--chunk-minutes overrides), bars into whole trading days, \
            fetched 5 at a time; each chunk's raw responses, segment and coverage commit in one transaction, so \
            Ctrl-C or a crash loses at most the chunks in flight and a re-run fetches only what is missing. \
            Modes (as in vcrpy): new (default) records what is missing; once records a symbol-day only if it has \
            no recording; all re-records everything; none never calls the source. A plan summary (symbol-days, \
            kinds, chunks, requests and the time they take at --rate-limit) is printed before anything is fetched. \
            With --stream URL the stocks WebSocket feed is recorded instead (T trades, Q quotes, AM bars) until \
            --to, the feed's end, or Ctrl-C: coverage is the time the connection was up and subscribed, a \
            dropped connection is a gap and is reconnected with backoff, and the times are the feed's \
            milliseconds (`archive info` marks such windows).
            """
    )

    @Option(help: "Comma-separated tickers, e.g. SPY,AAPL (with --date or --dates).")
    var symbols: String?

    @Option(help: "Trading day, YYYY-MM-DD.")
    var date: String?

    @Option(help: "Trading days: a range 2024-03-11..2024-03-15 or a comma list; closed days are skipped.")
    var dates: String?

    @OptionGroup var run: RunOptions

    @Flag(help: "With --signals: also record the future that `tapedeck audit` reads past each symbol-day's last entry.")
    var forAudit = false

    @Option(help: "With --for-audit: the audit's --horizon in minutes.")
    var horizon: Int = 5

    @Option(help: "Comma-separated kinds: bars, trades, quotes (with --signals: those the plan needs).")
    var kinds: String?

    @Option(help: "Start, New York time HH:MM[:SS] (default 04:00, the pre-market open).")
    var from: String?

    @Option(help: "End, New York time HH:MM[:SS], 24:00 for midnight (default: the post-market close).")
    var to: String?

    @Option(help: "Polygon-compatible base URL for the live client (Polygon, Massive, or `tapedeck sim serve`).")
    var baseURL: String?

    @Option(help: "Record the in-process simulator with this seed instead of a live API.")
    var simulate: UInt64?

    @Option(
        parsing: .singleValue,
        help: ArgumentHelp(
            "With --simulate: give SYMBOL the liquidity profile PROFILE (repeatable), e.g. SPY=extreme.",
            discussion: "Profiles: very-liquid, mid, illiquid, extreme (about 1M trades and 10M quotes a day).",
            valueName: "symbol=profile"))
    var profile: [String] = []

    @Option(help: "Recording mode: once, new, all or none.")
    var mode: String = "new"

    @Option(help: "Archive file (created if missing).")
    var archive: String

    @Option(help: "Minutes per trade/quote chunk (default: 5, 10 or 15 by the symbol's average daily volume).")
    var chunkMinutes: Int?

    @Option(help: "Chunks fetched at the same time.")
    var concurrency: Int = 5

    @Flag(help: "Record split-adjusted bars (Polygon's adjusted=true) instead of bars as traded, on the trades' price scale.")
    var adjusted = false

    @Option(help: "Requests per minute to the live API (Polygon's free plan allows 5; default: \(RecordSourceFactory.rateLimitVariable) or none).")
    var rateLimit: Int?

    @Option(
        help: ArgumentHelp(
            "Record the stocks WebSocket feed at this URL instead of REST, with --symbols (and --to to stop).",
            discussion:
                "Without a URL, the real-time feed wss://socket.massive.com/stocks (key from POLYGON_API_KEY); wss://delayed.massive.com/stocks is the delayed one, ws://HOST:PORT/stocks `tapedeck serve`.",
            valueName: "url"))
    var stream: String?

    func validate() throws {
        guard RecordingMode(rawValue: mode) != nil else {
            throw ValidationError("--mode \(mode) is not one of once, new, all, none")
        }
        if let chunkMinutes, !(1...Self.maximumMinutes).contains(chunkMinutes) {
            throw ValidationError("--chunk-minutes \(chunkMinutes) must be from 1 to \(Self.maximumMinutes) (a day)")
        }
        guard (1...32).contains(concurrency) else { throw ValidationError("--concurrency must be 1-32") }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit \(rateLimit) must be at least 1 request per minute") }
        if !profile.isEmpty, simulate == nil { throw ValidationError("--profile shapes the simulator: use it with --simulate SEED") }
        _ = try Self.profiles(parsing: profile)
        if adjusted, simulate != nil {
            throw ValidationError(
                "--adjusted asks the live API for split-adjusted bars; the in-process simulator serves bars as traded (serve it with `tapedeck sim serve --split …` and record with --base-url)"
            )
        }
        guard (1...Self.maximumMinutes).contains(horizon) else {
            throw ValidationError("--horizon \(horizon) must be from 1 to \(Self.maximumMinutes) minutes (a day)")
        }
        if stream != nil {
            guard symbols != nil, run.signals == nil, simulate == nil, date == nil, dates == nil, from == nil, mode == "new", !adjusted, !forAudit
            else {
                throw ValidationError(
                    "--stream records what the feed sends from now on: give --symbols (and --kinds, --to HH:MM to stop), not --signals, --simulate, --date, --dates, --from, --mode, --adjusted or --for-audit"
                )
            }
        } else if run.signals != nil {
            guard symbols == nil, date == nil, dates == nil, from == nil, to == nil else {
                throw ValidationError("--signals decides symbols, days and windows; drop --symbols, --date, --dates, --from and --to")
            }
        } else {
            guard symbols != nil else { throw ValidationError("say what to record: --symbols with --date or --dates, or --signals FILE") }
            guard (date == nil) != (dates == nil) else { throw ValidationError("give one of --date DAY or --dates RANGE") }
            if run.adapters != nil || forAudit { throw ValidationError("--adapters and --for-audit go with --signals") }
        }
    }

    /// The longest `--chunk-minutes` and `--horizon`: a day, beyond which neither means anything (and
    /// minutes are bounded before they become nanoseconds).
    static let maximumMinutes = 1440

    /// One window of one symbol and kind to record.
    struct Job {
        var symbol: Symbol
        var kind: DataKind
        var window: TimeWindow
    }

    func run() async throws {
        if let stream { return try await recordStream(from: stream) }
        let mode = RecordingMode(rawValue: mode)!
        let jobs = try plannedJobs()
        let source: any RecordableSource =
            mode == .none
            ? NeverSource()
            : try RecordSourceFactory.source(
                simulate: simulate, profiles: Self.profiles(parsing: profile), baseURL: baseURL, rateLimit: rateLimit, adjusted: adjusted)
        if simulate == nil, mode != .none { try Recorder.checkSecretsAreCheckable(RecordSourceFactory.secrets) }
        var configuration = RecorderConfiguration(
            tickChunkDuration: Int64(chunkMinutes ?? 10) * Timestamp.nanosecondsPerMinute, maxConcurrentChunks: concurrency,
            clock: Self.clock
        ).withSecrets(RecordSourceFactory.secrets)
        configuration.adaptiveChunks = chunkMinutes == nil
        let recorder = Recorder(archive: try Archive(path: archive), source: source, mode: mode, configuration: configuration)

        // The plan: what is missing, and what fetching it costs.
        var chunkCounts: [Int] = []
        for job in jobs { chunkCounts.append(try await recorder.plan(job.symbol, job.kind, in: job.window).count) }
        let chunks = chunkCounts.reduce(0, +)
        let summary = RecordPlanSummary(
            jobs: jobs, chunks: chunks,
            extraRequests: simulate == nil && chunks > 0 ? (try recorder.archive.hasConditionTable() ? 0 : 1) : 0,
            requestsPerMinute: simulate == nil ? try RecordSourceFactory.rateLimit(rateLimit) : nil, live: simulate == nil && mode != .none)
        Console.note(summary.text + "\n")

        let progress = RecordProgress(totalChunks: chunks, clock: .system)
        var total = RecordingSummary()
        for (job, count) in zip(jobs, chunkCounts) where count > 0 || mode == .none {
            let done = try await recorder.record(job.symbol, job.kind, in: job.window, progress: progress.update)
            progress.finishJob(done.chunksRecorded)
            total.chunksRecorded += done.chunksRecorded
            total.records += done.records
            total.segmentBytes += done.segmentBytes
            total.responseBytes += done.responseBytes
            total.duplicatesDropped += done.duplicatesDropped
        }
        let duplicates = total.duplicatesDropped > 0 ? ", \(total.duplicatesDropped) exact duplicates dropped" : ""
        try Console.line(
            "recorded \(total.chunksRecorded) chunks, \(total.records) records (\(total.segmentBytes) segment bytes\(duplicates)) into \(archive) [mode \(mode)]"
        )
        if mode == .none || mode == .once {
            // Say what is still missing, since these modes do not fill gaps.
            let replay = ArchiveSource(archive: recorder.archive)
            for job in jobs {
                if let gap = Self.missing(replay, job.symbol, job.kind, job.window) { try Console.line("missing: \(gap)") }
            }
        }
    }

    /// The windows to record, from --signals or from --symbols and the days.
    func plannedJobs() throws -> [Job] {
        let kinds = try kinds.map(Self.kinds(parsing:))
        if run.signals != nil {
            let read = try run.readSignals()
            let plan = try RecordingPlan(
                signals: read, adapters: try run.chosenAdapters(),
                auditHorizonMinutes: forAudit ? horizon : nil)
            return plan.items.flatMap { item in
                DataKind.allCases.compactMap { kind in
                    guard let window = item.windows[kind], kinds?.contains(kind) ?? true else { return nil }
                    return Job(symbol: item.symbolDay.symbol, kind: kind, window: window)
                }
            }
        }
        let symbols = try Symbol.list(parsing: symbols ?? "")
        let days = try DateSelection(parsing: dates ?? date ?? "")
        for (day, reason) in days.closed {
            Console.note("skipping \(day): market closed (\(reason))\n")
        }
        guard !days.tradingDays.isEmpty else {
            throw ValidationError("no trading day in \(dates ?? date ?? ""); pick days the market is open (see `tapedeck calendar`)")
        }
        var jobs: [Job] = []
        for day in days.tradingDays {
            let sessions = try SessionCalendar.nyse.sessions(on: day)
            let start = try from.map { try Self.time($0, on: day, option: "--from") } ?? sessions.preMarketOpen
            let end = try to.map { try Self.time($0, on: day, option: "--to") } ?? sessions.postMarketClose
            guard start < end else { throw ValidationError("--from must be before --to") }
            for symbol in symbols {
                for kind in kinds ?? [.bars, .trades, .quotes] {
                    jobs.append(Job(symbol: symbol, kind: kind, window: TimeWindow(uncheckedStart: start, end: end)))
                }
            }
        }
        return jobs
    }

    /// The clock that stamps `recorded at`: the system clock, or `SOURCE_DATE_EPOCH` (seconds) when set,
    /// the reproducible-builds convention that lets `tools/record-sample.sh` rebuild a recording bit for bit.
    static var clock: WallClock {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) {
            // A value beyond the instants a Timestamp holds pins the clock to the nearer end.
            let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerSecond)
            return .fixed(overflow ? (seconds < 0 ? .earliest : .latest) : Timestamp(nanoseconds: nanoseconds))
        }
        return .system
    }

    /// The `notRecorded` message for a window the archive does not cover, or `nil`.
    static func missing(_ replay: ArchiveSource, _ symbol: Symbol, _ kind: DataKind, _ window: TimeWindow) -> String? {
        let result: Result<Int, TapeDeckError>
        switch kind {
        case .bars: result = Result { () throws(TapeDeckError) in try replay.replay(Bar.self, symbol, in: window).count }
        case .trades: result = Result { () throws(TapeDeckError) in try replay.replay(Trade.self, symbol, in: window).count }
        case .quotes: result = Result { () throws(TapeDeckError) in try replay.replay(Quote.self, symbol, in: window).count }
        }
        if case .failure(let error) = result { return error.message }
        return nil
    }

    static func kinds(parsing text: String) throws -> [DataKind] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let kind = DataKind(rawValue: name) else {
                throw ValidationError("--kinds: unknown kind '\(name)'; use bars, trades, quotes")
            }
            return kind
        }
    }

    /// `HH:MM[:SS]` New York time on `day`; `24:00` is the next midnight.
    static func time(_ text: String, on day: LocalDate, option: String) throws -> Timestamp {
        let second = try secondOfDay(parsing: text, option: option)
        if second == 86_400 { return try NewYorkTime.timestamp(date: day.adding(days: 1), secondOfDay: 0) }
        return try NewYorkTime.timestamp(date: day, secondOfDay: second)
    }

    /// `HH:MM[:SS]` as seconds of a New York day; `24:00` is 86,400.
    static func secondOfDay(parsing text: String, option: String) throws -> Int {
        let parts = text.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("\(option) \(text) is not a time; use HH:MM or HH:MM:SS in New York time, e.g. 09:30")
        }
        let (hour, minute, second) = (parts[0]!, parts[1]!, parts.count == 3 ? parts[2]! : 0)
        if hour == 24, minute == 0, second == 0 { return 86_400 }
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw ValidationError("\(option) \(text) is out of range; use 00:00 to 24:00")
        }
        return hour * 3600 + minute * 60 + second
    }
}

/// The source of mode `none`: it is never called, and says so if it were.
struct NeverSource: InProcessSource {
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] { try fail() }
    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] { try fail() }
    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] { try fail() }
    private func fail<T>() throws -> T {
        throw TapeDeckError(.notRecorded, "mode none never fetches; record with --mode new")
    }
}

extension RecordCommand {
    /// `--profile SYMBOL=PROFILE` texts as simulator overrides; a text that is not one is a usage error
    /// naming the profiles there are.
    static func profiles(parsing texts: [String]) throws -> [Symbol: LiquidityProfile] {
        var profiles: [Symbol: LiquidityProfile] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let profile = LiquidityProfile.preset(named: parts[1]) else {
                let names = LiquidityProfile.presets.map(\.name).joined(separator: ", ")
                throw ValidationError("--profile \(text) is not SYMBOL=PROFILE with PROFILE one of \(names); e.g. SPY=extreme")
            }
            profiles[try Symbol(parts[0])] = profile
        }
        return profiles
    }
}
