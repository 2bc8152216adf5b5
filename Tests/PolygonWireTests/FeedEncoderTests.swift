import MarketData
import PolygonWire
import Testing

/// The feed's frames, byte for byte against Polygon's documented short keys (shared/reference/polygon-websocket.md).
struct FeedEncoderTests {
    static let symbol = try! Symbol("AAPL")

    @Test func aTradeHasPolygonsShortKeysAndMilliseconds() {
        let trade = Trade(
            sipTimestamp: Timestamp(nanoseconds: 1_710_509_400_123_456_789), price: 171.25, size: 100, exchange: 4, tape: 3,
            conditions: [12, 37], id: TradeID("52983525029461"), sequenceNumber: 1063)
        let frame = String(decoding: FeedEncoder.frame([.trade(Self.symbol, trade)]), as: UTF8.self)
        #expect(
            frame
                == #"[{"ev":"T","sym":"AAPL","i":"52983525029461","x":4,"p":171.25,"s":100,"c":[12,37],"t":1710509400123,"q":1063,"z":3,"tns":1710509400123456789}]"#
        )
    }

    @Test func aQuoteSendsItsFirstConditionAsAnInteger() {
        let quote = Quote(
            sipTimestamp: Timestamp(nanoseconds: 1_710_509_400_000_000_001), bidPrice: 171.2, bidSize: 3, bidExchange: 11, askPrice: 171.3,
            askSize: 2, askExchange: 12, conditions: [1], indicators: [604], sequenceNumber: 7, tape: 3)
        let frame = String(decoding: FeedEncoder.frame([.quote(Self.symbol, quote)]), as: UTF8.self)
        #expect(
            frame
                == #"[{"ev":"Q","sym":"AAPL","bx":11,"bp":171.2,"bs":3,"ax":12,"ap":171.3,"as":2,"c":1,"i":[604],"t":1710509400000,"q":7,"z":3,"tns":1710509400000000001}]"#
        )
    }

    /// `z` is the average trade size: 1,000 shares over 3 trades rounds to 333.
    @Test func aMinuteAggregateCarriesTheDaysFigures() {
        let start = Timestamp(nanoseconds: 1_710_509_400_000_000_000)
        let bar = Bar(start: start, open: 10, high: 11, low: 9.5, close: 10.5, volume: 1_000, vwap: 10.25, transactions: 3)
        let aggregate = FeedAggregate(
            span: .minute, symbol: Self.symbol, bar: bar, start: start, end: start.advanced(by: 60_000_000_000), accumulatedVolume: 5_000,
            officialOpen: 9.9, dayVWAP: 10.1)
        let frame = String(decoding: FeedEncoder.frame([.aggregate(aggregate)]), as: UTF8.self)
        #expect(
            frame
                == #"[{"ev":"AM","sym":"AAPL","v":1000,"av":5000,"op":9.9,"vw":10.25,"o":10,"c":10.5,"h":11,"l":9.5,"a":10.1,"z":333,"s":1710509400000,"e":1710509460000,"otc":false}]"#
        )
    }

    @Test func statusAndBatches() {
        #expect(
            String(decoding: FeedEncoder.status("connected", message: "Connected Successfully"), as: UTF8.self)
                == #"[{"ev":"status","status":"connected","message":"Connected Successfully"}]"#)
        #expect(String(decoding: FeedEncoder.frame([]), as: UTF8.self) == "[]")
    }

    @Test(arguments: [
        (#"{"action":"auth","params":"KEY"}"#, "auth", "KEY"),
        (#" { "params" : "T.AAPL,Q.*", "action" : "subscribe", "extra": [1, {"a": null}] } "#, "subscribe", "T.AAPL,Q.*"),
    ])
    func clientMessagesDecode(text: String, action: String, params: String) throws {
        let command = try FeedCommand.decode(Array(text.utf8))
        #expect(command.action == action && command.params == params)
    }

    @Test(arguments: [#"{"action":"auth"}"#, #"{"action":1,"params":"x"}"#, "not json", #"{"action":"a","params":"b"} trailing"#])
    func badClientMessagesAreErrors(text: String) {
        #expect(throws: TapeDeckError.self) { try FeedCommand.decode(Array(text.utf8)) }
    }

    @Test func topicsSplitOnCommas() {
        #expect(FeedCommand(action: "subscribe", params: "T.A, Q.B,,AM.*").topics == ["T.A", "Q.B", "AM.*"])
    }
}
