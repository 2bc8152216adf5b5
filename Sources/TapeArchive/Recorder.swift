import Foundation
import MarketData
import Synchronization
import TapeCodec

/// What one recording did.
public struct RecordingSummary: Hashable, Sendable {
    /// Chunks fetched and committed.
    public var chunksRecorded = 0
    /// Records stored.
    public var records = 0
    /// Raw response bytes stored (before compression).
    public var responseBytes = 0
    /// Segment payload bytes stored (compressed).
    public var segmentBytes = 0
    /// Exact duplicates the source sent (overlapping pages, say) and that were stored once.
    public var duplicatesDropped = 0

    public init() {}
}

/// A ``MarketDataSource`` that records another source into an ``Archive`` and replays from it.
///
/// Every record it returns was committed to the archive first and is read back from there, so what a
/// backtest sees while recording is exactly what it will see replaying. A window is split into chunks
/// (``RecorderConfiguration``); up to ``RecorderConfiguration/maxConcurrentChunks`` are fetched at once,
/// each with a ``ResponseLog`` of its own that the ``RecordableSource`` fills with its raw responses, and
/// each chunk's responses, segment and coverage commit in one transaction. Cancelling
/// (Ctrl-C) or crashing loses at most the chunks in flight; a re-run in mode ``RecordingMode/new``
/// fetches only what coverage says is missing.
public struct Recorder: MarketDataSource {
    public let archive: Archive
    public let source: any RecordableSource
    public let mode: RecordingMode
    public let configuration: RecorderConfiguration

    public init(
        archive: Archive, source: any RecordableSource, mode: RecordingMode = .new,
        configuration: RecorderConfiguration = RecorderConfiguration()
    ) {
        self.archive = archive
        self.source = source
        self.mode = mode
        self.configuration = configuration
    }

    /// The chunks a ``record(_:_:in:progress:)`` call would fetch now. Bars are recorded by whole trading
    /// days (04:00 to the post-market close, one request each), so what is fetched is kept and
    /// neighbouring windows need no request.
    public func plan(_ symbol: Symbol, _ kind: DataKind, in window: TimeWindow) async throws -> [PlannedChunk] {
        let now = configuration.clock.now()
        let lifetime = configuration.provisionalLifetime
        let target = kind == .bars ? Self.wholeTradingDays(window) : window
        // The rows of the whole days: `.once` asks which days hold any coverage at all.
        let targets = ChunkPlan.targets(
            for: target, mode: mode, coverage: try archive.coverage(symbol, kind, overlapping: Self.wholeTradingDays(target)),
            isFresh: { $0.sessionClosed || now.nanoseconds < $0.recordedAt &+ lifetime })
        // Nothing missing: do not even ask the source how to cut it (that can cost a request).
        guard let first = targets.first else { return [] }
        return ChunkPlan.cut(targets, chunkDuration: try await chunkDuration(symbol, kind, first))
    }

    /// The chunk length for `symbol`'s `kind` in `window`, ns: a day for bars; the source's adaptive
    /// choice for trades and quotes when ``RecorderConfiguration/adaptiveChunks`` is on and the source
    /// offers one; else ``RecorderConfiguration/tickChunkDuration``.
    public func chunkDuration(_ symbol: Symbol, _ kind: DataKind, _ window: TimeWindow) async throws -> Int64 {
        if kind != .bars, configuration.adaptiveChunks, let advisor = source as? any AdaptiveChunking {
            let minutes = try await advisor.chunkMinutes(for: symbol, on: NewYorkTime.date(of: window.start))
            return Int64(max(1, minutes)) * Timestamp.nanosecondsPerMinute
        }
        return configuration.chunkDuration(for: kind)
    }

    /// `window` widened to New York midnights at both ends (a day's bars are one chunk).
    static func wholeTradingDays(_ window: TimeWindow) -> TimeWindow {
        guard !window.isEmpty else { return window }
        let first = NewYorkTime.date(of: window.start)
        let last = NewYorkTime.date(of: window.end.advanced(by: -1))
        return TimeWindow(
            uncheckedStart: NewYorkDay.midnight(first), end: NewYorkDay.midnight(last.adding(days: 1)))
    }

    /// Fetches and commits what `mode` says is missing from `window`, without reading records back;
    /// memory holds at most the chunks in flight.
    @discardableResult
    public func record(
        _ symbol: Symbol, _ kind: DataKind, in window: TimeWindow, progress: ProgressHandler? = nil
    ) async throws -> RecordingSummary {
        switch kind {
        case .trades: try await record(Trade.self, symbol, in: window, progress: progress)
        case .quotes: try await record(Quote.self, symbol, in: window, progress: progress)
        case .bars: try await record(Bar.self, symbol, in: window, progress: progress)
        }
    }

    @discardableResult
    func record<Record: ArchivableRecord>(
        _ type: Record.Type, _ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?
    ) async throws -> RecordingSummary {
        let chunks = try await plan(symbol, Record.kind, in: window)
        if !chunks.isEmpty { try await recordConditionTable() }
        if !chunks.isEmpty, Record.kind == .bars {
            try archive.recordBarScale(splitAdjusted: (source as? any SplitAdjustableBars)?.barsAreSplitAdjusted ?? false)
        }
        var summary = RecordingSummary()
        progress?(FetchProgress(symbol: symbol, kind: Record.kind, chunksDone: 0, chunksTotal: chunks.count, records: 0, bytes: 0))
        guard !chunks.isEmpty else { return summary }
        try await withThrowingTaskGroup(of: RecordingSummary.self) { group in
            var next = 0
            func startNext() {
                guard next < chunks.count else { return }
                let chunk = chunks[next]
                next += 1
                group.addTask { try await recordChunk(Record.self, symbol, chunk) }
            }
            for _ in 0..<min(configuration.maxConcurrentChunks, chunks.count) { startNext() }
            while let done = try await group.next() {
                summary.chunksRecorded += done.chunksRecorded
                summary.records += done.records
                summary.responseBytes += done.responseBytes
                summary.segmentBytes += done.segmentBytes
                summary.duplicatesDropped += done.duplicatesDropped
                progress?(
                    FetchProgress(
                        symbol: symbol, kind: Record.kind, chunksDone: summary.chunksRecorded, chunksTotal: chunks.count,
                        records: summary.records, bytes: summary.responseBytes))
                if !Task.isCancelled { startNext() }
            }
        }
        try Task.checkCancellation()
        return summary
    }

