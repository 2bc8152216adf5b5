import Foundation
import MarketData
import PolygonWire
import Testing

/// The fast decoder against Foundation's `JSONDecoder` on the same bytes: every field of every record
/// must agree, on the number spellings and string escapes Polygon (or a proxy re-serialising its JSON)
/// may send.
///
/// Doubles are compared with the correctly rounded `Double(String)` of the token, bit for bit. Foundation
/// is an oracle for everything else but not quite for doubles: on Linux `JSONSerialization` rounds some
/// doubles in the last digit (`113.87768119680166` reads as `…67`, `0.30000000000000004` as
/// `0.3000000000000001`, checked on Swift 6.3.1). `JSONDecoder` read these exactly when checked, but since
/// the two share history, a double where Foundation differs is accepted only if Foundation is exactly one
/// ulp off and our decoder equals `Double(String)` — that documented discrepancy and nothing else.
struct FoundationOracleTests {
    /// Polygon's trade record, decoded the slow, obvious way.
    struct OracleTrade: Decodable {
        var conditions: [Int32]?
        var correction: Int?
        var exchange: Int
        var id: String
        var participant_timestamp: Int64?
        var price: Double
        var sequence_number: Int64
        var sip_timestamp: Int64
        var size: Double
        var tape: Int?
        var trf_id: Int?
        var trf_timestamp: Int64?
    }

    struct OracleQuote: Decodable {
        var ask_exchange: Int?
        var ask_price: Double?
        var ask_size: Double?
        var bid_exchange: Int?
        var bid_price: Double?
        var bid_size: Double?
        var conditions: [Int32]?
        var indicators: [Int32]?
        var participant_timestamp: Int64?
        var sequence_number: Int64
        var sip_timestamp: Int64
        var tape: Int?
        var trf_timestamp: Int64?
    }

    struct OraclePage<Record: Decodable>: Decodable {
        var results: [Record]?
        var status: String
        var next_url: String?
    }

    /// Number spellings for prices and sizes.
    static let doubles = [
        "1e-05", "1E-5", "171.0", "-0.0", "0", "156.43", "113.87768119680166", "0.1", "1.7976931348623157e308",
        "5e-324", "2.2250738585072014e-308", "9007199254740993", "123456789012345678901234567890", "4.35",
        "642646396.0", "1.469", "0.30000000000000004", "1e22", "1e23", "12345678.123456789",
    ]
    /// Integers beyond 2^53, where a detour through `Double` would lose digits.
    static let nanos = ["1710509400123456789", "9007199254740993", "1710509400000000001", "0", "9223372036854775807"]
    /// JSON string bodies with escapes, and the text they decode to.
    static let ids = [
        #"183276"#, #"\u00e9\ud83d\ude00"#, #"a\"b\\c\/d\n\t\r\b\f"#, #"\u0000x"#, "é€😀", #"\u2028"#,
    ]

