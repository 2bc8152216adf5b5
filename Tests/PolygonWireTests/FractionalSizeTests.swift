import MarketData
import PolygonWire
import Testing

/// The real API sends fractional volumes and sizes (minute aggregates such as `"v": 9099.618093`,
/// fractional-share trades): they decode to the correctly rounded double and re-encode to the same text,
/// and that text decodes to the same bits again.
struct FractionalSizeTests {
    static let spellings = ["9099.618093", "0.5", "12.345678", "0.000123", "1234567.891011", "3.0000000000000004", "1e-05"]

    @Test(arguments: spellings)
    func aggregateVolume(_ spelling: String) throws {
        let expected = try #require(Double(spelling))
        let body =
            #"{"ticker":"SPY","results":[{"v":\#(spelling),"vw":512.0301,"o":512.01,"c":512.05,"h":512.09,"l":512,"t":1710509400000,"n":41}],"status":"OK"}"#
        let bar = try #require(WireDecoder.aggsPage(bytes(body)).results.first)
        #expect(bar.volume.bitPattern == expected.bitPattern)
        let encoded = text(WireEncoder.aggsPage([bar], ticker: "SPY", requestID: "r"))
        #expect(encoded.contains("\"v\":\(spelling),"))
        let again = try #require(WireDecoder.aggsPage(bytes(encoded)).results.first)
        #expect(again.volume.bitPattern == expected.bitPattern)
        #expect(sameBits(again, bar))
    }

    @Test(arguments: spellings)
    func tradeAndQuoteSizes(_ spelling: String) throws {
        let expected = try #require(Double(spelling))
        let trades =
            #"{"results":[{"exchange":4,"id":"71675577320245","participant_timestamp":1710509400001000000,"price":512.0301,"sequence_number":4,"sip_timestamp":1710509400001234567,"size":\#(spelling),"tape":3,"trf_id":201}],"status":"OK"}"#
        let trade = try #require(WireDecoder.tradesPage(bytes(trades)).results.first)
        #expect(trade.size.bitPattern == expected.bitPattern)
        let encodedTrade = text(WireEncoder.tradesPage([trade], requestID: "r"))
        #expect(encodedTrade.contains("\"size\":\(spelling),"))
        #expect(try WireDecoder.tradesPage(bytes(encodedTrade)).results.first.map { sameBits($0, trade) } == true)

        let quotes =
            #"{"results":[{"ask_exchange":12,"ask_price":512.05,"ask_size":\#(spelling),"bid_exchange":11,"bid_price":512.01,"bid_size":\#(spelling),"sequence_number":9,"sip_timestamp":1710509400001234567}],"status":"OK"}"#
        let quote = try #require(WireDecoder.quotesPage(bytes(quotes)).results.first)
        #expect(quote.askSize.bitPattern == expected.bitPattern && quote.bidSize.bitPattern == expected.bitPattern)
        let encodedQuote = text(WireEncoder.quotesPage([quote], requestID: "r"))
        #expect(try WireDecoder.quotesPage(bytes(encodedQuote)).results.first.map { sameBits($0, quote) } == true)
    }
}
