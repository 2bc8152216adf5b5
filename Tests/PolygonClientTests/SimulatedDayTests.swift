import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer
import Testing

/// Client against the simulator server on loopback: the records must equal the in-process simulator's,
/// exactly and in order. Serialized, because the timing tests below must not share two cores with
/// several simulated days being generated.
@Suite("PolygonClient over loopback", .serialized)
struct LoopbackTests {}

extension LoopbackTests {
    /// Chunk length follows average daily volume: 5 / 10 / 15 minutes for very liquid / mid / illiquid.
    @Test func chunkLengthFollowsVolume() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        #expect(try await makeClient(server.base, configure: shortLookback).chunkMinutes(for: liquid, on: day) == 5)
        #expect(try await client.chunkMinutes(for: mid, on: day) == 10)
        #expect(try await client.chunkMinutes(for: illiquid, on: day) == 15)
        // Cached: asking again sends nothing.
        let before = await server.server.statistics.totalRequests
        _ = try await client.chunkMinutes(for: mid, on: day)
        #expect(await server.server.statistics.totalRequests == before)
    }

    /// A full extended day (04:00-20:00) of a mid and an illiquid symbol: trades, quotes and bars, with
    /// 1 and 5 requests in flight. The very liquid symbol's full day is 2M quotes, too slow for a debug
    /// test run; it is covered by the first regular hour and the border stress test below, and in full
    /// by the ClientBenchmarks suite.
    @Test(arguments: [(mid, 1), (mid, 5), (illiquid, 1), (illiquid, 5)])
    func fullDayEqualsSimulator(symbol: Symbol, concurrency: Int) async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) { $0.maxConcurrentRequests = concurrency }
        let trades = try await client.trades(symbol, in: fullDay)
        #expect(trades == simulator.trades(symbol, in: fullDay))
        let quotes = try await client.quotes(symbol, in: fullDay)
        #expect(quotes == simulator.quotes(symbol, in: fullDay))
        let bars = try await client.bars(symbol, in: fullDay)
        #expect(bars == simulator.minuteBars(symbol, in: fullDay))
        #expect(!trades.isEmpty && !quotes.isEmpty && !bars.isEmpty)
        #expect(await server.server.statistics.maxInFlight <= concurrency)
    }

    /// The very liquid symbol's first regular hour (≈27k trades, ≈270k quotes) in 5-minute chunks.
    @Test func veryLiquidFirstHour() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base, configure: shortLookback)
        let hour = window(at(9, 30), at(10, 30))
        let progress = ProgressCapture()
        let trades = try await client.trades(liquid, in: hour, progress: progress.handler)
        #expect(trades == simulator.trades(liquid, in: hour))
        let quotes = try await client.quotes(liquid, in: hour)
        #expect(quotes == simulator.quotes(liquid, in: hour))
        let last = try #require(progress.all.last)
        #expect(last.chunksTotal == 12 && last.chunksDone == 12 && last.records == trades.count && last.bytes > 0)
        #expect(await server.server.statistics.maxInFlight <= 5)
    }

    /// Chunk borders stressed: an unaligned window, small pages (so pages end mid-timestamp), and borders
    /// at instants that carry records. Every record is there exactly once, in order.
    @Test(arguments: [1, 5])
    func chunkBordersHaveNoGapOrDuplicate(concurrency: Int) async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) {
            $0.maxConcurrentRequests = concurrency
            $0.pageLimit = 2999
            shortLookback(&$0)
        }
        let smallPages = try makeClient(server.base) {
            $0.maxConcurrentRequests = concurrency
            $0.pageLimit = 97
            shortLookback(&$0)
        }
        // Start exactly on the SIP time of a quote that shares its timestamp with others, so that a
        // border falls on records.
        let probe = simulator.quotes(liquid, in: window(at(9, 31, 59), at(9, 32, 30)))
        var border = at(9, 32)
        for (left, right) in zip(probe, probe.dropFirst()) where left.sipTimestamp == right.sipTimestamp {
            border = left.sipTimestamp
            break
        }
        let stress = window(border, at(9, 41, 10, nanosecond: 1))
        #expect(try await client.quotes(liquid, in: stress) == simulator.quotes(liquid, in: stress))
        #expect(try await smallPages.trades(liquid, in: stress) == simulator.trades(liquid, in: stress))
    }

    /// Bars: the request covers exactly the window (nothing fetched and thrown away); `to` is the last
    /// millisecond inside it, since Polygon's `to` is inclusive.
    @Test func barsRequestExactlyTheWindow() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        let log = ResponseLog()
        let morning = window(at(10, 0), at(10, 45))
        let bars = try await client.bars(mid, in: morning, progress: nil, log: log)
        #expect(bars == simulator.minuteBars(mid, in: morning))
        let request = try #require(log.responses.first?.request)
        #expect(request.hasPrefix("/v2/aggs/ticker/MID/range/1/minute/\(morning.start.milliseconds)/\(morning.end.milliseconds - 1)?"))
        #expect(request.hasSuffix("?adjusted=false&limit=50000&sort=asc"))
    }

    /// An empty window costs nothing; a closed day is a clear error before any request.
    @Test func emptyWindowAndClosedDay() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        #expect(try await client.trades(mid, in: window(at(10, 0), at(10, 0))).isEmpty)
        let christmas = try LocalDate(parsing: "2024-12-25")
        let closed = window(NewYorkTime.instant(christmas, hour: 9, minute: 30), NewYorkTime.instant(christmas, hour: 16, minute: 0))
        let error = await #expect(throws: TapeDeckError.self) { try await client.quotes(mid, in: closed) }
        #expect(error?.code == .marketClosed)
        #expect(await server.server.statistics.totalRequests == 0)
    }
}
