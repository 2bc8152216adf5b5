import Foundation
import MarketData
import PolygonWire
import Testing

/// An object that names a member twice is refused wherever it is: readers disagree on which value wins,
/// so `{"price":1.5,…,"price":123456}` must not become a trade at 123456 (or at 1.5).
struct DuplicateMemberTests {
    static let trade = #""exchange":4,"id":"1","sequence_number":3,"sip_timestamp":1710511200000000000,"size":100"#

    /// Each case: a trades page, where the error must point (the `⟪` marker) and the member it names.
    @Test(arguments: [
        (#"{"results":[{"price":1.5,\#(trade),⟪"price":123456}],"status":"OK"}"#, "price", "results[0]"),
        (#"{"results":[{"price":1.5,\#(trade),⟪"pr\u0069ce":123456}],"status":"OK"}"#, "price", "results[0]"),
        (#"{"results":[{"price":1.5,\#(trade)},{"price":2,\#(trade),⟪"size":1}],"status":"OK"}"#, "size", "results[1]"),
        (#"{"results":[{"price":1.5,\#(trade),"x_meta":1,⟪"x_meta":2}],"status":"OK"}"#, "x_meta", "results[0]"),
        (#"{"results":[{"price":1.5,\#(trade),"x_meta":{"a":1,⟪"a":2}}],"status":"OK"}"#, "a", "an object"),
        (#"{"status":"OK","results":[],⟪"results":[{"price":9,\#(trade)}]}"#, "results", "the response object"),
        (#"{"status":"OK",⟪"status":"ERROR"}"#, "status", "the response object"),
        (#"{"status":"OK","x_extra":{"list":[{"k":1,⟪"k":1}]}}"#, "k", "an object"),
    ])
    func duplicateMembersAreErrors(_ marked: String, _ member: String, _ object: String) {
        let parts = marked.components(separatedBy: "⟪")
        let json = Array((parts[0] + parts[1]).utf8)
        let error = #expect(throws: TapeDeckError.self) { try WireDecoder.tradesPage(json) }
        #expect(error?.code == .malformedJSON)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("malformed JSON at byte \(parts[0].utf8.count): "), "\(message)")
        #expect(message.contains("member \"\(member)\" appears twice in \(object)"), "\(message)")
    }

    /// Bars, quotes and the conditions table check their members too.
    @Test func everyPageKindChecksItsMembers() {
        let bar = #"{"results":[{"o":1,"h":1,"l":1,"c":1,"v":1,"t":1710511200000,"c":99}],"status":"OK"}"#
        #expect(throws: TapeDeckError.self) { try WireDecoder.aggsPage(Array(bar.utf8)) }
        let quote = #"{"results":[{"sip_timestamp":1,"sequence_number":1,"bid_price":1,"bid_price":2}]}"#
        #expect(throws: TapeDeckError.self) { try WireDecoder.quotesPage(Array(quote.utf8)) }
        let condition =
            #"{"results":[{"id":1,"name":"a","update_rules":{"consolidated":{"updates_high_low":true,"updates_open_close":true,"updates_volume":true,"updates_volume":false}}}]}"#
        #expect(throws: TapeDeckError.self) { try WireDecoder.conditionsPage(Array(condition.utf8)) }
        let errorBody = #"{"status":"ERROR","error":"a","error":"b"}"#
        #expect(throws: TapeDeckError.self) { try WireDecoder.errorBody(Array(errorBody.utf8)) }
    }

    /// Many distinct members are fine, and a repeat among them is still found once the reader switches
    /// from comparing names one by one to hashing them.
    @Test(arguments: [3, 16, 17, 200])
    func manyMembersAreCheckedExactly(_ count: Int) throws {
        let members = (0..<count).map { "\"m\($0)\":\($0)" }.joined(separator: ",")
        let distinct = #"{"status":"OK","x_extra":{\#(members)}}"#
        #expect(try WireDecoder.tradesPage(Array(distinct.utf8)).status == "OK")
        let repeated = #"{"status":"OK","x_extra":{\#(members),"m\#(count / 2)":0}}"#
        let error = #expect(throws: TapeDeckError.self) { try WireDecoder.tradesPage(Array(repeated.utf8)) }
        #expect(error?.message.contains("member \"m\(count / 2)\" appears twice") == true)
    }
}
