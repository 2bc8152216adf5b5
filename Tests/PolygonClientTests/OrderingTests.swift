import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import Testing

/// Real pages are sorted by timestamp only: the client returns (SIP time, sequence) order whatever order a
/// page has, drops exact duplicates (logged at debug level) and refuses conflicting records.
struct OrderingTests {
    /// 10:00-10:30 on the test day: two 15-minute chunks for a symbol averaging 500k shares a day.
    static let halfHour = window(at(10, 0), at(10, 30))

    static func trade(_ time: Timestamp, _ sequence: Int64, price: Double = 10.5, id: String? = nil) -> Trade {
        Trade(
            sipTimestamp: time, participantTimestamp: time.advanced(by: -1_000), price: price, size: 100, exchange: 11,
            tape: 3, id: TradeID(id ?? "t\(sequence)"), sequenceNumber: sequence)
    }

    /// A server answering the daily aggregates (500k shares a day, so 15-minute chunks) and, for trades,
    /// whatever `trades` returns for the request.
    static func server(
        trades: @escaping @Sendable (ScriptedServer.Request) -> ScriptedServer.Answer
    ) async throws -> ScriptedServer {
        try await ScriptedServer.start { request in
            if request.path.contains("/range/1/day/") {
                let daily = Bar(
                    start: NewYorkTime.instant(day.adding(days: -1), hour: 0, minute: 0), timeframe: .daily, open: 10,
                    high: 11, low: 9, close: 10.5, volume: 500_000)
                return .json(WireEncoder.aggsPage([daily], ticker: "MID", requestID: "daily"))
            }
            return trades(request)
        }
    }

    /// The chunk a trades request asks for.
    static func chunk(_ request: ScriptedServer.Request) -> TimeWindow? {
        guard let gte = request.query["timestamp.gte"].flatMap(Int64.init), let lt = request.query["timestamp.lt"].flatMap(Int64.init)
        else { return nil }
        return window(Timestamp(nanoseconds: gte), Timestamp(nanoseconds: lt))
    }

    /// `records` that fall into the requested chunk, as one page.
    static func page(_ records: [Trade], for request: ScriptedServer.Request, gzip: Bool = true) -> ScriptedServer.Answer {
        let chunk = Self.chunk(request)
        return .json(WireEncoder.tradesPage(records.filter { chunk?.contains($0.sipTimestamp) ?? true }, requestID: "r"), gzip: gzip)
    }

    @Test func tiesInReverseSequenceOrderAreSorted() async throws {
        let tie = at(10, 2)
        let onPage = [
            Self.trade(at(10, 1), 5), Self.trade(tie, 9), Self.trade(tie, 8), Self.trade(tie, 7), Self.trade(at(10, 3), 10),
            Self.trade(at(10, 20), 12), Self.trade(at(10, 20), 11),
        ]
        let server = try await Self.server { Self.page(onPage, for: $0) }
        defer { Task { await server.stop() } }
        let trades = try await makeClient(server.base).trades(mid, in: Self.halfHour)
        #expect(trades.map(\.sequenceNumber) == [5, 7, 8, 9, 10, 11, 12])
        #expect(trades == onPage.sorted { ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber) })
    }

    /// A page in `order=desc` style, newest first, comes back oldest first.
    @Test func descendingPageIsReversed() async throws {
        let ascending = (0..<40).map { Self.trade(at(10, 0, $0 * 20), Int64(100 + $0)) }
        let server = try await Self.server { Self.page(ascending.reversed(), for: $0) }
        defer { Task { await server.stop() } }
        #expect(try await makeClient(server.base).trades(mid, in: Self.halfHour) == ascending)
    }

    /// A record repeated at a page border (the next page starting at the last record) is kept once, and the
    /// drop is logged at debug level.
    @Test func duplicateAcrossPagesIsDroppedAndLogged() async throws {
        let records = (0..<6).map { Self.trade(at(10, 1, $0), Int64(20 + $0)) }
        let server = try await Self.server { request in
            if request.query["cursor"] == "second" { return Self.page(Array(records[2...]), for: request) }
            guard Self.chunk(request)?.contains(at(10, 1)) == true else { return Self.page([], for: request) }
            let first = WireEncoder.tradesPage(records[...2], requestID: "r", nextURL: "https://api.massive.com/v3/trades/MID?cursor=second")
            return .json(first, gzip: true)
        }
        defer { Task { await server.stop() } }
        let capture = LogCapture()
        let client = try makeClient(server.base) { $0.logger = capture.logger }
        #expect(try await client.trades(mid, in: Self.halfHour) == records)
        let dropped = capture.all.filter { $0.hasPrefix("debug dropped duplicate records") }
        #expect(dropped.count == 1)
        #expect(dropped.first?.contains(#""duplicates": 1"#) == true, "\(dropped)")
    }

