import MarketData
import MarketSimulator
import PolygonWire
import PropertyBased
import Testing

/// Fuzz target: the wire JSON reader (`WireDecoder`). Any bytes either decode to a page that re-encodes
/// and decodes to the same records, or fail with a one-line `malformedJSON` error whose offset lies
/// inside the input. Never a trap, never a hang.
struct WireFuzzTests {
    enum Kind: CaseIterable { case trades, quotes, aggs, conditions, error }

    /// Seeds: the encoder's pages of simulated records, and hand-written pages in the real API's shapes
    /// (pretty-printed, keys in another order, unknown fields, nulls, escapes, fractions).
    static let corpus: [(kind: Kind, bytes: [UInt8])] = {
        let symbol = try! Symbol("FUZZ")
        let simulator = MarketSimulator(seed: 7, profileOverrides: [symbol: .illiquid])
        let day = try! LocalDate(parsing: "2024-03-15")
        let window = TimeWindow(uncheckedStart: NewYorkTime.instant(day, hour: 10, minute: 0), end: NewYorkTime.instant(day, hour: 10, minute: 20))
        let trades = Array(simulator.trades(symbol, in: window).prefix(12))
        let quotes = Array(simulator.quotes(symbol, in: window).prefix(12))
        let bars = Array(simulator.minuteBars(symbol, in: window).prefix(8))
        return [
            (.trades, WireEncoder.tradesPage(trades, requestID: "r1", nextURL: "https://api.massive.com/v3/trades/FUZZ?cursor=bGltaXQ9Mg")),
            (.trades, WireEncoder.tradesPage([], requestID: "r0")),
            (.quotes, WireEncoder.quotesPage(quotes, requestID: "r2")),
            (
                .aggs,
                WireEncoder.aggsPage(bars, ticker: "FUZZ", requestID: "r3", nextURL: "https://api.massive.com/v2/aggs/ticker/FUZZ/range/1/minute/1/2?cursor=x")
            ),
            (.conditions, WireEncoder.conditionsPage(Array(TradeConditionTable.builtIn.conditions.prefix(6)), requestID: "r4")),
            (.error, WireEncoder.errorBody(.error("Unknown API Key", requestID: "r5"))),
            (
                .trades,
                """
                {
                  "x_extra": {"list": [1, 2.5e-3, null, true, {"k": "v\\u00e9\\ud83d\\ude00"}]},
                  "status": "OK",
                  "results": [
                    {"x_meta": {"a": [], "b": {}}, "trf_timestamp": null, "size": 0.000123, "sip_timestamp": 1710511200000000000,
                     "sequence_number": 9, "price": 156.43, "participant_timestamp": 1710511199999999000, "id": "a\\"b",
                     "exchange": 4, "conditions": [12, 37], "tape": 3, "trf_id": 201, "correction": 0}
                  ],
                  "request_id": "real",
                  "count": 1
                }
                """.bytes
            ),
            (
                .quotes,
                #"{"results":[{"sip_timestamp":1710511200000000001,"sequence_number":1,"ask_price":null,"bid_price":10.5,"bid_size":2,"indicators":[604],"conditions":null,"x_history":[]}],"status":"OK"}"#
                    .bytes
            ),
            (
                .aggs,
                #"{"ticker":"FUZZ","results":[{"v":9099.618093,"vw":10.5,"o":1e1,"c":10.50,"h":1.05E+1,"l":10,"t":1710511200000,"n":3,"otc":null}],"status":"DELAYED","adjusted":false}"#
                    .bytes
            ),
        ]
    }()

    /// Tokens of JSON worth splicing in: structure, literals, edge numbers, escapes, member names.
    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "-", "0", "1e999", "-1e999", "1e-400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1.5", "0.1",
            "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\"price\":", "\"size\":", "\"results\":", "\"t\":",
            "\"sip_timestamp\":", "\"conditions\":[", "\"id\":", "\"status\":", "\u{FEFF}", " ", "\n", "\u{7F}",
        ].map(\.bytes) + [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98]]

    @Test func mutatedPagesDecodeOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(1500), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...6)
        ) { index, operations in
            let seed = Self.corpus[index]
            Self.check(Mutator.apply(operations, to: seed.bytes, dictionary: Self.tokens), as: seed.kind)
        }
    }

    @Test func randomBytesDecodeOrFailCleanly() async {
        await propertyCheck(count: FuzzBudget.count(500), input: Gen.uint8().array(of: 0...48)) { bytes in
            for kind in Kind.allCases { Self.check(bytes, as: kind) }
        }
    }

    /// Decodes `bytes` as a page of `kind`; a page must survive re-encoding, a failure must be clean.
    static func check(_ bytes: [UInt8], as kind: Kind) {
        switch kind {
        case .trades:
            guard let page = decoded(bytes, { (bytes) throws(TapeDeckError) in try WireDecoder.tradesPage(bytes) }) else { return }
            let again = reencoded { () throws(TapeDeckError) in
                try WireDecoder.tradesPage(WireEncoder.tradesPage(page.results, requestID: page.requestID ?? "", nextURL: page.nextURL))
            }
            #expect(again?.results == page.results && again?.nextURL == page.nextURL)
        case .quotes:
            guard let page = decoded(bytes, { (bytes) throws(TapeDeckError) in try WireDecoder.quotesPage(bytes) }) else { return }
            let again = reencoded { () throws(TapeDeckError) in try WireDecoder.quotesPage(WireEncoder.quotesPage(page.results, requestID: "")) }
            #expect(again?.results == page.results)
        case .aggs:
            guard let page = decoded(bytes, { (bytes) throws(TapeDeckError) in try WireDecoder.aggsPage(bytes) }) else { return }
            let again = reencoded { () throws(TapeDeckError) in
                try WireDecoder.aggsPage(WireEncoder.aggsPage(page.results, ticker: page.ticker ?? "", requestID: ""))
            }
            #expect(again?.results == page.results)
        case .conditions:
            guard let page = decoded(bytes, { (bytes) throws(TapeDeckError) in try WireDecoder.conditionsPage(bytes) }) else { return }
            let again = reencoded { () throws(TapeDeckError) in try WireDecoder.conditionsPage(WireEncoder.conditionsPage(page.results, requestID: "")) }
            #expect(again?.results == page.results)
        case .error:
            guard let body = decoded(bytes, { (bytes) throws(TapeDeckError) in try WireDecoder.errorBody(bytes) }) else { return }
            #expect(reencoded { () throws(TapeDeckError) in try WireDecoder.errorBody(WireEncoder.errorBody(body)) } == body)
        }
    }

    /// The decoded value, or `nil` after checking that the failure is a clean one: `malformedJSON`, one
    /// line, an offset inside the input.
    static func decoded<Value>(_ bytes: [UInt8], _ decode: ([UInt8]) throws(TapeDeckError) -> Value) -> Value? {
        do {
            return try decode(bytes)
        } catch {
            #expect(error.code == .malformedJSON, "\(error)")
            #expect(!error.message.contains("\n"), "\(error.message)")
            let offset = error.message.dropFirst("malformed JSON at byte ".count).prefix { $0.isNumber }
            #expect(error.message.hasPrefix("malformed JSON at byte ") && (Int(offset) ?? .max) <= bytes.count, "\(error.message)")
            return nil
        }
    }

    /// What decoding the encoder's bytes gives; its failure is a finding (the encoder wrote what the
    /// decoder refuses).
    static func reencoded<Value>(_ body: () throws(TapeDeckError) -> Value) -> Value? {
        do {
            return try body()
        } catch {
            Issue.record("a decoded page did not survive re-encoding: \(error)")
            return nil
        }
    }
}
