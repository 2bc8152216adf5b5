import MarketData
import PolygonWire
import Testing

/// The feed's frames as Polygon documents and sends them: examples in the shape of Polygon's stocks
/// WebSocket docs, members reordered and pretty-printed, extra members and event types, and TapeDeck's own
/// frames read back.
struct FeedDecoderTests {
    /// A trade and a quote as Polygon's docs show them (`c` is an array on trades, an integer on quotes).
    @Test func polygonsDocumentedTradeAndQuote() throws {
        let frame = #"""
            [{"ev":"T","sym":"MSFT","x":4,"i":"12345","z":3,"p":114.125,"s":100,"c":[0,12],"t":1536036818784,"q":3681328},
             {"ev":"Q","sym":"MSFT","bx":4,"bp":114.125,"bs":100,"ax":7,"ap":114.128,"as":160,"c":0,"i":[604],"t":1536036818784,"q":50385480,"z":3}]
            """#
        let messages = try FeedDecoder.messages(Array(frame.utf8))
        #expect(messages.count == 2)
        guard case .event(.trade(let symbol, let trade)) = messages[0], case .event(.quote(_, let quote)) = messages[1] else {
            Issue.record("expected a trade and a quote, got \(messages)")
            return
        }
        #expect(symbol.rawValue == "MSFT")
        #expect(trade.sipTimestamp.nanoseconds == 1_536_036_818_784_000_000)
        #expect(trade.price == 114.125 && trade.size == 100 && trade.exchange == 4 && trade.tape == 3)
        #expect(trade.conditions == [0, 12] && trade.id.description == "12345" && trade.sequenceNumber == 3_681_328)
        #expect(trade.participantTimestamp == nil, "the feed sends no participant time")
        #expect(quote.bidExchange == 4 && quote.bidPrice == 114.125 && quote.bidSize == 100)
        #expect(quote.askExchange == 7 && quote.askPrice == 114.128 && quote.askSize == 160)
        #expect(quote.conditions == [0] && quote.indicators == [604] && quote.sequenceNumber == 50_385_480 && quote.tape == 3)
    }

    /// A minute aggregate as Polygon's docs show it: the bar, the day's running figures, no trade count.
    @Test func polygonsDocumentedMinuteAggregate() throws {
        let frame = #"""
            [{"ev":"AM","sym":"GTE","v":4110,"av":9470157,"op":0.4372,"vw":0.4488,"o":0.4488,"c":0.4486,"h":0.4489,"l":0.4486,"a":0.4352,"z":685,"s":1610144640000,"e":1610144700000}]
            """#
        let messages = try FeedDecoder.messages(Array(frame.utf8))
        guard case .event(.aggregate(let aggregate)) = messages.first else {
            Issue.record("expected an aggregate, got \(messages)")
            return
        }
        #expect(aggregate.span == .minute && aggregate.symbol.rawValue == "GTE")
        #expect(aggregate.start.nanoseconds == 1_610_144_640_000_000_000 && aggregate.end.nanoseconds == 1_610_144_700_000_000_000)
        #expect(aggregate.bar.start == aggregate.start)
        #expect(aggregate.bar.open == 0.4488 && aggregate.bar.high == 0.4489 && aggregate.bar.low == 0.4486 && aggregate.bar.close == 0.4486)
        #expect(aggregate.bar.volume == 4110 && aggregate.bar.vwap == 0.4488 && aggregate.bar.transactions == nil)
        #expect(aggregate.accumulatedVolume == 9_470_157 && aggregate.officialOpen == 0.4372 && aggregate.dayVWAP == 0.4352)
    }

    /// Members in any order and pretty-printed, `ev` last, extra members, an unknown event type and a
    /// status: the event reads the same, the unknown type is skipped, the status is kept.
    @Test func reorderedPrettyPrintedAndExtended() throws {
        let frame = """
            [
              {"status": "connected", "message": "Connected Successfully", "ev": "status"},
              {"ev": "LULD", "T": "MSFT", "h": 1, "l": 2, "t": 1536036818784},
              {
                "q": 3681328, "t": 1536036818784, "c": [0, 12], "s": 100, "p": 114.125,
                "new_field": {"nested": [1, 2, 3]}, "z": 3, "i": "12345", "x": 4, "sym": "MSFT", "ev": "T"
              }
            ]
            """
        let messages = try FeedDecoder.messages(Array(frame.utf8))
        #expect(messages.count == 2)
        #expect(messages.first == .status("connected", message: "Connected Successfully"))
        let plain = try FeedDecoder.messages(
            Array(#"[{"ev":"T","sym":"MSFT","x":4,"i":"12345","z":3,"p":114.125,"s":100,"c":[0,12],"t":1536036818784,"q":3681328}]"#.utf8))
        #expect(messages.last == plain.first)
    }

    /// TapeDeck's frames read back: milliseconds by default, the `tns` nanoseconds when asked.
    @Test(arguments: [FeedDecoder.Timestamps.milliseconds, .nanosecondsWhenSent])
    func encodedEventsReadBack(_ timestamps: FeedDecoder.Timestamps) throws {
        let symbol = try Symbol("AAPL")
        let time = Timestamp(nanoseconds: 1_710_509_400_123_456_789)
        let trade = Trade(
            sipTimestamp: time, price: 171.25, size: 100, exchange: 4, tape: 3, conditions: [12, 37], id: TradeID("52983525029461"),
            sequenceNumber: 1063)
        let quote = Quote(
            sipTimestamp: time, bidPrice: 171.2, bidSize: 3, bidExchange: 11, askPrice: 171.3, askSize: 2, askExchange: 12, conditions: [1],
            indicators: [604], sequenceNumber: 7, tape: 3)
        let messages = try FeedDecoder.messages(FeedEncoder.frame([.trade(symbol, trade), .quote(symbol, quote)]), timestamps: timestamps)
        let expectedTime = timestamps == .milliseconds ? Timestamp(nanoseconds: 1_710_509_400_123_000_000) : time
        var expectedTrade = trade
        expectedTrade.sipTimestamp = expectedTime
        var expectedQuote = quote
        expectedQuote.sipTimestamp = expectedTime
        #expect(messages == [.event(.trade(symbol, expectedTrade)), .event(.quote(symbol, expectedQuote))])
    }

    @Test(arguments: [
        (#"[{"ev":"T","x":4,"p":1,"s":1,"t":1}]"#, "expected \"sym\" in trade [0]"),
        (#"[{"ev":"Q","sym":"A","t":1},{"ev":"T","sym":"A","p":1,"s":1}]"#, "expected \"t\" in trade [1]"),
        (#"[{"sym":"A"}]"#, "has no \"ev\""),
        (#"[{"ev":"T","ev":"Q"}]"#, "appears twice"),
        (#"[{"ev":"T","sym":"a b","p":1,"s":1,"t":1}]"#, "is not a ticker"),
        (#"{"ev":"status","status":"x","message":"y"} trailing"#, "the end of the frame"),
    ])
    func malformedFramesNameWhatIsWrong(_ frame: String, _ expected: String) {
        #expect {
            _ = try FeedDecoder.messages(Array(frame.utf8))
        } throws: { error in
            (error as? TapeDeckError)?.message.contains(expected) == true
        }
    }
}

extension FeedDecoder.Timestamps: CustomTestStringConvertible {
    public var testDescription: String { self == .milliseconds ? "milliseconds" : "nanosecondsWhenSent" }
}