    /// Fetches one chunk with a response log, checks it, and commits it.
    func recordChunk<Record: ArchivableRecord>(_ type: Record.Type, _ symbol: Symbol, _ chunk: PlannedChunk)
        async throws -> RecordingSummary
    {
        try Task.checkCancellation()
        let log = ResponseLog()
        let source = self.source
        var records: [Record] = try await Record.fetch(from: source, symbol, in: chunk.window, log: log)
        try Task.checkCancellation()
        for record in records where !chunk.window.contains(record.tapeTime) {
            throw TapeDeckError(
                .invalidWindow,
                "the source returned \(symbol) \(Record.kind) at \(record.tapeTime) outside the requested \(chunk.window); nothing was stored for this chunk"
            )
        }
        // Ties in any order, reversed pages and overlapping requests all become the one tape order.
        let order = try TapeOrder.normalize(&records, symbol: symbol, kind: Record.kind)
        let segment = SegmentCodec.encode(records, level: configuration.compressionLevel)
        let now = configuration.clock.now()
        // Concurrent sub-requests finish in any order; store them in request order so that a recording
        // made twice is the same file.
        let responses = log.responses.sorted { $0.request < $1.request }
        try Self.refuseSecrets(configuration.secrets, in: responses, what: "\(symbol) \(Record.kind)")
        try archive.commit(
            RecordedChunk(
                symbol: symbol, kind: Record.kind, day: chunk.day, window: chunk.window, segment: segment,
                responses: responses, recordedAt: now, sessionClosed: NewYorkDay.sessionClosed(chunk.day, at: now)))
        var summary = RecordingSummary()
        summary.chunksRecorded = 1
        summary.records = records.count
        summary.responseBytes = responses.reduce(0) { $0 + $1.body.count }
        summary.segmentBytes = segment.payload.count
        summary.duplicatesDropped = order.duplicatesDropped
        return summary
    }

    /// Records the source's trade-condition table into the archive, once per archive, before its first
    /// chunk: the raw `/v3/reference/conditions` pages of a network source, or the built-in table for an
    /// in-process one. The key check applies to those pages as to any other response.
    public func recordConditionTable() async throws {
        guard try !archive.hasConditionTable() else { return }
        let log = ResponseLog()
        let source = self.source
        _ = try await source.conditionTable(log: log)
        let responses = log.responses
        try Self.refuseSecrets(configuration.secrets, in: responses, what: "conditions")
        try archive.storeConditionTable(responses: responses, recordedAt: configuration.clock.now())
    }

    /// The archive's table (recording it first if the archive has none).
    public func conditionTable() async throws -> TradeConditionTable {
        try await recordConditionTable()
        return try archive.effectiveConditionTable()
    }

    /// The fewest characters a key may have for the leak check to mean anything: a shorter key (a test
    /// key like "abc", say) turns up inside ordinary JSON by chance. Polygon's keys have 32.
    public static let minimumCheckableKeyLength = 12

    /// Throws when a key is too short for the leak check (see ``minimumCheckableKeyLength``); the
    /// recorder calls it before storing anything, and the CLI before its first request.
    public static func checkSecretsAreCheckable(_ secrets: [String]) throws(TapeDeckError) {
        for secret in secrets where !secret.isEmpty && secret.utf8.count < minimumCheckableKeyLength {
            throw TapeDeckError(
                .secretInResponse,
                "the API key has \(secret.utf8.count) characters, too few to check responses for leaks (at least \(minimumCheckableKeyLength); Polygon's keys have 32), so nothing was recorded; use your full key, or record the simulator in-process with --simulate"
            )
        }
    }

    /// Throws if any response carries one of `secrets` in its redacted request or its body; the message
    /// never contains the secret. A key too short to check is refused with a message saying so.
    static func refuseSecrets(_ secrets: [String], in responses: [RawResponse], what: String) throws(TapeDeckError) {
        guard !responses.isEmpty else { return }
        try checkSecretsAreCheckable(secrets)
        for secret in secrets where !secret.isEmpty {
            let needle = Data(secret.utf8)
            for response in responses {
                let request = CanonicalRequest.redacted(response.request)
                if request.contains(secret) || Data(response.body).range(of: needle) != nil {
                    throw TapeDeckError(
                        .secretInResponse,
                        "a \(what) response contains the API key, so it was not stored; report this source bug (request path: \(request.split(separator: "?").first ?? ""))"
                    )
                }
            }
        }
    }

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await recordThenReplay(Bar.self, symbol, window, progress)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await recordThenReplay(Trade.self, symbol, window, progress)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await recordThenReplay(Quote.self, symbol, window, progress)
    }

    func recordThenReplay<Record: ArchivableRecord>(
        _ type: Record.Type, _ symbol: Symbol, _ window: TimeWindow, _ progress: ProgressHandler?
    ) async throws -> [Record] {
        try await record(Record.self, symbol, in: window, progress: progress)
        return try ArchiveSource(archive: archive).replay(Record.self, symbol, in: window)
    }
}
