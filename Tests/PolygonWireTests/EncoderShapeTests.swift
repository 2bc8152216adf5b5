import Foundation
import MarketData
import PolygonWire
import Testing

/// Encoded pages are plain JSON to an independent parser (Foundation's `JSONSerialization`), with exactly
/// Polygon's key names, and optional fields left off as Polygon leaves them off.
struct EncoderShapeTests {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func results(_ object: [String: Any]) throws -> [[String: Any]] {
        try #require(object["results"] as? [[String: Any]])
    }

    @Test func tradesPageHasPolygonsKeys() throws {
        let full = Trade(
            sipTimestamp: Timestamp(nanoseconds: 1_651_181_822_461_979_400),
            participantTimestamp: Timestamp(nanoseconds: 1_651_181_822_461_636_600),
            trfTimestamp: Timestamp(nanoseconds: 1_651_181_557_090_806_500), price: 156.43, size: 10, exchange: 4,
            tape: 3, conditions: [12, 37], id: "a\"b\\c\n€", sequenceNumber: 7_179_341, correction: 1, trfId: 3
        )
        let bare = Trade(sipTimestamp: Timestamp(nanoseconds: 5), price: 0.5, size: 100, exchange: 11, id: "1", sequenceNumber: 2)
        let object = try Self.object(WireEncoder.tradesPage([full, bare], requestID: "req", nextURL: "https://h/v3/trades/A?cursor=x"))
        #expect(Set(object.keys) == ["results", "status", "request_id", "next_url"])
        #expect(object["status"] as? String == "OK")
        #expect(object["request_id"] as? String == "req")
        #expect(object["next_url"] as? String == "https://h/v3/trades/A?cursor=x")
        let results = try Self.results(object)
        #expect(
            Set(results[0].keys) == [
                "conditions", "correction", "exchange", "id", "participant_timestamp", "price", "sequence_number",
                "sip_timestamp", "size", "tape", "trf_id", "trf_timestamp",
            ])
        #expect(Set(results[1].keys) == ["exchange", "id", "price", "sequence_number", "sip_timestamp", "size"])
        #expect(results[0]["id"] as? String == "a\"b\\c\n€")
        #expect((results[0]["price"] as? NSNumber)?.doubleValue == 156.43)
        #expect((results[0]["conditions"] as? [Int]) == [12, 37])
        #expect((results[0]["sip_timestamp"] as? NSNumber)?.int64Value == 1_651_181_822_461_979_400)
        #expect((results[1]["size"] as? NSNumber)?.doubleValue == 100)
    }

    @Test func quotesPageHasPolygonsKeys() throws {
        let full = Quote(
            sipTimestamp: Timestamp(nanoseconds: 3), participantTimestamp: Timestamp(nanoseconds: 2),
            trfTimestamp: Timestamp(nanoseconds: 1), bidPrice: 155.85, bidSize: 4, bidExchange: 19, askPrice: 155.87,
            askSize: 3, askExchange: 15, conditions: [1], indicators: [604], sequenceNumber: 9, tape: 3
        )
        let oneSided = Quote(
            sipTimestamp: Timestamp(nanoseconds: 4), bidPrice: 10, bidSize: 1, bidExchange: 12, askPrice: 0, askSize: 0, askExchange: 0, sequenceNumber: 10)
        let object = try Self.object(WireEncoder.quotesPage([full, oneSided], requestID: "req"))
        #expect(Set(object.keys) == ["results", "status", "request_id"])
        let results = try Self.results(object)
        #expect(
            Set(results[0].keys) == [
                "ask_exchange", "ask_price", "ask_size", "bid_exchange", "bid_price", "bid_size", "conditions", "indicators",
                "participant_timestamp", "sequence_number", "sip_timestamp", "tape", "trf_timestamp",
            ])
        #expect(
            Set(results[1].keys) == [
                "ask_exchange", "ask_price", "ask_size", "bid_exchange", "bid_price", "bid_size", "sequence_number", "sip_timestamp",
            ])
        #expect((results[0]["indicators"] as? [Int]) == [604])
    }

    @Test func aggsPageHasPolygonsKeys() throws {
        let bars = [
            Bar(
                start: Timestamp(nanoseconds: 1_710_509_400_000_000_000), open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, vwap: 1.25, transactions: 3,
                otc: true),
            Bar(start: Timestamp(nanoseconds: 1_710_509_460_000_000_000), open: 1, high: 2, low: 0.5, close: 1.5, volume: 100),
        ]
        let object = try Self.object(WireEncoder.aggsPage(bars, ticker: "SPY", adjusted: true, requestID: "req", nextURL: "u"))
        #expect(Set(object.keys) == ["ticker", "queryCount", "resultsCount", "adjusted", "results", "status", "request_id", "count", "next_url"])
        let results = try Self.results(object)
        #expect(Set(results[0].keys) == ["v", "vw", "o", "c", "h", "l", "t", "n", "otc"])
        #expect(Set(results[1].keys) == ["v", "o", "c", "h", "l", "t"])
        #expect((results[0]["t"] as? NSNumber)?.int64Value == 1_710_509_400_000)
        #expect((results[0]["otc"] as? Bool) == true)
    }

    /// A range without data: counts of 0 and no `results` key, as Polygon answers it.
    @Test func emptyAggsPageLeavesOffResults() throws {
        let encoded = WireEncoder.aggsPage([Bar](), ticker: "SPY", requestID: "r")
        #expect(text(encoded) == #"{"ticker":"SPY","queryCount":0,"resultsCount":0,"adjusted":true,"status":"OK","request_id":"r","count":0}"#)
        let page = try WireDecoder.aggsPage(encoded)
        #expect(page.results.isEmpty && page.resultsCount == 0)
    }

    /// v3 pages keep an empty `results` array (client-python stops paging when `results` is missing).
    @Test func emptyV3PagesKeepResults() {
        #expect(text(WireEncoder.tradesPage([Trade](), requestID: "r")) == #"{"results":[],"status":"OK","request_id":"r"}"#)
        #expect(text(WireEncoder.quotesPage([Quote](), requestID: "r", nextURL: "u")) == #"{"results":[],"status":"OK","request_id":"r","next_url":"u"}"#)
    }

    /// Strings are escaped per RFC 8259: quote, backslash and control characters only.
    @Test func stringsAreEscaped() throws {
        let id = "q\"b\\s/n\nt\tr\rf\u{0C}b\u{08}u\u{01}\u{1F}é😀"
        let trade = Trade(sipTimestamp: Timestamp(nanoseconds: 1), price: 1, size: 1, exchange: 1, id: TradeID(id), sequenceNumber: 1)
        let encoded = text(WireEncoder.tradesPage([trade], requestID: ""))
        #expect(encoded.contains(#""id":"q\"b\\s/n\nt\tr\rf\fb\bu\u0001\u001fé😀""#))
        let results = try Self.results(try Self.object(Array(encoded.utf8)))
        #expect(results[0]["id"] as? String == id)
    }

    /// Random pages parse with Foundation, and Foundation reads the same grid prices we wrote.
    @Test func randomPagesParseWithFoundation() throws {
        var random = SplitMix64(seed: 5)
        let trades = (0..<300).map { _ in random.trade() }
        let results = try Self.results(try Self.object(WireEncoder.tradesPage(trades, requestID: "r")))
        #expect(results.count == trades.count)
        for (object, trade) in zip(results, trades) {
            #expect((object["id"] as? String) == trade.id.description)
            #expect((object["conditions"] != nil) == (trade.conditions != nil))
        }
    }
}
