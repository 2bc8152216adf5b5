import MarketData
import PolygonWire
import Testing

/// Polygon's own responses (client-python mocks, quoted in shared/reference/polygon-api.md) decode to the
/// values written out by hand below, and re-encode to the same bytes once whitespace is removed.
///
/// The reference elides some records (`, ...`); the fixtures here keep only the verbatim records.
struct FixtureTests {
    static let aggs = """
        {"ticker": "AAPL", "queryCount": 2, "resultsCount": 2, "adjusted": true,
         "results": [{"v": 642646396.0, "vw": 1.469, "o": 1.5032, "c": 1.4604, "h": 1.5064,
                      "l": 1.4489, "t": 1112331600000, "n": 82132}],
         "status": "OK", "request_id": "12afda77aab3b1936c5fb6ef4241ae42", "count": 2}
        """

    static let trades = """
        {"results": [{"conditions": [12, 37], "correction": 1, "exchange": 11, "id": "183276",
           "participant_timestamp": 1651181822461636600, "price": 156.43, "sequence_number": 7179341,
           "sip_timestamp": 1651181822461979400, "size": 10, "tape": 3, "trf_id": 3,
           "trf_timestamp": 1651181557090806500}],
         "status": "OK", "request_id": "756f9910624b35a47eb07f21a7a373bb"}
        """

    /// The reference elides this page's request id as "..."; kept as that string.
    static let quotes = """
        {"results": [{"ask_exchange": 15, "ask_price": 155.87, "ask_size": 3, "bid_exchange": 19,
           "bid_price": 155.85, "bid_size": 4, "participant_timestamp": 1652191872800402200,
           "sequence_number": 19288684, "sip_timestamp": 1652191872800638700, "tape": 3}],
         "status": "OK", "request_id": "...",
         "next_url": "https://api.massive.com/v3/quotes/AAPL?cursor=YXA9MTkyODgxNjYmYXM9JmxpbWl0PTEwJm9yZGVyPWRlc2Mmc29ydD10aW1lc3RhbXAmdGltZXN0YW1wLmx0ZT0yMDIyLTA1LTEwVDE0JTNBMTElM0ExMi42OTA2NjExODla"}
        """

    @Test func aggsFixtureDecodes() throws {
        let page = try WireDecoder.aggsPage(bytes(Self.aggs))
        #expect(page.ticker == "AAPL")
        #expect(page.queryCount == 2)
        #expect(page.resultsCount == 2)
        #expect(page.adjusted == true)
        #expect(page.status == "OK")
        #expect(page.requestID == "12afda77aab3b1936c5fb6ef4241ae42")
        #expect(page.count == 2)
        #expect(page.nextURL == nil)
        #expect(page.error == nil && page.message == nil)
        let bar = try #require(page.results.first)
        #expect(page.results.count == 1)
        #expect(bar.volume == 642_646_396)
        #expect(bar.vwap == 1.469)
        #expect(bar.open == 1.5032)
        #expect(bar.close == 1.4604)
        #expect(bar.high == 1.5064)
        #expect(bar.low == 1.4489)
        // 2005-04-01T05:00:00Z: midnight in New York, where Polygon's daily bars start.
        #expect(bar.start == Timestamp(nanoseconds: 1_112_331_600_000 * 1_000_000))
        #expect(bar.start.description == "2005-04-01T05:00:00Z")
        #expect(bar.transactions == 82132)
        #expect(bar.otc == false)
        #expect(bar.timeframe == .minute1)
        #expect(try WireDecoder.aggsPage(bytes(Self.aggs), timeframe: .daily).results.first?.timeframe == .daily)
    }

    @Test func tradesFixtureDecodes() throws {
        let page = try WireDecoder.tradesPage(bytes(Self.trades))
        #expect(page.status == "OK")
        #expect(page.requestID == "756f9910624b35a47eb07f21a7a373bb")
        #expect(page.nextURL == nil)
        #expect(page.results.count == 1)
        let trade = try #require(page.results.first)
        #expect(Array(try #require(trade.conditions)) == [12, 37])
        #expect(trade.correction == 1)
        #expect(trade.exchange == 11)
        #expect(trade.id == "183276")
        // Beyond 2^53: these must come through as exact integers, never via Double.
        #expect(trade.participantTimestamp?.nanoseconds == 1_651_181_822_461_636_600)
        #expect(trade.price == 156.43)
        #expect(trade.sequenceNumber == 7_179_341)
        #expect(trade.sipTimestamp.nanoseconds == 1_651_181_822_461_979_400)
        #expect(trade.size == 10)
        #expect(trade.tape == 3)
        #expect(trade.trfId == 3)
        #expect(trade.trfTimestamp?.nanoseconds == 1_651_181_557_090_806_500)
    }

