import Foundation
import GRDB

/// A `coverage` row: [start, end) of one symbol and kind is recorded completely — possibly with no
/// records at all. One row per recorded chunk; rows never overlap.
public struct CoverageRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "coverage"
    public var id: Int64?
    public var symbol: String
    public var kind: String
    /// The New York trading date of the chunk, `YYYY-MM-DD`.
    public var day: String
    /// Inclusive start, nanoseconds since the epoch.
    public var start: Int64
    /// Exclusive end, nanoseconds since the epoch.
    public var end: Int64
    /// Wall-clock time of recording, ns. Metadata only: it decides expiry, never what is replayed.
    public var recordedAt: Int64
    /// Whether the session of `day` had ended (post-market close) when this was recorded; data of an
    /// open session is provisional and expires after 24 h.
    public var sessionClosed: Bool
    /// How the chunk was recorded; `nil` in a schema-2 archive read without migrating it (REST, then).
    public var origin: ChunkOrigin?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A `segments` row: the columnar payload of one chunk of one symbol, kind and day.
public struct SegmentRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "segments"
    public var id: Int64?
    /// The `coverage` row this segment fills.
    public var coverageID: Int64
    public var symbol: String
    public var kind: String
    public var day: String
    /// Chunk bounds (same as the coverage row), ns.
    public var start: Int64
    public var end: Int64
    /// Time of the first and last record, ns; `nil` for an empty chunk.
    public var firstTime: Int64?
    public var lastTime: Int64?
    public var count: Int
    public var codecVersion: Int
    /// Length of the columnar bytes before zlib.
    public var rawSize: Int
    /// zlib stream of the columnar bytes.
    public var payload: Data
    /// SHA-256 of `payload` (the stored, compressed bytes).
    public var sha256: Data

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A `responses` row: one raw HTTP response, the record of truth.
public struct ResponseRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "responses"
    public var id: Int64?
    /// The `coverage` row (chunk) whose fetch received this response.
    public var coverageID: Int64
    /// Position of the response within its chunk (0-based), in the order the source used them.
    public var ordinal: Int
    /// Canonical request, path and sorted query, with credentials removed.
    public var request: String
    public var status: Int
    /// zlib stream of the body as received.
    public var body: Data
    /// SHA-256 of the body as received (before compression).
    public var sha256: Data
    /// Length of the body as received.
    public var rawSize: Int
    /// Wall-clock time of recording, ns. Metadata only.
    public var recordedAt: Int64

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A `conditions` row: one page of the trade-condition table the archive's data goes with — a raw
/// `/v3/reference/conditions` response (`origin` "recorded"), or, for a recording from an in-process
/// source, the built-in table written in that endpoint's shape (`origin` "builtIn").
public struct ConditionsRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "conditions"
    public var id: Int64?
    /// Page position (0-based).
    public var ordinal: Int
    /// "recorded" or "builtIn".
    public var origin: String
    /// Canonical request, credentials removed ("" for the built-in table).
    public var request: String
    public var status: Int
    /// zlib stream of the body.
    public var body: Data
    /// SHA-256 of the body before compression.
    public var sha256: Data
    public var rawSize: Int
    /// Wall-clock time of recording, ns. Metadata only.
    public var recordedAt: Int64

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// How a chunk was recorded (`coverage.origin`, schema 3).
public enum ChunkOrigin: String, Codable, Hashable, Sendable {
    /// REST pages (or an in-process source): nanosecond times, raw responses kept until compaction.
    case rest
    /// The stocks WebSocket feed (`record --stream`): millisecond times, no participant timestamps, no
    /// trade counts on bars, and no raw responses.
    case stream
}
