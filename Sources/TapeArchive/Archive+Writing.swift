import Foundation
import GRDB
import MarketData
import TapeCodec

extension Archive {
    /// Commits one chunk — its coverage row, segment and raw responses — in one transaction.
    ///
    /// Coverage rows of the same symbol and kind that overlap the chunk are deleted first, with their
    /// segments and responses, in the same transaction: the new recording replaces them atomically, and
    /// a failure leaves the old rows in place. Callers plan chunks so that replaced rows lie wholly
    /// inside the windows they re-record (see ``Recorder``).
    /// - Returns: the id of the new coverage row.
    @discardableResult
    public func commit(_ chunk: RecordedChunk) throws(TapeDeckError) -> Int64 {
        let bodies = chunk.responses.map { response in
            (response, Data(Zlib.compress(response.body)), Archive.sha256(response.body))
        }
        let payload = Data(chunk.segment.payload)
        let payloadHash = Archive.sha256(chunk.segment.payload)
        return try write { db in
            try db.execute(
                sql: "DELETE FROM coverage WHERE symbol = ? AND kind = ? AND \"end\" > ? AND start < ?",
                arguments: [
                    chunk.symbol.rawValue, chunk.kind.rawValue, chunk.window.start.nanoseconds,
                    chunk.window.end.nanoseconds,
                ]
            )
            var coverage = CoverageRow(
                id: nil, symbol: chunk.symbol.rawValue, kind: chunk.kind.rawValue, day: chunk.day.description,
                start: chunk.window.start.nanoseconds, end: chunk.window.end.nanoseconds,
                recordedAt: chunk.recordedAt.nanoseconds, sessionClosed: chunk.sessionClosed, origin: chunk.origin
            )
            try coverage.insert(db)
            let coverageID = coverage.id!
            var segment = SegmentRow(
                id: nil, coverageID: coverageID, symbol: coverage.symbol, kind: coverage.kind, day: coverage.day,
                start: coverage.start, end: coverage.end, firstTime: chunk.segment.firstTime?.nanoseconds,
                lastTime: chunk.segment.lastTime?.nanoseconds, count: chunk.segment.count,
                codecVersion: chunk.segment.codecVersion, rawSize: chunk.segment.rawSize, payload: payload,
                sha256: payloadHash
            )
            try segment.insert(db)
            for (ordinal, (response, body, hash)) in bodies.enumerated() {
                var row = ResponseRow(
                    id: nil, coverageID: coverageID, ordinal: ordinal, request: CanonicalRequest.redacted(response.request),
                    status: response.status, body: body, sha256: hash, rawSize: response.body.count,
                    recordedAt: chunk.recordedAt.nanoseconds
                )
                try row.insert(db)
            }
            return coverageID
        }
    }
}
