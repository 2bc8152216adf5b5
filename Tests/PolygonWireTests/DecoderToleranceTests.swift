import MarketData
import PolygonWire
import Testing

/// Decoders accept what JSON allows and what Polygon may add: any key order, whitespace, unknown keys,
/// `null` or absent optional fields, escaped key names, and input that is not an `Array`.
struct DecoderToleranceTests {
    @Test func acceptsReorderedKeysWhitespaceAndUnknownKeys() throws {
        let json = """
            \t\r\n { "request_id" : "r" , "unknown" : {"nested": [1, -2.5e3, "s\\"", true, false, null, {}, []]},
              "results" : [ { "size" : 1e2 , "sip_timestamp" : 2 , "x_new_field" : [ {"a": null} ] ,
                "pri\\u0063e" : 1e-05, "id" : "\\u00e9\\ud83d\\ude00", "exchange" : 11.0 , "sequence_number" : 3,
                "participant_timestamp" : null, "tape": null, "conditions": null, "correction": null } ],
              "status" : "OK", "next_url": null } \n
            """
        let page = try WireDecoder.tradesPage(bytes(json))
        let trade = try #require(page.results.first)
        #expect(trade.price == 0.00001)
        #expect(trade.size == 100)
        #expect(trade.exchange == 11)
        #expect(trade.id == "é😀")
        #expect(trade.sequenceNumber == 3)
        #expect(trade.sipTimestamp.nanoseconds == 2)
        #expect(trade.participantTimestamp == nil && trade.tape == nil && trade.conditions == nil && trade.correction == nil)
        #expect(page.requestID == "r" && page.status == "OK" && page.nextURL == nil)
    }

    @Test func quoteSidesDefaultToZero() throws {
        let json = #"{"results":[{"sip_timestamp":1,"sequence_number":2,"bid_price":10.5,"bid_size":3,"bid_exchange":12}],"status":"OK"}"#
        let quote = try #require(try WireDecoder.quotesPage(bytes(json)).results.first)
        #expect(quote.bidPrice == 10.5 && quote.bidSize == 3 && quote.bidExchange == 12)
        #expect(quote.askPrice == 0 && quote.askSize == 0 && quote.askExchange == 0)
        #expect(!quote.isTwoSided)
    }

    @Test func missingOrNullResultsIsAnEmptyPage() throws {
        #expect(try WireDecoder.tradesPage(bytes(#"{"status":"OK","request_id":"r"}"#)).results.isEmpty)
        #expect(try WireDecoder.quotesPage(bytes(#"{"results":null,"status":"OK"}"#)).results.isEmpty)
        #expect(try WireDecoder.aggsPage(bytes(#"{"ticker":"X","resultsCount":0,"status":"OK"}"#)).resultsCount == 0)
    }

    @Test func barOptionalFieldsMayBeAbsent() throws {
        let json = #"{"results":[{"t":1712345640000,"o":1,"h":2,"l":0.5,"c":1.5,"v":10,"otc":true}]}"#
        let bar = try #require(try WireDecoder.aggsPage(bytes(json), timeframe: .minute5).results.first)
        #expect(bar.start.nanoseconds == 1_712_345_640_000_000_000)
        #expect(bar.vwap == nil && bar.transactions == nil && bar.otc)
        #expect(bar.timeframe == .minute5)
    }

    /// Input given as a non-contiguous collection (a lazy view) decodes the same as an array.
    @Test func decodesAnyCollectionOfBytes() throws {
        let json = bytes(FixtureTests.trades)
        let viaLazy = try WireDecoder.tradesPage(json.lazy.map { $0 })
        let viaSlice = try WireDecoder.tradesPage(json[...])
        #expect(viaLazy == viaSlice)
        #expect(viaLazy.results.count == 1)
    }
}
