import Foundation
import GRDB
import MarketData
import TapeCodec

/// What ``Archive/compact()`` did.
public struct CompactionReport: Hashable, Sendable {
    /// File size before and after (after a checkpoint and VACUUM), bytes.
    public var bytesBefore: Int
    public var bytesAfter: Int
    /// Raw responses dropped.
    public var responsesDropped: Int
    /// Segments that were checked record for record against their responses first.
    public var segmentsMatched: Int
}

extension Archive {
    /// The `meta` key that marks a compacted archive; its value is the wall-clock time (ns) of compaction.
    static let compactedKey = "compactedAt"

    /// Whether ``compact()`` dropped this archive's raw responses.
    public func isCompacted() throws(TapeDeckError) -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Archive.compactedKey]) != nil }
    }

    /// Drops the raw responses after ``verify()`` has shown that every segment equals its responses,
    /// keeping coverage, segments, hashes and the trade-condition table; then reclaims the space. A
    /// compacted archive replays exactly as before but can no longer be rebuilt from responses.
    ///
    /// - Throws: ``TapeDeckError/Code/corruptArchive`` without changing anything when verify finds a problem.
    public func compact(at now: Timestamp = WallClock.system.now()) throws(TapeDeckError) -> CompactionReport {
        let before = fileSize()
        let report = try verify()
        guard report.isValid else {
            throw TapeDeckError(
                .corruptArchive,
                "archive \(path) fails verify (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); the first: \(report.problems[0])), so nothing was dropped; fix it first (`tapedeck archive rebuild \(path)` or re-record), then compact"
            )
        }
        let dropped = try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM responses") ?? 0
            try db.execute(sql: "DELETE FROM responses")
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                arguments: [Archive.compactedKey, String(now.nanoseconds)])
            return count
        }
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Archive.wrap(error, path)
        }
        return CompactionReport(
            bytesBefore: before, bytesAfter: fileSize(), responsesDropped: dropped,
            segmentsMatched: report.segmentsMatchedToResponses)
    }

    /// The size of the database file plus its WAL, bytes.
    func fileSize() -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
    }
}
