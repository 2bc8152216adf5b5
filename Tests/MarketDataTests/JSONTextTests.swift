import Foundation
import MarketData
import Testing

/// The one JSON string escaper (RFC 8259): what canonical output, exports and the report's embedded data use.
struct JSONTextTests {
    @Test(arguments: [
        ("plain", #""plain""#, #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#, #""a\"b\\c""#),
        ("tab\tline\nret\r", #""tab\tline\nret\r""#, #""tab\tline\nret\r""#),
        ("\u{1}\u{1F}", #""\u0001\u001f""#, #""\u0001\u001f""#),
        ("</script><!-- & x", #""</script><!-- & x""#, #""\u003c/script\u003e\u003c!-- \u0026 x""#),
        ("del\u{7F} ls\u{2028} ps\u{2029} é", "\"del\u{7F} ls\u{2028} ps\u{2029} é\"", #""del\u007f ls\u2028 ps\u2029 é""#),
    ])
    func quotedByHand(text: String, plain: String, inScript: String) throws {
        #expect(JSONText.quoted(text) == plain)
        #expect(JSONText.quoted(text, safeInScript: true) == inScript)
        // Both spellings are the same JSON value: a standard parser reads the text back.
        for spelling in [plain, inScript] {
            let decoded = try JSONSerialization.jsonObject(with: Data(spelling.utf8), options: .fragmentsAllowed) as? String
            #expect(decoded == text)
        }
    }
}
