import MarketData
import PolygonWire
import PropertyBased
import Testing

/// Fuzz target: the page cursor decoder (`PageCursor`). Any token either decodes to parameters that
/// encode and decode to themselves, or fails with a one-line `invalidCursor` error; any parameters
/// survive encoding. Never a trap.
struct CursorFuzzTests {
    static let corpus: [[UInt8]] = [
        PageCursor(["limit": "2", "sort": "asc"]).token,
        PageCursor([
            "after": "1710511200000000000:42", "limit": "50000", "order": "asc", "sort": "timestamp", "timestamp.gte": "1710511200000000000",
            "timestamp.lt": "1710513000000000000",
        ]).token,
        "YXA9MTkyODgxNjYmYXM9JmxpbWl0PTEwJm9yZGVyPWRlc2Mmc29ydD10aW1lc3RhbXAmdGltZXN0YW1wLmx0ZT0yMDIyLTA1LTEwVDE0JTNBMTElM0ExMi42OTA2NjExODla",
        "bGltaXQ9MiZzb3J0PWFzYw==", "", "a+b/c=",
    ].map(\.bytes)

    static let tokens: [[UInt8]] = ["=", "==", "-", "_", "+", "/", "%", "%2", "%ZZ", "%FF", "&", "A", "zz", "9"].map(\.bytes) + [[0xC3], [0xFF]]

    @Test func mutatedTokensDecodeOrFailCleanly() async {
        await propertyCheck(
            count: FuzzBudget.count(2000), input: Gen.int(in: 0...(Self.corpus.count - 1)), Gen.uint32().array(of: 1...6)
        ) { index, operations in
            let token = String(decoding: Mutator.apply(operations, to: Self.corpus[index], dictionary: Self.tokens), as: UTF8.self)
            Self.check(token)
            // The same token inside a next_url, as clients find it.
            _ = try? PageCursor(nextURL: "https://api.massive.com/v3/trades/SPY?limit=5&cursor=" + token + "#x")
        }
    }

    /// Parameters of any text (escapes, `&`, `=`, `%`, non-ASCII) come back from their token unchanged.
    @Test func anyParametersSurviveTheirToken() async {
        let text = Gen<Character>.character(in: " "..."\u{2FF}").string(of: 0...12)
        await propertyCheck(count: FuzzBudget.count(1000), input: zip(text, text).array(of: 0...5)) { pairs in
            let cursor = PageCursor(pairs.map { PageCursor.Parameter($0.0, $0.1) })
            #expect((try? PageCursor(token: cursor.token)) == cursor)
            #expect((try? PageCursor(nextURL: cursor.nextURL(base: "https://api.massive.com", path: "/v3/quotes/X"))) == cursor)
        }
    }

    static func check(_ token: String) {
        let cursor: PageCursor
        do {
            cursor = try PageCursor(token: token)
        } catch {
            #expect(error.code == .invalidCursor, "\(error)")
            #expect(!error.message.contains("\n"))
            return
        }
        do {
            #expect(try PageCursor(token: cursor.token) == cursor)
        } catch {
            Issue.record("the parameters of \(token) did not survive their own token: \(error)")
        }
    }
}
