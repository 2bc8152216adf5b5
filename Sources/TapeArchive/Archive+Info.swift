import Foundation
import GRDB
import MarketData
import TapeCodec

/// A summary of an archive's contents for `tapedeck archive info`.
public struct ArchiveInfo: Hashable, Sendable {
    /// One symbol, kind and day.
    public struct Entry: Hashable, Sendable {
        public var symbol: String
        public var kind: String
        public var day: String
        public var records: Int
        public var segmentBytes: Int
        public var responseBytes: Int
        public var responses: Int
        /// Covered windows, merged, as [start, end) ns.
        public var coverage: [TimeWindow]
        /// Whether any of it was recorded while its session was open (provisional).
        public var provisional: Bool
        /// Whether any of it was recorded from the stocks feed (millisecond times; see ``ChunkOrigin/stream``).
        public var streamed: Bool

        /// Compressed segment bytes per record, or `nil` with no records.
        public var segmentBytesPerRecord: Double? { records > 0 ? Double(segmentBytes) / Double(records) : nil }
    }

    public var schemaVersion: Int
    public var writerVersion: String
    public var fileBytes: Int
    /// Which trade-condition table the archive's bars and eligibility follow, for people.
    public var conditions: String
    /// Whether the bars are split-adjusted (`record --adjusted`) rather than as traded.
    public var barsAreSplitAdjusted: Bool
    public var entries: [Entry]
}

extension Archive {
    /// Symbols, days, kinds, counts, coverage and sizes.
    public func info() throws(TapeDeckError) -> ArchiveInfo {
        let (stored, coverage, segments, responses) = try read { db in
            (
                try ArchiveSchema.storedVersion(db),
                try CoverageRow.order(Column("symbol"), Column("kind"), Column("start")).fetchAll(db),
                try Row.fetchAll(
                    db,
                    sql: "SELECT coverageID, count, length(payload) AS bytes FROM segments"),
                try Row.fetchAll(
                    db,
                    sql: "SELECT coverageID, count(*) AS n, sum(length(body)) AS bytes FROM responses GROUP BY coverageID")
            )
        }
        var segmentByCoverage: [Int64: (Int, Int)] = [:]
        for row in segments { segmentByCoverage[row["coverageID"]] = (row["count"], row["bytes"]) }
        var responsesByCoverage: [Int64: (Int, Int)] = [:]
        for row in responses { responsesByCoverage[row["coverageID"]] = (row["n"], row["bytes"]) }
        var entries: [ArchiveInfo.Entry] = []
        for row in coverage {
            let window = ChunkPlan.window(of: row)
            let (records, segmentBytes) = segmentByCoverage[row.id ?? 0] ?? (0, 0)
            let (responseCount, responseBytes) = responsesByCoverage[row.id ?? 0] ?? (0, 0)
            if let last = entries.last, last.symbol == row.symbol, last.kind == row.kind, last.day == row.day {
                var entry = last
                entry.records += records
                entry.segmentBytes += segmentBytes
                entry.responses += responseCount
                entry.responseBytes += responseBytes
                entry.coverage = ChunkPlan.merged(entry.coverage + [window])
                entry.provisional = entry.provisional || !row.sessionClosed
                entry.streamed = entry.streamed || row.origin == .stream
                entries[entries.count - 1] = entry
            } else {
                entries.append(
                    ArchiveInfo.Entry(
                        symbol: row.symbol, kind: row.kind, day: row.day, records: records, segmentBytes: segmentBytes,
                        responseBytes: responseBytes, responses: responseCount, coverage: [window],
                        provisional: !row.sessionClosed, streamed: row.origin == .stream))
            }
        }
        entries.sort { ($0.symbol, $0.day, $0.kind) < ($1.symbol, $1.day, $1.kind) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let conditions =
            try conditionTable().map { "\($0)" }
            ?? "none stored (recorded before schema 2): the built-in table, \(TradeConditionTable.builtIn)"
        return ArchiveInfo(
            schemaVersion: stored?.version ?? 0, writerVersion: stored?.writer ?? "unknown", fileBytes: size,
            conditions: conditions, barsAreSplitAdjusted: try barsAreSplitAdjusted(), entries: entries)
    }
}
