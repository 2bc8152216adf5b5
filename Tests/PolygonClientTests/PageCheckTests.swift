import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import SimulatorServer
import Testing

/// Pages are checked where they come off the wire: a record outside the requested window, an impossible
/// value or a member named twice is an error naming the request and the record, and the fetch returns
/// nothing (so a recorder stores nothing of the chunk and marks nothing covered).
struct PageCheckTests {
    /// Every trade of the half hour, moved by `shift`.
    static func shifted(by shift: Int64) -> [Trade] {
        simulator.trades(mid, in: OrderingTests.halfHour).map { trade in
            var moved = trade
            moved.sipTimestamp = trade.sipTimestamp.advanced(by: shift)
            return moved
        }
    }

    /// A server that answers every chunk an hour late: all of it is refused, nothing is kept.
    @Test func recordsShiftedByAnHourAreAnError() async throws {
        let late = Self.shifted(by: Timestamp.nanosecondsPerHour)
        let server = try await OrderingTests.server { request in
            guard let chunk = OrderingTests.chunk(request) else { return .json(WireEncoder.tradesPage([], requestID: "r")) }
            let answer = late.filter { chunk.contains($0.sipTimestamp.advanced(by: -Timestamp.nanosecondsPerHour)) }
            return .json(WireEncoder.tradesPage(answer, requestID: "r"), gzip: true)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: OrderingTests.halfHour) }
        #expect(error?.code == .recordOutsideWindow)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("results[0] of the response to GET \(server.base)/v3/trades/MID?"), "\(message)")
        #expect(message.contains("outside the requested window") && message.contains("nothing of this request was stored"))
        #expect(!message.contains(testKey))
    }

    /// One stray record on the second page of a chunk fails the chunk, naming that page's request.
    @Test func oneStrayRecordPerPageIsAnError() async throws {
        let records = (0..<6).map { OrderingTests.trade(at(10, 1, $0), Int64(20 + $0)) }
        let stray = OrderingTests.trade(at(10, 20), 40)
        let server = try await OrderingTests.server { request in
            if request.query["cursor"] == "second" {
                return .json(WireEncoder.tradesPage(Array(records[3...]) + [stray], requestID: "r"), gzip: true)
            }
            guard OrderingTests.chunk(request)?.contains(at(10, 1)) == true else { return OrderingTests.page([], for: request) }
            return .json(WireEncoder.tradesPage(records[..<3], requestID: "r", nextURL: "https://api.massive.com/v3/trades/MID?cursor=second"))
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: OrderingTests.halfHour) }
        #expect(error?.code == .recordOutsideWindow)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("results[3] of the response to GET \(server.base)/v3/trades/MID?cursor=second lies outside"), "\(message)")
        #expect(message.contains("trade at 2024-03-15T14:20:00Z, sequence 40"), "\(message)")
    }

    /// Bars outside the requested window are refused the same way.
    @Test func barsOutsideTheWindowAreAnError() async throws {
        let morning = window(at(10, 0), at(10, 10))
        let bars = simulator.minuteBars(mid, in: window(at(10, 0), at(10, 20)))
        let server = try await ScriptedServer.start { _ in .json(WireEncoder.aggsPage(bars, ticker: "MID", requestID: "r")) }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).bars(mid, in: morning) }
        #expect(error?.code == .recordOutsideWindow)
        #expect(error?.message.contains("bar starting 2024-03-15T14:10:00Z") == true, "\(error?.message ?? "")")
    }

    /// Values no market has: each an error naming the record and the field.
    @Test(arguments: [
        (#""price":10.5,"size":-5"#, #""size" is -5.0"#),
        (#""price":10.5,"size":1e20"#, #""size" is 1e+20"#),
        (#""price":10.5,"size":9007199254740993000"#, #""size" is 9.007199254740993e+18"#),
        (#""price":-0.01,"size":100"#, #""price" is -0.01"#),
    ])
    func impossibleTradeValuesAreErrors(_ fields: String, _ named: String) async throws {
        let body = #"{"results":[{"exchange":4,"id":"1","sequence_number":3,"sip_timestamp":\#(at(10, 1).nanoseconds),\#(fields)}],"status":"OK"}"#
        let server = try await OrderingTests.server { request in
            OrderingTests.chunk(request)?.contains(at(10, 1)) == true ? .json(body) : OrderingTests.page([], for: request)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: OrderingTests.halfHour) }
        #expect(error?.code == .invalidRecord)
        let message = error?.message ?? ""
        #expect(message.hasPrefix("results[0] of the response to GET \(server.base)/v3/trades/MID?"), "\(message)")
        #expect(message.contains(named), "\(message)")
    }

    @Test func impossibleQuoteAndBarValuesAreErrors() async throws {
        let quote =
            #"{"results":[{"sip_timestamp":\#(at(10, 1).nanoseconds),"sequence_number":1,"bid_price":10,"bid_size":-1,"ask_price":10.01,"ask_size":2}],"status":"OK"}"#
        let quotes = try await OrderingTests.server { request in
            OrderingTests.chunk(request)?.contains(at(10, 1)) == true ? .json(quote) : .json(WireEncoder.quotesPage([], requestID: "r"))
        }
        defer { Task { await quotes.stop() } }
        let quoteError = await #expect(throws: TapeDeckError.self) { try await makeClient(quotes.base).quotes(mid, in: OrderingTests.halfHour) }
        #expect(quoteError?.code == .invalidRecord)
        #expect(quoteError?.message.contains(#""bid_size" is -1.0"#) == true, "\(quoteError?.message ?? "")")

        let bar = #"{"results":[{"o":1,"h":1,"l":1,"c":1,"v":1e20,"t":\#(at(10, 1).milliseconds)}],"status":"OK"}"#
        let bars = try await ScriptedServer.start { _ in .json(bar) }
        defer { Task { await bars.stop() } }
        let barError = await #expect(throws: TapeDeckError.self) { try await makeClient(bars.base).bars(mid, in: window(at(10, 0), at(10, 5))) }
        #expect(barError?.code == .invalidRecord)
        #expect(barError?.message.contains(#""v" is 1e+20"#) == true, "\(barError?.message ?? "")")
    }

    /// `{"price":10.5,…,"price":123456}`: neither price is taken.
    @Test func duplicatePriceIsAnError() async throws {
        let body =
            #"{"results":[{"price":10.5,"exchange":4,"id":"1","sequence_number":3,"sip_timestamp":\#(at(10, 1).nanoseconds),"size":100,"price":123456}],"status":"OK"}"#
        let server = try await OrderingTests.server { request in
            OrderingTests.chunk(request)?.contains(at(10, 1)) == true ? .json(body) : OrderingTests.page([], for: request)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: OrderingTests.halfHour) }
        #expect(error?.code == .malformedJSON)
        let message = error?.message ?? ""
        #expect(message.contains(#"member "price" appears twice in results[0]"#), "\(message)")
        #expect(message.contains("in the response to GET \(server.base)/v3/trades/MID?"), "\(message)")
    }

    /// A base URL with a path prefix that the server does not serve is named as such, not as an unknown
    /// symbol.
    @Test func basePathThatServesNothingIsNamed() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base + "/prefix")
        let error = await #expect(throws: TapeDeckError.self) { try await client.bars(mid, in: window(at(10, 0), at(10, 5))) }
        #expect(error?.code == .endpointNotFound)
        let message = error?.message ?? ""
        #expect(message.contains("GET \(server.base)/prefix/v2/aggs/ticker/MID/"), "\(message)")
        #expect(message.contains("has the path /prefix") && message.contains("use the base URL \(server.base)"), "\(message)")
        #expect(!message.contains("unknown symbol"))
    }
}
