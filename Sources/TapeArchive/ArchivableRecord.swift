import MarketData
import TapeCodec

/// A record kind the archive can store: one the codec encodes, that Polygon serves on an endpoint of its
/// own, and that a recordable source fetches with its raw responses.
public protocol ArchivableRecord: ColumnarRecord {
    /// A part of the request path that only this kind's endpoint has (`/v3/trades/`, …).
    static var requestPathMarker: String { get }
    /// The records of one raw response body of this kind (a Polygon page).
    static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Self]
    /// Fetches records of this kind from a source, its raw responses going to `log`.
    static func fetch(from source: some RecordableSource, _ symbol: Symbol, in window: TimeWindow, log: ResponseLog)
        async throws -> [Self]
}
