import MarketData
import PolygonWire
import TapeCodec

extension Trade: ArchivableRecord {
    public static var requestPathMarker: String { "/v3/trades/" }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Trade] {
        try WireDecoder.tradesPage(body).results
    }

    public static func fetch(from source: some RecordableSource, _ symbol: Symbol, in window: TimeWindow, log: ResponseLog)
        async throws -> [Trade]
    {
        try await source.trades(symbol, in: window, progress: nil, log: log)
    }
}