    @Test func quotesFixtureDecodes() throws {
        let page = try WireDecoder.quotesPage(bytes(Self.quotes))
        #expect(page.status == "OK")
        #expect(page.requestID == "...")
        #expect(page.nextURL?.hasPrefix("https://api.massive.com/v3/quotes/AAPL?cursor=YXA9") == true)
        let quote = try #require(page.results.first)
        #expect(quote.askExchange == 15)
        #expect(quote.askPrice == 155.87)
        #expect(quote.askSize == 3)
        #expect(quote.bidExchange == 19)
        #expect(quote.bidPrice == 155.85)
        #expect(quote.bidSize == 4)
        #expect(quote.participantTimestamp?.nanoseconds == 1_652_191_872_800_402_200)
        #expect(quote.sequenceNumber == 19_288_684)
        #expect(quote.sipTimestamp.nanoseconds == 1_652_191_872_800_638_700)
        #expect(quote.tape == 3)
        #expect(quote.conditions == nil && quote.indicators == nil && quote.trfTimestamp == nil)
        let cursor = try #require(try page.nextCursor())
        #expect(cursor["ap"] == "19288166")
        #expect(cursor["timestamp.lte"] == "2022-05-10T14:11:12.690661189Z")
    }

    /// Our encoding of a fixture is Polygon's bytes minus whitespace: same keys, same order, same numbers.
    @Test func tradesFixtureReencodesToPolygonsBytes() throws {
        let page = try WireDecoder.tradesPage(bytes(Self.trades))
        let encoded = WireEncoder.tradesPage(page.results, requestID: try #require(page.requestID))
        #expect(
            text(encoded)
                == #"{"results":[{"conditions":[12,37],"correction":1,"exchange":11,"id":"183276","participant_timestamp":1651181822461636600,"price":156.43,"sequence_number":7179341,"sip_timestamp":1651181822461979400,"size":10,"tape":3,"trf_id":3,"trf_timestamp":1651181557090806500}],"status":"OK","request_id":"756f9910624b35a47eb07f21a7a373bb"}"#
        )
    }

    @Test func quotesFixtureReencodesToPolygonsBytes() throws {
        let page = try WireDecoder.quotesPage(bytes(Self.quotes))
        let encoded = WireEncoder.quotesPage(page.results, requestID: "...", nextURL: page.nextURL)
        #expect(
            text(encoded)
                == #"{"results":[{"ask_exchange":15,"ask_price":155.87,"ask_size":3,"bid_exchange":19,"bid_price":155.85,"bid_size":4,"participant_timestamp":1652191872800402200,"sequence_number":19288684,"sip_timestamp":1652191872800638700,"tape":3}],"status":"OK","request_id":"...","next_url":"https://api.massive.com/v3/quotes/AAPL?cursor=YXA9MTkyODgxNjYmYXM9JmxpbWl0PTEwJm9yZGVyPWRlc2Mmc29ydD10aW1lc3RhbXAmdGltZXN0YW1wLmx0ZT0yMDIyLTA1LTEwVDE0JTNBMTElM0ExMi42OTA2NjExODla"}"#
        )
    }

    /// The fixture's counts say 2 because the reference elides a bar; with one bar both counts are 1.
    @Test func aggsFixtureReencodesToPolygonsBytes() throws {
        let page = try WireDecoder.aggsPage(bytes(Self.aggs))
        let encoded = WireEncoder.aggsPage(
            page.results, ticker: "AAPL", adjusted: true, queryCount: 2, requestID: "12afda77aab3b1936c5fb6ef4241ae42"
        )
        #expect(
            text(encoded)
                == #"{"ticker":"AAPL","queryCount":2,"resultsCount":1,"adjusted":true,"results":[{"v":642646396.0,"vw":1.469,"o":1.5032,"c":1.4604,"h":1.5064,"l":1.4489,"t":1112331600000,"n":82132}],"status":"OK","request_id":"12afda77aab3b1936c5fb6ef4241ae42","count":1}"#
        )
    }
}
