import MarketData
import PolygonWire
import Testing

/// `/v3/reference/conditions` pages: Polygon's fixture decodes to the values written out by hand, any key
/// order and unknown fields are read, elements without a consolidated rule are left out, and our encoder's
/// pages decode back to the same conditions.
struct ConditionsWireTests {
    /// The first item of client-python's `test_rest/mocks/v3/reference/conditions&asset_class=stocks.json`,
    /// verbatim from shared/reference/polygon-api.md §6a, in an envelope of the reference endpoints' shape.
    static let fixture = """
        {"results": [{"id": 1, "type": "sale_condition", "name": "Acquisition", "asset_class": "stocks", "sip_mapping": {"UTP": "A"},
         "update_rules": {"consolidated": {"updates_high_low": true, "updates_open_close": true, "updates_volume": true},
                          "market_center": {"updates_high_low": true, "updates_open_close": true, "updates_volume": true}},
         "data_types": ["trade"]}],
         "status": "OK", "request_id": "4f8c1a2b", "count": 1}
        """

    @Test func fixtureItemDecodes() throws {
        let page = try WireDecoder.conditionsPage(bytes(Self.fixture))
        #expect(page.status == "OK")
        #expect(page.requestID == "4f8c1a2b")
        #expect(page.count == 1)
        #expect(page.nextURL == nil)
        #expect(page.results.count == 1)
        let condition = try #require(page.results.first)
        #expect(condition.id == 1)
        #expect(condition.name == "Acquisition")
        #expect(condition.consolidated.updatesHighLow == true)
        #expect(condition.consolidated.updatesOpenClose == true)
        #expect(condition.consolidated.updatesVolume == true)
    }

    /// The consolidated flags of the fixture's ids 1-10, as the reference lists them (high/low, open/close,
    /// volume), written in the fixture's shape: they decode to those flags, which the built-in table shares.
    @Test func officialRulesOfIds1To10() throws {
        let official: [(Int32, String, Bool, Bool, Bool)] = [
            (1, "Acquisition", true, true, true), (2, "Average Price Trade", false, false, true),
            (3, "Automatic Execution", true, true, true), (4, "Bunched Trade", true, true, true),
            (5, "Bunched Sold Trade", true, false, true), (6, "CAP Election", true, true, true),
            (7, "Cash Sale", false, false, true), (8, "Closing Prints", true, true, true),
            (9, "Cross Trade", true, true, true), (10, "Derivatively Priced", true, false, true),
        ]
        let items = official.map { id, name, highLow, openClose, volume in
            let rule = "{\"updates_high_low\": \(highLow), \"updates_open_close\": \(openClose), \"updates_volume\": \(volume)}"
            return "{\"id\": \(id), \"type\": \"sale_condition\", \"name\": \"\(name)\", \"asset_class\": \"stocks\", "
                + "\"update_rules\": {\"consolidated\": \(rule), \"market_center\": \(rule)}, \"data_types\": [\"trade\"]}"
        }
        let page = try WireDecoder.conditionsPage(bytes("{\"results\": [\(items.joined(separator: ", "))], \"status\": \"OK\"}"))
        #expect(page.results.map(\.id) == official.map(\.0))
        for (condition, expected) in zip(page.results, official) {
            #expect(condition.name == expected.1)
            let rule = BarEligibility(updatesHighLow: expected.2, updatesOpenClose: expected.3, updatesVolume: expected.4)
            #expect(condition.consolidated == rule)
            #expect(TradeConditionTable.builtIn.eligibility(of: condition.id) == rule)
        }
    }

