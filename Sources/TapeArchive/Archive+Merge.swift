import Foundation
import GRDB
import MarketData
import TapeCodec

/// What ``Archive/merge(_:)`` did.
public struct MergeReport: Hashable, Sendable {
    /// Coverage rows written (one per group of overlapping chunks, or per chunk copied as is).
    public var chunks = 0
    /// Records in the rows written.
    public var records = 0
    /// Records held by more than one input (or by an input and this archive) and kept once.
    public var duplicatesDropped = 0
}

extension Archive {
    /// Merges `inputs` into this archive: coverage is united, a record several archives hold is kept once,
    /// and two different records with one key are an error naming both (and nothing of that group is
    /// written). Raw responses come along, so the result verifies and rebuilds like a recording.
    ///
    /// All archives must carry the same trade-condition table (an archive without one counts as the
    /// built-in table); otherwise the merge is refused before anything is written, naming both tables.
    /// Each group of overlapping chunks commits in one transaction.
    @discardableResult
    public func merge(_ inputs: [Archive]) throws(TapeDeckError) -> MergeReport {
        try adoptConditionTable(from: inputs)
        var report = MergeReport()
        // Every chunk of every archive, this one first, grouped by symbol and kind.
        var chunks: [String: [(archive: Archive, row: CoverageRow)]] = [:]
        for archive in [self] + inputs {
            let rows = try archive.read { db in try CoverageRow.order(Column("start")).fetchAll(db) }
            for row in rows { chunks["\(row.symbol)\u{0}\(row.kind)", default: []].append((archive, row)) }
        }
        for key in chunks.keys.sorted() {
            let sorted = chunks[key]!.sorted { ($0.row.start, $0.row.end) < ($1.row.start, $1.row.end) }
            var group: [(archive: Archive, row: CoverageRow)] = []
            var groupEnd = Int64.min
            for chunk in sorted + [nil] as [(archive: Archive, row: CoverageRow)?] {
                if let chunk, group.isEmpty || chunk.row.start < groupEnd {
                    group.append(chunk)
                    groupEnd = max(groupEnd, chunk.row.end)
                    continue
                }
                // A group made only of this archive's own rows is already here.
                if !group.allSatisfy({ $0.archive === self }) { try mergeGroup(group, &report) }
                group = chunk.map { [$0] } ?? []
                groupEnd = chunk?.row.end ?? .min
            }
        }
        return report
    }

    /// Stores the inputs' common table in this archive if it has none; throws if any two differ. This
    /// archive takes part in the comparison unless it is still empty.
    private func adoptConditionTable(from inputs: [Archive]) throws(TapeDeckError) {
        let isEmpty = try read { db in try CoverageRow.fetchCount(db) == 0 }
        let hasOwn = try hasConditionTable()
        let compared = (hasOwn || !isEmpty ? [self] : []) + inputs
        guard let reference = compared.first else { return }
        let expected = try reference.effectiveConditionTable()
        let scale = try reference.barsAreSplitAdjusted()
        for archive in compared.dropFirst() where try archive.barsAreSplitAdjusted() != scale {
            throw TapeDeckError(
                .mixedBarScales,
                "\(reference.path) holds \(scale ? "split-adjusted" : "as-traded") bars but \(archive.path) holds \(scale ? "as-traded" : "split-adjusted") ones; merge only archives on one price scale"
            )
        }
        for archive in compared.dropFirst() {
            let table = try archive.effectiveConditionTable()
            guard table == expected else {
                throw TapeDeckError(
                    .conflictingConditionTables,
                    "\(reference.path) uses trade conditions \(expected) but \(archive.path) uses \(table); merge only archives recorded with the same table"
                )
            }
        }
        var donor: Archive?
        for input in inputs where try input.hasConditionTable() {
            donor = input
            break
        }
        guard !hasOwn, let donor else { return }
        let rows = try donor.read { db in try ConditionsRow.order(Column("ordinal")).fetchAll(db) }
        try write { db in
            guard try ConditionsRow.fetchCount(db) == 0 else { return }
            for var row in rows {
                row.id = nil
                try row.insert(db)
            }
        }
    }

