import Foundation
import MarketData
import Synchronization

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

    public init() {}
}

/// A ``MarketDataSource`` that records another source into an ``Archive`` and replays from it.
///
/// Every record it returns was committed to the archive first and is read back from there, so what a
/// backtest sees while recording is exactly what it will see replaying. A window is split into chunks
/// (``RecorderConfiguration``); up to ``RecorderConfiguration/maxConcurrentChunks`` are fetched at once,
/// each inside `ResponseLog.$current.withValue(log) { … }` so that a network source's raw responses are
/// collected, and each chunk's responses, segment and coverage commit in one transaction. Cancelling
/// (Ctrl-C) or crashing loses at most the chunks in flight; a re-run in mode ``RecordingMode/new``
/// fetches only what coverage says is missing.
public struct Recorder: MarketDataSource {
    public let archive: Archive
    public let source: any MarketDataSource
    public let mode: RecordingMode
    public let configuration: RecorderConfiguration

    public init(
        archive: Archive, source: any MarketDataSource, mode: RecordingMode = .new,
        configuration: RecorderConfiguration = RecorderConfiguration()
    ) {
        self.archive = archive
        self.source = source
        self.mode = mode
        self.configuration = configuration
    }

    /// The chunks a ``record(_:_:in:progress:)`` call would fetch now.
    public func plan(_ symbol: Symbol, _ kind: DataKind, in window: TimeWindow) throws(TapeDeckError) -> [PlannedChunk] {
        let now = configuration.clock.now()
        let lifetime = configuration.provisionalLifetime
        return ChunkPlan.chunks(
            for: window, mode: mode, coverage: try archive.coverage(symbol, kind),
            chunkDuration: configuration.chunkDuration(for: kind),
            isFresh: { $0.sessionClosed || now.nanoseconds < $0.recordedAt &+ lifetime }
        )
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
        let chunks = try plan(symbol, Record.kind, in: window)
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
                progress?(FetchProgress(
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
        let records: [Record] = try await ResponseLog.$current.withValue(log) {
            try await Record.fetch(from: source, symbol, in: chunk.window)
        }
        try Task.checkCancellation()
        var previous = chunk.window.start
        for record in records {
            guard chunk.window.contains(record.archiveTime), record.archiveTime >= previous else {
                throw TapeDeckError(
                    .invalidWindow,
                    "the source returned \(symbol) \(Record.kind) at \(record.archiveTime) outside or out of order for \(chunk.window); nothing was stored for this chunk"
                )
            }
            previous = record.archiveTime
        }
        let segment = SegmentCodec.encode(records, level: configuration.compressionLevel)
        let now = configuration.clock.now()
        // Concurrent sub-requests finish in any order; store them in request order so that a recording
        // made twice is the same file.
        let responses = log.responses.sorted { $0.request < $1.request }
        try Self.refuseSecrets(configuration.secrets, in: responses, symbol: symbol, kind: Record.kind)
        try archive.commit(RecordedChunk(
            symbol: symbol, kind: Record.kind, day: chunk.day, window: chunk.window, segment: segment,
            responses: responses, recordedAt: now, sessionClosed: NewYorkDay.sessionClosed(chunk.day, at: now)))
        var summary = RecordingSummary()
        summary.chunksRecorded = 1
        summary.records = records.count
        summary.responseBytes = responses.reduce(0) { $0 + $1.body.count }
        summary.segmentBytes = segment.payload.count
        return summary
    }

    /// Throws if any response carries one of `secrets` in its redacted request or its body; the message
    /// never contains the secret.
    static func refuseSecrets(_ secrets: [String], in responses: [RawResponse], symbol: Symbol, kind: DataKind)
        throws(TapeDeckError)
    {
        for secret in secrets where !secret.isEmpty {
            let needle = Data(secret.utf8)
            for response in responses {
                let request = CanonicalRequest.redacted(response.request)
                if request.contains(secret) || Data(response.body).range(of: needle) != nil {
                    throw TapeDeckError(
                        .secretInResponse,
                        "a \(symbol) \(kind) response contains the API key, so it was not stored; report this source bug (request path: \(request.split(separator: "?").first ?? ""))"
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
