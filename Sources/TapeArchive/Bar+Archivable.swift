import MarketData
import PolygonWire
import TapeCodec

extension Bar: ArchivableRecord {
    public static var requestPathMarker: String { "/range/1/minute" }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Bar] {
        try WireDecoder.aggsPage(body).results
    }

    public static func fetch(from source: some RecordableSource, _ symbol: Symbol, in window: TimeWindow, log: ResponseLog)
        async throws -> [Bar]
    {
        try await source.bars(symbol, in: window, progress: nil, log: log)
    }
}