    /// Writes one group of overlapping chunks as one coverage row, replacing this archive's rows in it.
    private func mergeGroup(_ group: [(archive: Archive, row: CoverageRow)], _ report: inout MergeReport)
        throws(TapeDeckError)
    {
        let first = group[0].row
        let start = group.map(\.row.start).min()!
        let end = group.map(\.row.end).max()!
        var segments: [(Archive, SegmentRow)] = []
        var responses: [ResponseRow] = []
        for (archive, row) in group {
            let rowID = row.id ?? 0
            let segment = try archive.read { db in try SegmentRow.filter(Column("coverageID") == rowID).fetchOne(db) }
            guard let segment else {
                throw .corruptArchive(archive.path, row: "coverage \(rowID)", "it has no segment; run `tapedeck archive verify \(archive.path)`")
            }
            segments.append((archive, segment))
            responses += try archive.responses(coverageID: rowID)
        }
        var payload: SegmentRow
        if group.count == 1 {
            payload = segments[0].1
            report.records += payload.count
        } else {
            let symbol = try Symbol(first.symbol)
            let encoded: EncodedSegment
            switch DataKind(rawValue: first.kind) {
            case .trades: encoded = try Self.merged(Trade.self, segments, symbol, &report)
            case .quotes: encoded = try Self.merged(Quote.self, segments, symbol, &report)
            case .bars: encoded = try Self.merged(Bar.self, segments, symbol, &report)
            case nil: throw .corruptArchive(group[0].archive.path, row: "coverage \(first.id ?? 0)", "unknown kind \(first.kind)")
            }
            payload = SegmentRow(
                id: nil, coverageID: 0, symbol: first.symbol, kind: first.kind, day: first.day, start: start, end: end,
                firstTime: encoded.firstTime?.nanoseconds, lastTime: encoded.lastTime?.nanoseconds, count: encoded.count,
                codecVersion: encoded.codecVersion, rawSize: encoded.rawSize, payload: Data(encoded.payload),
                sha256: Archive.sha256(encoded.payload))
        }
        let recordedAt = group.map(\.row.recordedAt).max()!
        let closed = group.allSatisfy(\.row.sessionClosed)
        try write { db in
            try db.execute(
                sql: "DELETE FROM coverage WHERE symbol = ? AND kind = ? AND \"end\" > ? AND start < ?",
                arguments: [first.symbol, first.kind, start, end])
            // A window partly recorded from the stream has its millisecond times: it is marked as such.
            var coverage = CoverageRow(
                id: nil, symbol: first.symbol, kind: first.kind, day: first.day, start: start, end: end,
                recordedAt: recordedAt, sessionClosed: closed, origin: group.contains { $0.row.origin == .stream } ? .stream : .rest)
            try coverage.insert(db)
            payload.id = nil
            payload.coverageID = coverage.id!
            try payload.insert(db)
            for (ordinal, response) in responses.enumerated() {
                var copy = response
                copy.id = nil
                copy.coverageID = coverage.id!
                copy.ordinal = ordinal
                try copy.insert(db)
            }
        }
        report.chunks += 1
    }

    /// One segment holding every record of `segments`, in tape order, duplicates once.
    private static func merged<Record: ArchivableRecord>(
        _ type: Record.Type, _ segments: [(Archive, SegmentRow)], _ symbol: Symbol, _ report: inout MergeReport
    ) throws(TapeDeckError) -> EncodedSegment {
        var records: [Record] = []
        for (archive, segment) in segments { records += try archive.decode(segment) as [Record] }
        let outcome: TapeOrder.Outcome
        do {
            outcome = try TapeOrder.normalize(&records, symbol: symbol, kind: Record.kind)
        } catch {
            let paths = Set(segments.map { $0.0.path }).sorted().joined(separator: ", ")
            throw TapeDeckError(error.code, "merging \(paths): \(error.message)")
        }
        report.duplicatesDropped += outcome.duplicatesDropped
        report.records += records.count
        return SegmentCodec.encode(records)
    }
}
