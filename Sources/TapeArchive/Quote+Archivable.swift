import MarketData
import PolygonWire
import TapeCodec

extension Quote: ArchivableRecord {
    public static var requestPathMarker: String { "/v3/quotes/" }

    public static func decodeResponse(_ body: [UInt8]) throws(TapeDeckError) -> [Quote] {
        try WireDecoder.quotesPage(body).results
    }

    public static func fetch(from source: some RecordableSource, _ symbol: Symbol, in window: TimeWindow, log: ResponseLog)
        async throws -> [Quote]
    {
        try await source.quotes(symbol, in: window, progress: nil, log: log)
    }
}
