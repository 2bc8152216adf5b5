import Foundation
import GRDB
import MarketData
import TapeCodec

extension Archive {
    /// Re-encodes every segment from its chunk's raw responses (the record of truth), replacing the
    /// stored segment in one transaction per chunk. Chunks without responses (recorded from an
    /// in-process source) are left alone. Use it after `verify` reports a damaged segment.
    /// - Returns: the number of segments rewritten.
    @discardableResult
    public func rebuildSegments() throws(TapeDeckError) -> Int {
        let coverage = try read { db in try CoverageRow.order(Column("id")).fetchAll(db) }
        var count = 0
        for row in coverage {
            let responses = try self.responses(coverageID: row.id ?? 0)
            guard !responses.isEmpty else { continue }
            let segment: EncodedSegment
            switch DataKind(rawValue: row.kind) {
            case .trades: segment = try rebuilt(Trade.self, row, responses)
            case .quotes: segment = try rebuilt(Quote.self, row, responses)
            case .bars: segment = try rebuilt(Bar.self, row, responses)
            case nil: continue
            }
            let payload = Data(segment.payload)
            let hash = Archive.sha256(segment.payload)
            try write { db in
                try db.execute(sql: "DELETE FROM segments WHERE coverageID = ?", arguments: [row.id])
                var replacement = SegmentRow(
                    id: nil, coverageID: row.id ?? 0, symbol: row.symbol, kind: row.kind, day: row.day, start: row.start,
                    end: row.end, firstTime: segment.firstTime?.nanoseconds, lastTime: segment.lastTime?.nanoseconds,
                    count: segment.count, codecVersion: segment.codecVersion, rawSize: segment.rawSize, payload: payload,
                    sha256: hash)
                try replacement.insert(db)
            }
            count += 1
        }
        return count
    }

    private func rebuilt<Record: ArchivableRecord>(_ type: Record.Type, _ row: CoverageRow, _ responses: [ResponseRow])
        throws(TapeDeckError) -> EncodedSegment
    {
        SegmentCodec.encode(
            try records(Record.self, fromResponses: responses, in: ChunkPlan.window(of: row), symbol: try Symbol(row.symbol)))
    }

    /// The records a chunk's raw responses hold inside `window`, in archive order.
    ///
    /// Only successful responses of `Record`'s endpoint count: a chunk also keeps the responses that
    /// steered its fetch (the daily aggregates behind the chunk length). Pages of concurrent sub-requests
    /// arrive in any order and real pages hold ties in any order, so records are put in the tape order
    /// segments hold (``TapeOrder``): exact duplicates once, conflicts an error.
    func records<Record: ArchivableRecord>(
        _ type: Record.Type, fromResponses responses: [ResponseRow], in window: TimeWindow, symbol: Symbol
    ) throws(TapeDeckError) -> [Record] {
        var records: [Record] = []
        for response in responses
        where (200..<300).contains(response.status) && response.request.contains(Record.requestPathMarker) {
            records += try Record.decodeResponse(try body(of: response)).filter { window.contains($0.tapeTime) }
        }
        _ = try TapeOrder.normalize(&records, symbol: symbol, kind: Record.kind)
        return records
    }
}
