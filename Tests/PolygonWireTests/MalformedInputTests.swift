import Foundation
import MarketData
import PolygonWire
import Testing

/// Bad input fails with `.malformedJSON`, the byte offset where it goes wrong and what was expected there.
///
/// Offsets are written as the position of a marker `⟪` in the case text (removed before decoding), so
/// each case shows where the error must point.
struct MalformedInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var json: [UInt8]
        var offset: Int
        var fragment: String
        var testDescription: String

        /// `marked` contains `⟪` at the expected error offset.
        init(_ marked: String, _ fragment: String) {
            let parts = marked.components(separatedBy: "⟪")
            precondition(parts.count == 2, "a case needs exactly one ⟪ marker")
            json = Array((parts[0] + parts[1]).utf8)
            offset = parts[0].utf8.count
            self.fragment = fragment
            testDescription = marked
        }
    }

    static let cases: [Case] = [
        Case("⟪", "expected '{' starting the response object, found end of input"),
        Case("  ⟪[]", "expected '{' starting the response object, found '['"),
        Case(#"{"results":[⟪"#, "expected '{' starting results[0], found end of input"),
        Case(#"{"results":[{"price":156.4⟪"#, "expected ',' or '}' after an object member, found end of input"),
        Case(#"{"results":[{"price":1.⟪e5}]}"#, "expected a digit after '.', found 'e'"),
        Case(#"{"results":[{"price":1e⟪}]}"#, "expected a digit in the exponent, found '}'"),
        Case(#"{"results":[{"price":-⟪x}]}"#, "expected a digit after '-', found 'x'"),
        Case(#"{"results":[{"price":0⟪1}]}"#, "expected no leading zero"),
        Case(#"{"results":[{"price":⟪+1}]}"#, #"expected a number for "price", found '+'"#),
        Case(#"{"results":⟪{"price":1}}"#, #"expected an array for "results", found an object"#),
        Case(#"{"results":[{"price":⟪"156.43"}]}"#, #"expected a number for "price", found a string"#),
        Case(#"{"results":[{"id":⟪183276}]}"#, #"expected a string for "id", found a number"#),
        Case(#"{"results":[{"conditions":⟪12}]}"#, #"expected an array of integers for "conditions", found a number"#),
        Case(#"{"results":[{"conditions":[12,⟪"a"]}]}"#, #"expected an integer for "conditions", found a string"#),
        Case(#"{"results":[{"sip_timestamp":⟪9223372036854775808}]}"#, #"expected a 64-bit integer for "sip_timestamp""#),
        Case(#"{"results":[{"exchange":⟪1.5}]}"#, #"expected an integer for "exchange""#),
        Case(#"{"results":[{"price":⟪1e999}]}"#, #"expected a finite double for "price""#),
        Case(#"{"results":[⟪{"price":1,"size":1}]}"#, #"expected "sip_timestamp" in results[0]"#),
        Case(#"{"results":[{"price":1,"size":1,"exchange":1,"id":"","sequence_number":1,"sip_timestamp":1},⟪{}]}"#, #"expected "sip_timestamp" in results[1]"#),
        Case(#"{"results":[⟪1 2]}"#, "expected '{' starting results[0], found '1'"),
        Case(#"{"status":"OK"} ⟪x"#, "expected end of input after the response object, found 'x'"),
        Case(#"{"status":"OK"⟪"#, "expected ',' or '}' after an object member, found end of input"),
        Case(#"{"status":"OK⟪"#, #"expected '"' ending the string, found end of input"#),
        Case("{\"status\":\"O⟪\nK\"}", #"expected '"' ending the string (control characters must be escaped), found byte 0x0A"#),
        Case(#"{"status":"\⟪q"}"#, "expected an escape"),
        Case(#"{"status":"\u12⟪x4"}"#, "expected four hex digits after '\\u', found 'x'"),
        Case(#"{"status":"\ud800⟪x"}"#, "expected '\\u' and a low surrogate after a high surrogate"),
        Case(#"{"status" ⟪"OK"}"#, "expected ':' after a member name, found '\"'"),
        Case(#"{"status":"OK" ⟪"count":1}"#, "expected ',' or '}' after an object member, found '\"'"),
        Case(#"{"status":"OK",⟪}"#, "expected '\"' starting a member name, found '}'"),
        Case(#"{"adjusted":⟪yes}"#, #"expected true or false for "adjusted", found 'y'"#),
        Case(#"{"extra":[1,⟪]}"#, "expected a JSON value, found ']'"),
        Case(#"{"extra":⟪+1}"#, "expected a JSON value, found '+'"),
        Case(#"{"extra":⟪tru}"#, "expected true, false or null, found 't'"),
        Case(#"{"results":[{"t":⟪9223372036854775,"o":1,"h":1,"l":1,"c":1,"v":1}]}"#, #""t" 9223372036854775 ms is outside"#),
    ]

    @Test(arguments: cases)
    func reportsOffsetAndExpectation(_ testCase: Case) {
        let error = #expect(throws: TapeDeckError.self) {
            if testCase.testDescription.contains(#""t""#) {
                _ = try WireDecoder.aggsPage(testCase.json)
            } else {
                _ = try WireDecoder.tradesPage(testCase.json)
            }
        }
        #expect(error?.code == .malformedJSON)
        #expect(error?.message.hasPrefix("malformed JSON at byte \(testCase.offset): ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(testCase.fragment) == true, "\(error?.message ?? "")")
    }

    @Test func invalidUTF8InAStringIsAnError() {
        let json: [UInt8] = Array(#"{"status":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let error = #expect(throws: TapeDeckError.self) { try WireDecoder.tradesPage(json) }
        #expect(error?.message.hasPrefix("malformed JSON at byte 10: expected a string of valid UTF-8") == true)
    }

    @Test func deepNestingIsRejected() {
        let json = Array(#"{"extra":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 10_000)
        let error = #expect(throws: TapeDeckError.self) { try WireDecoder.tradesPage(json) }
        #expect(error?.message.contains("nesting at most") == true)
    }

    /// Every prefix of a valid page is an error, never a crash or a silently shorter page.
    @Test func everyTruncationFails() throws {
        let page = WireEncoder.tradesPage(
            [Trade(sipTimestamp: Timestamp(nanoseconds: 1), price: 1.25, size: 3, exchange: 4, conditions: [1, 2], id: "x\"y", sequenceNumber: 9)],
            requestID: "r", nextURL: "u"
        )
        for length in 0..<page.count {
            #expect(throws: TapeDeckError.self) { try WireDecoder.tradesPage(page[..<length]) }
        }
        #expect(try WireDecoder.tradesPage(page).results.count == 1)
    }
}
