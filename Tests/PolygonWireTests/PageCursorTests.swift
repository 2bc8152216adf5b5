import Foundation
import MarketData
import PolygonWire
import Testing

/// Cursors from Polygon's own `next_url`s (polygon-api.md §1, §3, §4) decode to their query strings and
/// re-encode to the same token.
struct PageCursorTests {
    @Test(arguments: [
        ("bGltaXQ9MiZzb3J0PWFzYw", "limit=2&sort=asc"),
        ("bGltaXQ9NTAwMCZzb3J0PWFzYw", "limit=5000&sort=asc"),
        (
            "YXA9MTkyODgxNjYmYXM9JmxpbWl0PTEwJm9yZGVyPWRlc2Mmc29ydD10aW1lc3RhbXAmdGltZXN0YW1wLmx0ZT0yMDIyLTA1LTEwVDE0JTNBMTElM0ExMi42OTA2NjExODla",
            "ap=19288166&as=&limit=10&order=desc&sort=timestamp&timestamp.lte=2022-05-10T14%3A11%3A12.690661189Z"
        ),
    ])
    func decodesPolygonsCursors(_ token: String, query: String) throws {
        let cursor = try PageCursor(token: token)
        #expect(cursor.query == query)
        #expect(cursor.token == token)
    }

    @Test func readsParameters() throws {
        let url =
            "https://api.massive.com/v3/quotes/AAPL?cursor=YXA9MTkyODgxNjYmYXM9JmxpbWl0PTEwJm9yZGVyPWRlc2Mmc29ydD10aW1lc3RhbXAmdGltZXN0YW1wLmx0ZT0yMDIyLTA1LTEwVDE0JTNBMTElM0ExMi42OTA2NjExODla"
        let cursor = try #require(try PageCursor(nextURL: url))
        #expect(cursor.parameters.map(\.name) == ["ap", "as", "limit", "order", "sort", "timestamp.lte"])
        #expect(cursor["as"] == "")
        #expect(cursor["limit"] == "10")
        #expect(cursor["timestamp.lte"] == "2022-05-10T14:11:12.690661189Z")
        #expect(cursor["missing"] == nil)
        #expect(cursor.nextURL(base: "https://api.massive.com", path: "/v3/quotes/AAPL") == url)
    }

    @Test func aggsNextURLFromThePolygonSpec() throws {
        let url = "https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/1578114000000/2020-01-10?cursor=bGltaXQ9MiZzb3J0PWFzYw"
        let cursor = try #require(try PageCursor(nextURL: url))
        #expect(cursor == PageCursor(["limit": "2", "sort": "asc"]))
        #expect(try PageCursor(nextURL: "/v3/trades/SPY?limit=5") == nil)
        #expect(try PageCursor(nextURL: "/v3/trades/SPY") == nil)
    }

    /// Values with reserved, non-ASCII and space characters survive, and tokens are URL-safe.
    @Test func roundTripsAwkwardValues() throws {
        let cursor = PageCursor([
            .init("timestamp.gte", "2024-03-15T09:30:00.000000001Z"), .init("q", "a b&c=d/é?+%"), .init("empty", ""),
            .init("ünï", "~-_."),
        ])
        let token = cursor.token
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(try PageCursor(token: token) == cursor)
        // The standard alphabet and padding are accepted too.
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let padded = standard + String(repeating: "=", count: (4 - standard.count % 4) % 4)
        #expect(try PageCursor(token: padded) == cursor)
    }

    @Test(arguments: ["a", "bGl*", "bGl=a", "%%%", "YQ===", "JQ"])
    func rejectsBadTokens(_ token: String) {
        let error = #expect(throws: TapeDeckError.self) { try PageCursor(token: token) }
        #expect(error?.code == .invalidCursor)
        #expect(error?.message.contains("pass the next_url of the previous page unchanged") == true)
    }
}