    /// A server that answers both chunks with the same page (records of both chunks) has answered each
    /// chunk for another window: an error naming the request and the first stray record, never a silent
    /// trim that would hide records missing from the chunk.
    @Test func recordsOfAnotherChunkAreAnError() async throws {
        let records = [Self.trade(at(10, 5), 1), Self.trade(at(10, 14, 59), 2), Self.trade(at(10, 15), 3), Self.trade(at(10, 29), 4)]
        let server = try await Self.server { _ in .json(WireEncoder.tradesPage(records, requestID: "r"), gzip: true) }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: Self.halfHour) }
        #expect(error?.code == .recordOutsideWindow)
        let message = error?.message ?? ""
        #expect(message.contains("/v3/trades/MID?limit=50000&order=asc&sort=timestamp&timestamp.gte="), "\(message)")
        #expect(message.contains("results[2]") || message.contains("results[0]"), "\(message)")
    }

    /// Two different records with one sequence number: an error naming both, nothing returned.
    @Test func conflictingRecordsAreAnError() async throws {
        let records = [
            Self.trade(at(10, 1), 7, price: 10.25, id: "first-print"), Self.trade(at(10, 2), 8),
            Self.trade(at(10, 1), 7, price: 10.75, id: "second-print"),
        ]
        let server = try await Self.server { Self.page(records, for: $0) }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).trades(mid, in: Self.halfHour) }
        #expect(error?.code == .conflictingRecords)
        let message = error?.message ?? ""
        #expect(message.contains("sequence number 7"))
        #expect(message.contains("first-print") && message.contains("second-print"))
        #expect(message.contains("MID"))
    }

    /// Sequence numbers restart every day: a window over two days with equal numbers is no conflict.
    @Test func sequenceNumbersRestartEachDay() async throws {
        let evening = NewYorkTime.instant(day.adding(days: -1), hour: 19, minute: 55)
        let records = [Self.trade(evening, 1), Self.trade(evening.advanced(by: 1), 2), Self.trade(at(4, 5), 1), Self.trade(at(4, 6), 2)]
        let server = try await Self.server { Self.page(records, for: $0) }
        defer { Task { await server.stop() } }
        let overnight = window(evening, at(4, 10))
        #expect(try await makeClient(server.base).trades(mid, in: overnight) == records)
    }

    /// Bars too: a page newest first with a bar repeated comes back in order, once each; two different bars
    /// with one start are an error.
    @Test func barsAreOrderedAndChecked() async throws {
        let morning = window(at(10, 0), at(10, 10))
        let bars = simulator.minuteBars(mid, in: morning)
        let reversed = WireEncoder.aggsPage(bars.reversed() + [bars[3]], ticker: "MID", requestID: "r")
        let orderly = try await ScriptedServer.start { _ in .json(reversed, gzip: true, chunked: true) }
        defer { Task { await orderly.stop() } }
        #expect(try await makeClient(orderly.base).bars(mid, in: morning) == bars)

        var changed = bars[3]
        changed.volume += 1
        let conflicting = WireEncoder.aggsPage(bars + [changed], ticker: "MID", requestID: "r")
        let broken = try await ScriptedServer.start { _ in .json(conflicting) }
        defer { Task { await broken.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(broken.base).bars(mid, in: morning) }
        #expect(error?.code == .conflictingRecords)
    }

    /// Fractional sizes and volumes, as the real API sends them, come through the client bit for bit.
    @Test func fractionalSizesAreExact() async throws {
        let volume = "9099.618093"
        let size = "0.000123"
        let aggs =
            #"{"ticker":"MID","results":[{"v":\#(volume),"vw":10.5,"o":10.5,"c":10.5,"h":10.5,"l":10.5,"t":\#(at(10, 1).milliseconds),"n":3}],"status":"OK"}"#
        let trades =
            #"{"results":[{"exchange":4,"id":"1","price":10.5,"sequence_number":3,"sip_timestamp":\#(at(10, 1).nanoseconds),"size":\#(size)}],"status":"OK"}"#
        let server = try await Self.server { request in
            if request.path.contains("/range/1/minute/") { return .json(aggs, gzip: true) }
            // The trade belongs to the first chunk; the other is empty.
            return Self.chunk(request)?.contains(at(10, 1)) == true ? .json(trades, chunked: true) : Self.page([], for: request)
        }
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base)
        let expectedVolume = try #require(Double(volume))
        let expectedSize = try #require(Double(size))
        let bar = try #require(try await client.bars(mid, in: Self.halfHour).first)
        #expect(bar.volume.bitPattern == expectedVolume.bitPattern)
        let trade = try #require(try await client.trades(mid, in: Self.halfHour).first)
        #expect(trade.size.bitPattern == expectedSize.bitPattern)
    }
}
