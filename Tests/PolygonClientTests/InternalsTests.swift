import MarketData
import MarketSimulator
import Testing

@testable import PolygonClient

/// Pure pieces: chunk plans, backoff, next_url handling.
struct InternalsTests {
    @Test(arguments: [(5, 12), (10, 6), (15, 4)])
    func chunksAreAlignedAndContiguous(minutes: Int, count: Int) {
        let hour = window(at(9, 30), at(10, 30))
        let plan = ChunkPlan(window: hour, minutes: minutes)
        #expect(plan.chunks.count == count)
        #expect(plan.chunks.first?.start == hour.start && plan.chunks.last?.end == hour.end)
        for (left, right) in zip(plan.chunks, plan.chunks.dropFirst()) { #expect(left.end == right.start) }
        #expect(plan.chunks.allSatisfy { $0.start.nanoseconds % (Int64(minutes) * Timestamp.nanosecondsPerMinute) == 0 })
    }

    @Test func unalignedWindowsAreClipped() {
        let odd = window(at(9, 32, 30), at(9, 47, 10, nanosecond: 1))
        let plan = ChunkPlan(window: odd, minutes: 5)
        #expect(plan.chunks.map(\.start) == [odd.start, at(9, 35), at(9, 40), at(9, 45)])
        #expect(plan.chunks.last?.end == odd.end)
    }

    @Test(arguments: [(20_000_000.0, 5), (10_000_001, 5), (10_000_000, 10), (1_000_001, 10), (1_000_000, 15), (0, 15)])
    func chunkMinutesByVolume(volume: Double, minutes: Int) {
        #expect(ChunkPlan.minutes(forAverageDailyVolume: volume) == minutes)
    }

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
        #expect(PolygonRequest(nextURL: "/v2/aggs/ticker/A/range/1/minute/1/2?cursor=Yg").canonical
            == "/v2/aggs/ticker/A/range/1/minute/1/2?cursor=Yg")
        #expect(PolygonRequest(path: "/p", query: ["b": "2", "a": "1"]).canonical == "/p?a=1&b=2")
    }

    @Test func redactionRemovesTheKeyFromForeignText() {
        let key = APIKey("abcdef123")
        #expect(key.redact("GET /x?apiKey=abcdef123 failed") == "GET /x?apiKey=<redacted> failed")
    }
}
