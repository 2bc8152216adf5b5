import Foundation
import GRDB
import MarketData
import PolygonWire
import TapeCodec

extension Archive {
    /// Whether the archive holds a trade-condition table (archives of schema 1 do not).
    public func hasConditionTable() throws(TapeDeckError) -> Bool {
        try read { db in try db.tableExists("conditions") && ConditionsRow.fetchCount(db) > 0 }
    }

    /// Stores the archive's trade-condition table once: the raw conditions pages, or the built-in table in
    /// that shape when `responses` is empty. Does nothing if a table is already stored, so an archive's
    /// results never change after its first recording.
    /// - Returns: whether this call stored the table.
    @discardableResult
    public func storeConditionTable(responses: [RawResponse], recordedAt: Timestamp) throws(TapeDeckError) -> Bool {
        let origin: String
        let pages: [RawResponse]
        if responses.isEmpty {
            origin = "builtIn"
            pages = [
                RawResponse(
                    request: "", status: 200,
                    body: WireEncoder.conditionsPage(TradeConditionTable.builtIn.conditions, requestID: "built-in"))
            ]
        } else {
            origin = "recorded"
            pages = responses
        }
        let rows = pages.enumerated().map { ordinal, page in
            ConditionsRow(
                id: nil, ordinal: ordinal, origin: origin, request: CanonicalRequest.redacted(page.request),
                status: page.status, body: Data(Zlib.compress(page.body)), sha256: Archive.sha256(page.body),
                rawSize: page.body.count, recordedAt: recordedAt.nanoseconds)
        }
        return try write { db in
            guard try ConditionsRow.fetchCount(db) == 0 else { return false }
            for var row in rows { try row.insert(db) }
            return true
        }
    }

    /// The archive's trade-condition table, or `nil` when it holds none (recorded before schema 2): then
    /// readers use ``TradeConditionTable/builtIn``.
    public func conditionTable() throws(TapeDeckError) -> TradeConditionTable? {
        let rows = try read { db in
            try db.tableExists("conditions") ? try ConditionsRow.order(Column("ordinal")).fetchAll(db) : []
        }
        guard let first = rows.first else { return nil }
        var conditions: [TradeCondition] = []
        for row in rows {
            let name = "conditions page \(row.ordinal)"
            let body = try inflated(row.body, rawSize: row.rawSize, sha256: row.sha256, row: name)
            do {
                conditions += try WireDecoder.conditionsPage(body).results
            } catch {
                throw .corruptArchive(path, row: name, "it does not decode: \(error.message)")
            }
        }
        return TradeConditionTable(origin: first.origin == "builtIn" ? .builtIn : .recorded, conditions: conditions)
    }

    /// The table readers of this archive use: its own, else the built-in one.
    public func effectiveConditionTable() throws(TapeDeckError) -> TradeConditionTable {
        try conditionTable() ?? .builtIn
    }
}