    /// Keys in any order, whitespace, `null` for optional fields, unknown members at every level; the rule is
    /// `consolidated`'s even when `market_center` differs.
    @Test func anyKeyOrderAndUnknownFields() throws {
        let text = """
            { "x_extra" : {"deep": [1, {"a": null}]}, "count" : 2,
              "results" : [
                { "data_types" : ["trade", "bbo"], "legacy": false, "exchange": null,
                  "update_rules" : { "market_center" : { "updates_volume": false, "updates_open_close": false, "updates_high_low": false },
                                     "x_rule": 1.5e3,
                                     "consolidated" : { "updates_volume" : true, "x": [], "updates_open_close" : false, "updates_high_low" : true } },
                  "name" : "Bunched Sold Trade", "sip_mapping" : {"CTA": "B", "UTP": "W"}, "description": "…", "id" : 5 },
                { "name": "Distribution", "id": 11, "update_rules": {"consolidated": {"updates_high_low": true, "updates_open_close": true, "updates_volume": true}} }
              ],
              "next_url" : "https://api.massive.com/v3/reference/conditions?cursor=YXA9MQ", "status" : "OK" }
            """
        let page = try WireDecoder.conditionsPage(bytes(text))
        #expect(page.count == 2)
        #expect(page.nextURL == "https://api.massive.com/v3/reference/conditions?cursor=YXA9MQ")
        #expect(
            page.results == [
                TradeCondition(
                    id: 5, name: "Bunched Sold Trade", consolidated: BarEligibility(updatesHighLow: true, updatesOpenClose: false, updatesVolume: true)),
                TradeCondition(id: 11, name: "Distribution", consolidated: .all),
            ])
    }

    /// Elements Polygon gives no consolidated rule, and quote conditions, are left out; the rest are kept.
    @Test func elementsWithoutConsolidatedRuleAreLeftOut() throws {
        let rule = #"{"updates_high_low": true, "updates_open_close": true, "updates_volume": true}"#
        let text = """
            {"results": [
              {"id": 40, "name": "No rules at all", "data_types": ["trade"]},
              {"id": 41, "name": "Market center only", "update_rules": {"market_center": \(rule)}},
              {"id": 42, "name": "Null rules", "update_rules": null},
              {"id": 43, "name": "Null consolidated", "update_rules": {"consolidated": null}},
              {"id": 44, "name": "A quote condition", "data_types": ["bbo", "nbbo"], "update_rules": {"consolidated": \(rule)}},
              {"id": 45, "name": "Kept", "data_types": ["trade"], "update_rules": {"consolidated": \(rule)}}
            ], "status": "OK"}
            """
        let page = try WireDecoder.conditionsPage(bytes(text))
        #expect(page.results.map(\.id) == [45])
    }

    @Test(arguments: [
        (#"{"results":[{"name":"x","update_rules":{}}]}"#, "\"id\" in results[0]"),
        (#"{"results":[{"id":1,"update_rules":{}}]}"#, "\"name\" in results[0]"),
        (
            #"{"results":[{"id":1,"name":"x","update_rules":{"consolidated":{"updates_high_low":true,"updates_open_close":true}}}]}"#,
            "\"updates_volume\" in results[0].update_rules.consolidated"
        ),
        (#"{"results":[{"id":4294967296,"name":"x"}]}"#, "out of range for Int32"),
        (#"{"results":[{"id":1,"name":"x","data_types":"trade"}]}"#, "expected an array of strings for \"data_types\""),
        (
            #"{"results":[{"id":1,"name":"x","update_rules":{"consolidated":{"updates_high_low":1}}}]}"#,
            "expected true or false for \"updates_high_low\""
        ),
        (#"{"results":[{"id":1,"name":"x","update_rules":[]}]}"#, "expected an object for \"update_rules\""),
    ])
    func malformedElementsAreNamed(_ text: String, _ phrase: String) {
        let error = #expect(throws: TapeDeckError.self) { try WireDecoder.conditionsPage(bytes(text)) }
        #expect(error?.code == .malformedJSON)
        #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "")")
    }

    /// The encoder's shape, byte for byte.
    @Test func encoderShape() {
        let conditions = [
            TradeCondition(id: 2, name: "Average Price Trade", consolidated: .volumeOnly),
            TradeCondition(
                id: 38, name: "Corrected \"Consolidated\" Close",
                consolidated: BarEligibility(updatesHighLow: true, updatesOpenClose: true, updatesVolume: false)),
        ]
        let expected =
            #"{"results":[{"id":2,"type":"sale_condition","name":"Average Price Trade","asset_class":"stocks","#
            + #""update_rules":{"consolidated":{"updates_high_low":false,"updates_open_close":false,"updates_volume":true},"#
            + #""market_center":{"updates_high_low":false,"updates_open_close":false,"updates_volume":true}},"data_types":["trade"]},"#
            + #"{"id":38,"type":"sale_condition","name":"Corrected \"Consolidated\" Close","asset_class":"stocks","#
            + #""update_rules":{"consolidated":{"updates_high_low":true,"updates_open_close":true,"updates_volume":false},"#
            + #""market_center":{"updates_high_low":true,"updates_open_close":true,"updates_volume":false}},"data_types":["trade"]}],"#
            + #""status":"OK","request_id":"r1","count":2,"next_url":"http://h/v3/reference/conditions?cursor=abc"}"#
        #expect(text(WireEncoder.conditionsPage(conditions, requestID: "r1", nextURL: "http://h/v3/reference/conditions?cursor=abc")) == expected)
        #expect(text(WireEncoder.conditionsPage([], requestID: "r", count: 7)) == #"{"results":[],"status":"OK","request_id":"r","count":7}"#)
    }

    /// The built-in table survives encoding and decoding unchanged.
    @Test func builtInTableRoundTrips() throws {
        let conditions = TradeConditionTable.builtIn.conditions
        let page = try WireDecoder.conditionsPage(WireEncoder.conditionsPage(conditions, requestID: "x", nextURL: "n"))
        #expect(page.results == conditions)
        #expect(page.count == conditions.count)
        #expect(page.nextURL == "n")
        #expect(page.requestID == "x")
    }
}
