import MarketData
import MarketSimulator
import PolygonClient
import Testing

/// Pure pieces: backoff, next_url handling (the chunk plan is `ChunkGrid`, tested in MarketDataTests).
struct InternalsTests {
    @Test func backoffIsDeterministicBoundedAndHonoursRetryAfter() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(2), maxRetryAfter: .seconds(30), jitterSeed: 9)
        for retry in 1...10 {
            let delay = policy.delay(beforeRetry: retry, of: "/v3/trades/SPY", retryAfter: nil)
            #expect(delay == policy.delay(beforeRetry: retry, of: "/v3/trades/SPY", retryAfter: nil))
            let ceiling = min(Duration.milliseconds(100) * (1 << (retry - 1)), .seconds(2))
            #expect(delay >= ceiling / 2 && delay < ceiling)
        }
        #expect(policy.delay(beforeRetry: 1, of: "x", retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(beforeRetry: 1, of: "x", retryAfter: .seconds(300)) == .seconds(30))
    }

    @Test func nextURLKeepsPathAndQueryAndDropsTheKey() {
        let request = PolygonRequest(nextURL: "https://api.polygon.io/v3/quotes/AAPL?cursor=YXA9MTk&apiKey=SECRET")
        #expect(request.path == "/v3/quotes/AAPL")
        #expect(request.canonical == "/v3/quotes/AAPL?cursor=YXA9MTk")
        #expect(
            PolygonRequest(nextURL: "/v2/aggs/ticker/A/range/1/minute/1/2?cursor=Yg").canonical
                == "/v2/aggs/ticker/A/range/1/minute/1/2?cursor=Yg")
        #expect(PolygonRequest(path: "/p", query: ["b": "2", "a": "1"]).canonical == "/p?a=1&b=2")
    }

    @Test func redactionRemovesTheKeyFromForeignText() {
        let key = APIKey("abcdef123")
        #expect(key.redact("GET /x?apiKey=abcdef123 failed") == "GET /x?apiKey=<redacted> failed")
    }
}
