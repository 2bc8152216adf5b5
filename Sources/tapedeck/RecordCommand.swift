import ArgumentParser
import Foundation
import MarketData
import TapeArchive

/// `tapedeck record`: capture market data into an archive once, for offline replay.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record bars, trades and quotes of symbols on a day into an archive.",
        discussion: """
            Windows are split into chunks (10 minutes for trades and quotes, a day for bars) fetched 5 at a \
            time; each chunk's raw responses, segment and coverage commit in one transaction, so Ctrl-C or a \
            crash loses at most the chunks in flight and a re-run fetches only what is missing. Modes (as in \
            vcrpy): new (default) records what is missing; once records a symbol-day only if it has no \
            recording; all re-records everything; none never calls the source.
            """
    )

    @Option(help: "Comma-separated tickers, e.g. SPY,AAPL.")
    var symbols: String

    @Option(help: "Trading day, YYYY-MM-DD.")
    var date: String

    @Option(help: "Comma-separated kinds: bars, trades, quotes.")
    var kinds: String = "bars,trades,quotes"

    @Option(help: "Start, New York time HH:MM[:SS] (default 04:00, the pre-market open).")
    var from: String?

    @Option(help: "End, New York time HH:MM[:SS], 24:00 for midnight (default: the post-market close).")
    var to: String?

    @Option(help: "Polygon-compatible base URL for the live client (Polygon, Massive, or `tapedeck sim serve`).")
    var baseURL: String?

    @Option(help: "Record the in-process simulator with this seed instead of a live API.")
    var simulate: UInt64?

    @Option(help: "Recording mode: once, new, all or none.")
    var mode: String = "new"

    @Option(help: "Archive file (created if missing).")
    var archive: String

    @Option(help: "Minutes per trade/quote chunk.")
    var chunkMinutes: Int = 10

    @Option(help: "Chunks fetched at the same time.")
    var concurrency: Int = 5

    func validate() throws {
        guard RecordingMode(rawValue: mode) != nil else {
            throw ValidationError("--mode \(mode) is not one of once, new, all, none")
        }
        guard chunkMinutes >= 1 else { throw ValidationError("--chunk-minutes must be at least 1") }
        guard (1...32).contains(concurrency) else { throw ValidationError("--concurrency must be 1-32") }
    }

    func run() async throws {
        let symbols = try Symbol.list(parsing: symbols)
        let day = try LocalDate(parsing: date)
        let kinds = try Self.kinds(parsing: kinds)
        let sessions = try SessionCalendar.nyse.sessions(on: day)
        let start = try from.map { try Self.time($0, on: day, option: "--from") } ?? sessions.preMarketOpen
        let end = try to.map { try Self.time($0, on: day, option: "--to") } ?? sessions.postMarketClose
        guard start < end else { throw ValidationError("--from must be before --to") }
        let window = TimeWindow(uncheckedStart: start, end: end)
        let mode = RecordingMode(rawValue: mode)!
        let source: any MarketDataSource =
            mode == .none ? NeverSource() : try RecordSourceFactory.source(simulate: simulate, baseURL: baseURL)
        let recorder = Recorder(
            archive: try Archive(path: archive), source: source, mode: mode,
            configuration: RecorderConfiguration(
                tickChunkDuration: Int64(chunkMinutes) * Timestamp.nanosecondsPerMinute, maxConcurrentChunks: concurrency,
                clock: Self.clock
            ).withSecrets(RecordSourceFactory.secrets))
        let progress = RecordProgress()
        var total = RecordingSummary()
        for symbol in symbols {
            for kind in kinds {
                progress.reset()
                let summary = try await recorder.record(symbol, kind, in: window, progress: progress.update)
                total.chunksRecorded += summary.chunksRecorded
                total.records += summary.records
                total.segmentBytes += summary.segmentBytes
                total.responseBytes += summary.responseBytes
            }
        }
        print(
            "recorded \(total.chunksRecorded) chunks, \(total.records) records (\(total.segmentBytes) segment bytes) into \(archive) [mode \(mode)]"
        )
        if mode == .none || mode == .once {
            // Say what is still missing, since these modes do not fill gaps.
            let replay = ArchiveSource(archive: recorder.archive)
            for symbol in symbols {
                for kind in kinds {
                    if let gap = Self.missing(replay, symbol, kind, window) { print("missing: \(gap)") }
                }
            }
        }
    }

    /// The clock that stamps `recorded at`: the system clock, or `SOURCE_DATE_EPOCH` (seconds) when set,
    /// the reproducible-builds convention that lets `tools/record-sample.sh` rebuild a recording bit for bit.
    static var clock: WallClock {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) {
            return .fixed(Timestamp(nanoseconds: seconds * Timestamp.nanosecondsPerSecond))
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
        let parts = text.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else {
            throw ValidationError("\(option) \(text) is not a time; use HH:MM or HH:MM:SS in New York time, e.g. 09:30")
        }
        let (hour, minute, second) = (parts[0]!, parts[1]!, parts.count == 3 ? parts[2]! : 0)
        if hour == 24, minute == 0, second == 0 { return try NewYorkTime.timestamp(date: day.adding(days: 1), secondOfDay: 0) }
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw ValidationError("\(option) \(text) is out of range; use 00:00 to 24:00")
        }
        return try NewYorkTime.timestamp(date: day, secondOfDay: hour * 3600 + minute * 60 + second)
    }
}

/// The source of mode `none`: it is never called, and says so if it were.
struct NeverSource: MarketDataSource {
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] { try fail() }
    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] { try fail() }
    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] { try fail() }
    private func fail<T>() throws -> T {
        throw TapeDeckError(.notRecorded, "mode none never fetches; record with --mode new")
    }
}
