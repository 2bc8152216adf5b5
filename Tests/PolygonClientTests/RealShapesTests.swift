import MarketData
import MarketSimulator
import PolygonClient
import SimulatorServer
import Testing

/// The client reads the real API's shapes — gzip with a length or chunked, pretty JSON in another key order,
/// unknown fields, `next_url` on api.massive.com, ties out of sequence order — and returns exactly what it
/// returns from the plain shape, request for request.
struct RealShapesTests {
    @Test func realShapesGiveTheSameRecords() async throws {
        let plain = try await LoopbackServer.start()
        let real = try await LoopbackServer.start { $0.shapes = .real }
        defer {
            Task {
                await plain.stop(); await real.stop()
            }
        }
        let sweeps = window(at(10, 0), at(10, 3))
        let expected = simulator.trades(liquid, in: sweeps)
        let ties = zip(expected, expected.dropFirst()).filter { $0.sipTimestamp == $1.sipTimestamp }.count
        #expect(ties > 10, "the window must hold sweeps: trades sharing a SIP timestamp")

        func fetch(_ server: LoopbackServer) async throws -> (Fetched, ResponseLog) {
            let client = try makeClient(server.base) {
                $0.pageLimit = 250
                shortLookback(&$0)
            }
            let log = ResponseLog()
            let fetched = Fetched(
                trades: try await client.trades(liquid, in: sweeps, progress: nil, log: log),
                quotes: try await client.quotes(liquid, in: sweeps, progress: nil, log: log),
                bars: try await client.bars(mid, in: window(at(9, 30), at(16, 0)), progress: nil, log: log),
                conditions: try await client.conditionTable(log: log))
            return (fetched, log)
        }
        let (fromPlain, plainLog) = try await fetch(plain)
        let (fromReal, realLog) = try await fetch(real)
        #expect(fromReal.trades == expected)
        #expect(fromReal.trades == fromPlain.trades)
        #expect(fromReal.quotes == fromPlain.quotes)
        #expect(fromReal.quotes == simulator.quotes(liquid, in: sweeps))
        #expect(fromReal.bars == fromPlain.bars)
        #expect(fromReal.conditions == fromPlain.conditions)
        // Several pages per chunk and for the bars, and the same requests in both shapes: the client took only
        // path and query from next_url.
        #expect(plainLog.responses.count > 30)
        #expect(plainLog.responses.filter { $0.request.contains("/range/1/minute/") }.count >= 2)
        #expect(realLog.responses.map(\.request).sorted() == plainLog.responses.map(\.request).sorted())
        // Distinct requests: a retry after a slow page on a loaded machine may repeat one, which is fine.
        #expect(Set(await real.server.statistics.requestLog) == Set(await plain.server.statistics.requestLog))
        // And the real server really answered in its own shape (inflated, pretty-printed, with unknown fields).
        #expect(realLog.responses.allSatisfy { $0.body.starts(with: Array("{\n  \"".utf8)) })
        #expect(realLog.responses.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains("\"x_extra\": {") })
    }

    struct Fetched {
        var trades: [Trade]
        var quotes: [Quote]
        var bars: [Bar]
        var conditions: TradeConditionTable
    }
}
