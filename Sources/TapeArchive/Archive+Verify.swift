import Foundation
import GRDB
import MarketData
import TapeCodec

/// The outcome of ``Archive/verify()``: what was checked and every problem found, each naming its row.
public struct VerificationReport: Hashable, Sendable {
    public var coverageRows = 0
    public var segments = 0
    public var responses = 0
    /// Segments compared record for record with their chunk's raw responses.
    public var segmentsMatchedToResponses = 0
    /// One line per problem, naming the row.
    public var problems: [String] = []
    /// The archive's trade-condition table, decoded and hash-checked; `nil` when it has none (schema 1).
    public var conditionTable: TradeConditionTable?
    /// Whether `archive compact` dropped the raw responses: segments are then checked on their own
    /// (hashes, counts, bounds, order, decoding), with nothing to compare them to.
    public var compacted = false

    public var isValid: Bool { problems.isEmpty }
}

extension Archive {
    /// Checks every SHA-256, that coverage rows of a symbol and kind never overlap, that each coverage
    /// row has exactly one segment with its bounds, and that segments decode to the same records as their
    /// chunk's raw responses (when the source logged any).
    public func verify() throws(TapeDeckError) -> VerificationReport {
        var report = VerificationReport()
        let coverage = try read { db in try CoverageRow.order(Column("symbol"), Column("kind"), Column("start")).fetchAll(db) }
        report.coverageRows = coverage.count
        var previous: CoverageRow?
        for row in coverage {
            if let last = previous, last.symbol == row.symbol, last.kind == row.kind, row.start < last.end {
                report.problems.append(
                    "coverage \(row.id ?? 0) (\(row.symbol) \(row.kind)) overlaps coverage \(last.id ?? 0)")
            }
            if row.start > row.end { report.problems.append("coverage \(row.id ?? 0) ends before it starts") }
            previous = row
        }
        // Segments of an older codec all need the same command: one line for all of them.
        var outdated: [String] = []
        for row in coverage {
            let segments = try read { db in try SegmentRow.filter(Column("coverageID") == row.id).fetchAll(db) }
            let responses = try self.responses(coverageID: row.id ?? 0)
            report.segments += segments.count
            report.responses += responses.count
            guard segments.count == 1, let segment = segments.first else {
                report.problems.append("coverage \(row.id ?? 0) (\(row.symbol) \(row.kind)) has \(segments.count) segments, expected 1")
                continue
            }
            if segment.start != row.start || segment.end != row.end || segment.symbol != row.symbol || segment.kind != row.kind {
                report.problems.append("\(Archive.describe(segment)) does not match its coverage row \(row.id ?? 0)")
            }
            do {
                switch DataKind(rawValue: row.kind) {
                case .trades: try check(Trade.self, segment, responses, &report)
                case .quotes: try check(Quote.self, segment, responses, &report)
                case .bars: try check(Bar.self, segment, responses, &report)
                case nil: report.problems.append("coverage \(row.id ?? 0) has unknown kind \(row.kind)")
                }
            } catch let error where error.code == .outdatedSegment {
                outdated.append(error.message)
            } catch {
                report.problems.append(error.message)
            }
        }
        if let first = outdated.first {
            report.problems.append(outdated.count == 1 ? first : "\(outdated.count) segments need rebuilding; the first: \(first)")
        }
        let orphans = try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM segments WHERE coverageID NOT IN (SELECT id FROM coverage)")
                ?? 0
        }
        if orphans > 0 { report.problems.append("\(orphans) segments have no coverage row") }
        report.compacted = try isCompacted()
        do {
            report.conditionTable = try conditionTable()
        } catch {
            report.problems.append(error.message)
        }
        return report
    }

    private func check<Record: ArchivableRecord>(
        _ type: Record.Type, _ segment: SegmentRow, _ responses: [ResponseRow], _ report: inout VerificationReport
    ) throws(TapeDeckError) {
        let records: [Record] = try decode(segment)
        let window = TimeWindow(uncheckedStart: Timestamp(nanoseconds: segment.start), end: Timestamp(nanoseconds: segment.end))
        if records.count != segment.count
            || records.first.map(\.tapeTime.nanoseconds) != segment.firstTime
            || records.last.map(\.tapeTime.nanoseconds) != segment.lastTime
            || !records.allSatisfy({ window.contains($0.tapeTime) })
        {
            report.problems.append("\(Archive.describe(segment)): count, first/last time or window do not match its records")
        }
        if !TapeOrder.isOrdered(records) {
            // Recorded before ties were put in order: readers would stop at the first tie out of order.
            report.problems.append(
                "\(Archive.describe(segment)) is not in (SIP time, sequence number) order; rebuild it from its raw responses with `tapedeck archive rebuild FILE`"
            )
        }
        let fromResponses: [Record]
        do {
            fromResponses = try self.records(Record.self, fromResponses: responses, in: window, symbol: try Symbol(segment.symbol))
        } catch {
            report.problems.append("\(Archive.describe(segment)): its raw responses do not decode: \(error.message)")
            return
        }
        guard !responses.isEmpty else { return }
        if fromResponses == records {
            report.segmentsMatchedToResponses += 1
        } else {
            report.problems.append(
                "\(Archive.describe(segment)) decodes to \(records.count) records that differ from the \(fromResponses.count) in its raw responses; rebuild it from them with `tapedeck archive rebuild FILE`"
            )
        }
    }
}
