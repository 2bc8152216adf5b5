import Foundation
import MarketData
import MarketSimulator
import PolygonWire
import Testing

/// Paging through the server returns exactly the simulator's records, in order, in both directions.
@Suite(.serialized)
struct PagingTests {
    /// Follows `next_url` from `first` to the end, decoding every page with `decode`.
    static func pageThrough<Record>(
        _ server: TestServer, _ first: String, decode: ([UInt8]) throws -> Page<Record>
    ) async throws -> (records: [Record], pages: Int) {
        var records: [Record] = []
        var url: String? = first
        var pages = 0
        while let next = url {
            let reply = try await server.get(next)
            #expect(reply.status == 200)
            let page = try decode(Array(reply.body))
            #expect(page.status == "OK")
            records += page.results
            url = page.nextURL
            pages += 1
            #expect(pages < 10_000)
        }
        return (records, pages)
    }

    @Test(arguments: ["MID", "ILLQ"])
    func wholeDayWithLimit50000(_ ticker: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let symbol = try Symbol(ticker)
        let day = TestServer.simulator.day(symbol, on: TestServer.day)
        let trades = try await Self.pageThrough(
            server, "/v3/trades/\(ticker)?timestamp=2024-03-15&order=asc&limit=50000", decode: WireDecoder.tradesPage)
        #expect(trades.records == day.trades)
        let quotes = try await Self.pageThrough(
            server, "/v3/quotes/\(ticker)?timestamp=2024-03-15&order=asc&limit=50000", decode: WireDecoder.quotesPage)
        #expect(quotes.records == day.quotes)
        #expect(quotes.pages == max(1, (day.quotes.count + 49_999) / 50_000))
        let descending = try await Self.pageThrough(
            server, "/v3/trades/\(ticker)?timestamp=2024-03-15&order=desc&limit=50000", decode: WireDecoder.tradesPage)
        #expect(descending.records == day.trades.reversed())
    }

    @Test(arguments: [true, false])
    func tenMinutesWithLimit7(_ ascending: Bool) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let start = try Timestamp(parsing: "2024-03-15 09:55")
        let end = try Timestamp(parsing: "2024-03-15 10:05")
        let window = try TimeWindow(start: start, end: end)
        let symbol = try Symbol("MID")
        let order = ascending ? "asc" : "desc"
        let query = "timestamp.gte=\(start.nanoseconds)&timestamp.lt=\(end.nanoseconds)&order=\(order)&limit=7"
        let expectedTrades = TestServer.simulator.trades(symbol, in: window)
        let trades = try await Self.pageThrough(server, "/v3/trades/MID?\(query)", decode: WireDecoder.tradesPage)
        #expect(trades.records == (ascending ? expectedTrades : expectedTrades.reversed()))
        // A next_url is given only when a record remains, so n records take ⌈n / 7⌉ pages.
        #expect(trades.pages == max(1, (expectedTrades.count + 6) / 7))
        let expectedQuotes = TestServer.simulator.quotes(symbol, in: window)
        let quotes = try await Self.pageThrough(server, "/v3/quotes/MID?\(query)", decode: WireDecoder.quotesPage)
        #expect(quotes.records == (ascending ? expectedQuotes : expectedQuotes.reversed()))
        #expect(expectedTrades.count > 100)
    }

    @Test func veryLiquidHourPagesExactlyAcrossSharedTimestamps() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let window = try TimeWindow(start: Timestamp(parsing: "2024-03-15 09:30"), end: Timestamp(parsing: "2024-03-15 09:45"))
        let expected = TestServer.simulator.trades(try Symbol("LIQ"), in: window)
        let query = "timestamp.gte=\(window.start.nanoseconds)&timestamp.lt=\(window.end.nanoseconds)&order=asc&limit=997"
        let result = try await Self.pageThrough(server, "/v3/trades/LIQ?\(query)", decode: WireDecoder.tradesPage)
        #expect(result.records == expected)
        // Page borders fall between records sharing a SIP timestamp, and none is lost or repeated.
        #expect(Set(expected.map(\.sequenceNumber)).count == expected.count)
    }

    @Test func aggregatesPageByCursorAndRewriteFrom() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let expected = TestServer.simulator.day(try Symbol("MID"), on: TestServer.day).bars
        let all = try await Self.pageThrough(
            server, "/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?limit=100", decode: { try WireDecoder.aggsPage($0) })
        #expect(all.records == expected)
        #expect(all.pages == (expected.count + 99) / 100)
        let first = try await server.get("/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?limit=100")
        let next = try #require(first.json["next_url"] as? String)
        #expect(next.contains("/v2/aggs/ticker/MID/range/1/minute/\(expected[100].start.milliseconds)/2024-03-15?cursor="))
        let descending = try await Self.pageThrough(
            server, "/v2/aggs/ticker/MID/range/1/minute/2024-03-15/2024-03-15?limit=250&sort=desc", decode: { try WireDecoder.aggsPage($0) })
        #expect(descending.records == expected.reversed())
    }

    @Test func aggregatesOfLargerTimeframesAreBuiltFromMinutes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let minutes = TestServer.simulator.day(try Symbol("MID"), on: TestServer.day).bars
        for (multiplier, timespan, timeframe) in [(5, "minute", Timeframe.minute5), (1, "hour", .hour1), (1, "day", .daily)] {
            let reply = try await server.get("/v2/aggs/ticker/MID/range/\(multiplier)/\(timespan)/2024-03-15/2024-03-15")
            let page = try WireDecoder.aggsPage(Array(reply.body), timeframe: timeframe)
            let expected = BarAggregator.aggregate(minutes, to: timeframe)
            #expect(page.results.map(\.start) == expected.map(\.start))
            #expect(page.results.map(\.close) == expected.map(\.close))
            #expect(page.results.map(\.volume) == expected.map(\.volume))
        }
        let daily = try await server.get("/v2/aggs/ticker/MID/range/1/day/2024-03-11/2024-03-17")
        let days = try WireDecoder.aggsPage(Array(daily.body)).results
        // Five trading days, each stamped at New York midnight like Polygon's daily bars.
        #expect(days.map { NewYorkTime.wallClock(at: $0.start).secondOfDay } == [0, 0, 0, 0, 0])
        #expect(days.map { NewYorkTime.date(of: $0.start).description } == ["2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"])
    }
}
