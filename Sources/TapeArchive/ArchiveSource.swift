import Foundation
import MarketData

/// Replays an ``Archive`` as a ``MarketDataSource``, without any network.
///
/// Records come from the columnar segments, each checked against its SHA-256 before decoding. A window
/// the archive does not fully cover throws ``TapeDeckError/Code/notRecorded`` naming the symbol, kind,
/// the first missing window and the `tapedeck record …` command that fills it.
public struct ArchiveSource: MarketDataSource {
    public let archive: Archive

    public init(archive: Archive) {
        self.archive = archive
    }

    /// Opens the file read-only.
    public init(path: String) throws(TapeDeckError) {
        self.init(archive: try Archive(path: path, readOnly: true))
    }

    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try report(replay(Bar.self, symbol, in: window), symbol, progress)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try report(replay(Trade.self, symbol, in: window), symbol, progress)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try report(replay(Quote.self, symbol, in: window), symbol, progress)
    }

    /// The records of `window`, or `notRecorded` if any part of it is not covered.
    public func replay<Record: ArchivableRecord>(_ type: Record.Type, _ symbol: Symbol, in window: TimeWindow)
        throws(TapeDeckError) -> [Record]
    {
        if let missing = try archive.gaps(symbol, Record.kind, in: window).first {
            throw .notRecorded(
                symbol: symbol, kind: Record.kind, missing: missing, archive: archive.path,
                command: RecordInvocation.filling(missing, symbol: symbol, kind: Record.kind, archive: archive.path))
        }
        return try archive.records(symbol, in: window)
    }

    private func report<Record: ArchivableRecord>(_ records: [Record], _ symbol: Symbol, _ progress: ProgressHandler?)
        -> [Record]
    {
        progress?(FetchProgress(symbol: symbol, kind: Record.kind, chunksDone: 1, chunksTotal: 1, records: records.count, bytes: 0))
        return records
    }
}

/// Spells the `tapedeck record` command that records a window.
public enum RecordInvocation {
    /// `tapedeck record --symbols SPY --date 2024-03-15 --kinds trades --from 09:30 --to 16:00 --archive F`,
    /// one per New York day of `window` joined with `&&`; times round outwards to whole minutes, and a
    /// window reaching midnight ends `--to 24:00`.
    public static func filling(_ window: TimeWindow, symbol: Symbol, kind: DataKind, archive: String) -> String {
        NewYorkDay.split(window).map { date, piece in
            let dayStart = NewYorkDay.midnight(date).nanoseconds
            let minute = Timestamp.nanosecondsPerMinute
            let from = (piece.start.nanoseconds - dayStart) / minute
            let to = (piece.end.nanoseconds - dayStart + minute - 1) / minute
            return "tapedeck record --symbols \(symbol) --date \(date) --kinds \(kind) --from \(clock(from)) --to \(clock(to)) --archive \(shellQuoted(archive))"
        }.joined(separator: " && ")
    }

    /// `HH:MM` from minutes since midnight (wall-clock; DST days are rare enough to ignore here).
    static func clock(_ minutes: Int64) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }

    static func shellQuoted(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