    func trades() -> String {
        var records: [String] = []
        for (index, price) in Self.doubles.enumerated() {
            let nano = Self.nanos[index % Self.nanos.count]
            let id = Self.ids[index % Self.ids.count]
            let size = Self.doubles[(index * 7 + 3) % Self.doubles.count]
            var fields = [
                #""price":\#(price)"#, #""size":\#(size)"#, #""id":"\#(id)""#, #""exchange":\#(index % 22)"#,
                #""sequence_number":\#(index == 0 ? "9223372036854775807" : String(index * 1_000_003))"#,
                #""sip_timestamp":\#(nano)"#,
            ]
            // Optional fields present in some records, absent or null in others.
            if index % 2 == 0 { fields.append(#""participant_timestamp":\#(Self.nanos[(index + 1) % Self.nanos.count])"#) }
            if index % 3 == 0 { fields.append(#""conditions":[12,37,2147483647]"#) }
            if index % 3 == 1 { fields.append(#""conditions":null"#) }
            if index % 4 == 0 { fields.append(#""tape":3,"trf_id":201,"trf_timestamp":1710509399999999999"#) }
            if index % 5 == 0 { fields.append(#""correction":1"#) }
            records.append("{" + (index % 2 == 0 ? fields : fields.reversed()).joined(separator: ",") + "}")
        }
        return #"{"results":[\#(records.joined(separator: ",\n"))],"status":"OK","request_id":"r","next_url":"https://x/v3/trades/A?cursor=Yg"}"#
    }

    @Test func tradesAgreeWithFoundation() throws {
        let json = Data(trades().utf8)
        let ours = try WireDecoder.tradesPage(Array(json))
        let oracle = try JSONDecoder().decode(OraclePage<OracleTrade>.self, from: json)
        let expected = try #require(oracle.results)
        #expect(ours.results.count == expected.count && ours.status == oracle.status && ours.nextURL == oracle.next_url)
        for (index, (trade, reference)) in zip(ours.results, expected).enumerated() {
            let priceToken = Self.doubles[index]
            let sizeToken = Self.doubles[(index * 7 + 3) % Self.doubles.count]
            expectSameDouble(trade.price, token: priceToken, foundation: reference.price)
            expectSameDouble(trade.size, token: sizeToken, foundation: reference.size)
            #expect(trade.id.description == reference.id)
            #expect(trade.exchange == reference.exchange)
            #expect(trade.sequenceNumber == reference.sequence_number)
            #expect(trade.sipTimestamp.nanoseconds == reference.sip_timestamp)
            #expect(trade.sipTimestamp.nanoseconds == Int64(Self.nanos[index % Self.nanos.count]))
            #expect(trade.participantTimestamp?.nanoseconds == reference.participant_timestamp)
            #expect(trade.trfTimestamp?.nanoseconds == reference.trf_timestamp)
            #expect(trade.conditions.map { Array($0) } == reference.conditions)
            #expect(trade.tape == reference.tape && trade.trfId == reference.trf_id && trade.correction == reference.correction)
        }
    }

    @Test func quotesAgreeWithFoundationIncludingOneSidedZeros() throws {
        let json = Data(
            #"""
            {"results":[
             {"ask_exchange":0,"ask_price":0,"ask_size":0,"bid_exchange":12,"bid_price":171.0,"bid_size":3,
              "participant_timestamp":1710509400123456789,"sequence_number":9223372036854775806,
              "sip_timestamp":1710509400123456790,"tape":3},
             {"bid_exchange":0,"bid_price":0.0,"bid_size":0,"ask_exchange":11,"ask_price":1e-05,"ask_size":1E2,
              "sequence_number":2,"sip_timestamp":9007199254740993,"conditions":[1],"indicators":[604,607]},
             {"sequence_number":3,"sip_timestamp":1710509400000000001,"ask_price":-0.0,"bid_price":113.87768119680166,
              "trf_timestamp":1710509399999999999}
            ],"status":"OK"}
            """#.utf8)
        let ours = try WireDecoder.quotesPage(Array(json)).results
        let oracle = try #require(try JSONDecoder().decode(OraclePage<OracleQuote>.self, from: json).results)
        #expect(ours.count == 3)
        let bidTokens = ["171.0", "0.0", "113.87768119680166"]
        let askTokens = ["0", "1e-05", "-0.0"]
        for (index, (quote, reference)) in zip(ours, oracle).enumerated() {
            expectSameDouble(quote.bidPrice, token: bidTokens[index], foundation: reference.bid_price ?? 0)
            expectSameDouble(quote.askPrice, token: askTokens[index], foundation: reference.ask_price ?? 0)
            #expect(quote.bidSize == reference.bid_size ?? 0 && quote.askSize == reference.ask_size ?? 0)
            #expect(quote.bidExchange == reference.bid_exchange ?? 0 && quote.askExchange == reference.ask_exchange ?? 0)
            #expect(quote.sequenceNumber == reference.sequence_number)
            #expect(quote.sipTimestamp.nanoseconds == reference.sip_timestamp)
            #expect(quote.participantTimestamp?.nanoseconds == reference.participant_timestamp)
            #expect(quote.trfTimestamp?.nanoseconds == reference.trf_timestamp)
            #expect(quote.conditions.map { Array($0) } == reference.conditions)
            #expect(quote.indicators.map { Array($0) } == reference.indicators)
            #expect(quote.tape == reference.tape)
        }
        #expect(!ours[0].isTwoSided && !ours[1].isTwoSided)
    }

    /// Bit-equal to `Double(String)`; Foundation may only differ by the documented last-digit rounding.
    private func expectSameDouble(
        _ ours: Double, token: String, foundation: Double, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let correct = Double(token)!
        #expect(ours.bitPattern == correct.bitPattern, "\(token)", sourceLocation: sourceLocation)
        if foundation.bitPattern != correct.bitPattern {
            #expect(foundation == correct.nextUp || foundation == correct.nextDown, "\(token)", sourceLocation: sourceLocation)
        }
    }
}
