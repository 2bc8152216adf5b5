import Foundation
import HummingbirdWSClient
import Logging
import MarketData
import MarketSimulator
import NIOWebSocket
import SimulatorServer
import Synchronization
import Testing

/// The stocks WebSocket feed at `/stocks`, checked against the simulator's records and Polygon's
/// documented protocol (`shared/reference/polygon-websocket.md`), with a real WebSocket client.
@Suite(.timeLimit(.minutes(10)))
struct FeedTests {
    static let start = try! Timestamp(parsing: "2024-03-15 09:30")

    /// Connects, sends `messages` (then waits for each reply), and reads frames until `done` says so or
    /// the server closes; returns every frame's text.
    static func session(
        _ server: TestServer, send messages: [String], pauseAfterSending: Duration = .zero,
        until done: @escaping @Sendable ([String]) -> Bool
    ) async throws -> [String] {
        let frames = Mutex<[String]>([])
        var logger = Logger(label: "feed-test")
        logger.logLevel = .critical
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(server.port)/stocks", configuration: .init(maxFrameSize: 1 << 20), logger: logger
        ) { inbound, outbound, _ in
            var iterator = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
            func receive() async throws -> Bool {
                guard let message = try await iterator.next() else { return false }
                if case .text(let text) = message { frames.withLock { $0.append(text) } }
                return true
            }
            _ = try await receive()  // connected
            for message in messages {
                try await outbound.write(.text(message))
                _ = try await receive()
            }
            if pauseAfterSending > .zero { try await Task.sleep(for: pauseAfterSending) }
            while !done(frames.withLock { $0 }) {
                guard try await receive() else { break }
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
        return frames.withLock { $0 }
    }

    /// The events of frames as JSON objects, status messages left out.
    static func events(_ frames: [String]) -> [[String: Any]] {
        frames.flatMap { frame in
            ((try? JSONSerialization.jsonObject(with: Data(frame.utf8))) as? [[String: Any]] ?? []).filter { $0["ev"] as? String != "status" }
        }
    }

    static func statuses(_ frames: [String]) -> [String] {
        frames.flatMap { frame in
            ((try? JSONSerialization.jsonObject(with: Data(frame.utf8))) as? [[String: Any]] ?? []).compactMap {
                $0["ev"] as? String == "status" ? "\($0["status"] ?? "") \($0["message"] ?? "")" : nil
            }
        }
    }

    @Test func theHandshakeIsPolygons() async throws {
        let server = try await TestServer.start { $0.feed.start = Self.start }
        defer { Task { await server.stop() } }
        let frames = try await Self.session(
            server, send: [#"{"action":"auth","params":"any-key"}"#, #"{"action":"subscribe","params":"T.MID"}"#]
        ) { $0.count >= 3 }
        #expect(frames[0] == #"[{"ev":"status","status":"connected","message":"Connected Successfully"}]"#)
        #expect(frames[1] == #"[{"ev":"status","status":"auth_success","message":"authenticated"}]"#)
        #expect(frames[2] == #"[{"ev":"status","status":"success","message":"subscribed to: T.MID"}]"#)
    }

    @Test func aWrongKeyIsRefusedAndDisconnected() async throws {
        let server = try await TestServer.start {
            $0.apiKey = "the-right-key"
            $0.feed.start = Self.start
        }
        defer { Task { await server.stop() } }
        let frames = try await Self.session(server, send: [#"{"action":"auth","params":"a-wrong-key"}"#]) { _ in false }
        #expect(Self.statuses(frames) == ["connected Connected Successfully", "auth_failed authentication failed"])
    }

    /// The first minute of MID's trades and quotes, merged by SIP time (quotes before trades at a tie),
    /// each with its millisecond `t`, nanosecond `tns` and sequence number, as the simulator made them.
    @Test func tradesAndQuotesFollowTheTapeInOrder() async throws {
        let server = try await TestServer.start { $0.feed.start = Self.start }
        defer { Task { await server.stop() } }
        let symbol = try Symbol("MID")
        let minute = TimeWindow(uncheckedStart: Self.start, end: Self.start.advanced(by: Timestamp.nanosecondsPerMinute))
        let trades = TestServer.simulator.trades(symbol, in: minute)
        let quotes = TestServer.simulator.quotes(symbol, in: minute)
        var expected: [(Int64, Int, Int64, String)] = trades.map { ($0.sipTimestamp.nanoseconds, 2, $0.sequenceNumber, "T") }
        expected += quotes.map { ($0.sipTimestamp.nanoseconds, 1, $0.sequenceNumber, "Q") }
        expected.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        let frames = try await Self.session(
            server, send: [#"{"action":"auth","params":"k"}"#, #"{"action":"subscribe","params":"T.MID,Q.MID"}"#]
        ) { frames in Self.events(frames).contains { ($0["tns"] as? NSNumber)?.int64Value ?? 0 >= minute.end.nanoseconds } }
        let events = Self.events(frames).filter { ($0["tns"] as? NSNumber)?.int64Value ?? .max < minute.end.nanoseconds }
        #expect(expected.count > 20)
        #expect(events.count == expected.count)
        #expect(events.map { $0["ev"] as? String } == expected.map(\.3))
        #expect(events.map { ($0["tns"] as? NSNumber)?.int64Value } == expected.map(\.0))
        #expect(events.map { ($0["q"] as? NSNumber)?.int64Value } == expected.map(\.2))
        #expect(events.allSatisfy { ($0["t"] as? NSNumber)?.int64Value == ($0["tns"] as? NSNumber).map { $0.int64Value / 1_000_000 } })
        #expect(events.allSatisfy { $0["sym"] as? String == "MID" })
        let firstTrade = try #require(events.first { $0["ev"] as? String == "T" })
        let trade = try #require(trades.first)
        #expect((firstTrade["p"] as? NSNumber)?.doubleValue == trade.price)
        #expect((firstTrade["x"] as? NSNumber)?.intValue == trade.exchange)
        #expect(firstTrade["i"] as? String == trade.id.description)
    }

    /// `AM` at each bar's end: the simulator's minute bar, with the day's volume (`av`) and VWAP (`a`)
    /// accumulated from 04:00, worked out here from the same day's minute bars.
    @Test func minuteAggregatesCarryTheDaysRunningFigures() async throws {
        let server = try await TestServer.start { $0.feed.start = Self.start }
        defer { Task { await server.stop() } }
        let symbol = try Symbol("MID")
        let sessions = try SessionCalendar.nyse.sessions(on: TestServer.day)
        let day = TestServer.simulator.minuteBars(symbol, in: TimeWindow(uncheckedStart: sessions.preMarketOpen, end: sessions.postMarketClose))
        let frames = try await Self.session(
            server, send: [#"{"action":"auth","params":"k"}"#, #"{"action":"subscribe","params":"AM.MID"}"#]
        ) { Self.events($0).count >= 3 }
        let aggregates = Self.events(frames).prefix(3)
        for aggregate in aggregates {
            let start = try #require((aggregate["s"] as? NSNumber)?.int64Value)
            let bar = try #require(day.first { $0.start.milliseconds == start })
            let sofar = day.filter { $0.start.milliseconds <= start }
            #expect(aggregate["ev"] as? String == "AM")
            #expect((aggregate["e"] as? NSNumber)?.int64Value == start + 60_000)
            #expect((aggregate["c"] as? NSNumber)?.doubleValue == bar.close)
            #expect((aggregate["v"] as? NSNumber)?.doubleValue == bar.volume)
            #expect((aggregate["av"] as? NSNumber)?.doubleValue == sofar.reduce(0) { $0 + $1.volume })
            let regular = day.first { $0.start >= sessions.regularOpen }
            #expect((aggregate["op"] as? NSNumber)?.doubleValue == regular?.open)
            #expect(start >= Self.start.milliseconds)
        }
    }

    /// At --speed max frames are fixed batches: two connections receive the same bytes.
    @Test func atMaximumSpeedEveryConnectionGetsTheSameBytes() async throws {
        let server = try await TestServer.start {
            $0.feed.start = Self.start
            // Few large frames: every frame is a handful of hops on the task pool, which a loaded test
            // run shares with long synchronous jobs.
            $0.feed.batchSize = 1_000
            // A loaded test machine must not make a slow read look like a stalled consumer.
            $0.feed.writeTimeout = .seconds(600)
            $0.feed.maximumLag = .seconds(600)
        }
        defer { Task { await server.stop() } }
        let messages = [#"{"action":"auth","params":"k"}"#, #"{"action":"subscribe","params":"T.MID,Q.MID,AM.MID,A.MID,T.ILLQ"}"#]
        // 7 status frames (connected, auth, 5 subscriptions), then 5 batches (one ends a 5-minute stretch).
        let first = try await Self.session(server, send: messages) { $0.count >= 12 }
        let second = try await Self.session(server, send: messages) { $0.count >= 12 }
        #expect(first.count >= 12 && second.count >= 12)
        let differing = zip(first.prefix(12), second.prefix(12)).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(differing == nil, "frame \(differing ?? -1) differs: \(first[differing ?? 0].prefix(300)) vs \(second[differing ?? 0].prefix(300))")
        #expect(Self.events(Array(first.prefix(12))).count > 4_000)
        #expect(Set(Self.events(first).compactMap { $0["ev"] as? String }) == ["T", "Q", "AM", "A"])
    }

    /// A consumer that stops reading is let go once a frame cannot be written for the write timeout,
    /// instead of the server holding the day for it.
    @Test func aStalledConsumerIsDisconnected() async throws {
        let server = try await TestServer.start {
            $0.feed.start = Self.start
            $0.feed.speed = .times(1_000)
            $0.feed.writeTimeout = .milliseconds(250)
            $0.feed.maximumLag = .milliseconds(250)
        }
        defer { Task { await server.stop() } }
        let began = ContinuousClock.now
        let frames = try await Self.session(
            server, send: [#"{"action":"auth","params":"k"}"#, #"{"action":"subscribe","params":"Q.LIQ,T.LIQ"}"#],
            pauseAfterSending: .seconds(2)
        ) { _ in false }
        #expect(ContinuousClock.now - began < .seconds(120), "the server closed the connection")
        let last = Self.events(frames).last.flatMap { ($0["tns"] as? NSNumber)?.int64Value } ?? 0
        let sessions = try SessionCalendar.nyse.sessions(on: TestServer.day)
        #expect(last < sessions.postMarketClose.nanoseconds, "cut off before the end of the day")
    }

    /// Polygon's official Python client (`WebSocketClient(feed="127.0.0.1:PORT", secure=False)`) reads the
    /// feed unchanged: its first 200 trades and quotes are the simulator's, in tape order.
    @Test(.enabled(if: PolygonClientTests.clientInstalled, "needs `pip install polygon-api-client`"))
    func officialPythonClientReadsTheFeed() async throws {
        let server = try await TestServer.start { $0.feed.start = Self.start }
        defer { Task { await server.stop() } }
        let (data, status) = try await PolygonClientTests.runTool("polygon-ws-check.py", "127.0.0.1:\(server.port)", "T.MID,Q.MID", "200")
        #expect(status == 0)
        let events = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["events"] as? [[String: Any]])
        let symbol = try Symbol("MID")
        let window = TimeWindow(uncheckedStart: Self.start, end: Self.start.advanced(by: 30 * Timestamp.nanosecondsPerMinute))
        var expected: [(Int64, Int, Int64, String)] = TestServer.simulator.trades(symbol, in: window).map {
            ($0.sipTimestamp.nanoseconds, 2, $0.sequenceNumber, "T")
        }
        expected += TestServer.simulator.quotes(symbol, in: window).map { ($0.sipTimestamp.nanoseconds, 1, $0.sequenceNumber, "Q") }
        expected.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        #expect(events.count == 200)
        #expect(events.map { $0["ev"] as? String } == expected.prefix(200).map(\.3))
        #expect(events.map { ($0["q"] as? NSNumber)?.int64Value } == expected.prefix(200).map(\.2))
        #expect(events.map { ($0["t"] as? NSNumber)?.int64Value } == expected.prefix(200).map { $0.0 / 1_000_000 })
    }

    @Test func aBadTopicIsAnErrorStatusAndTheConnectionStays() async throws {
        let server = try await TestServer.start { $0.feed.start = Self.start }
        defer { Task { await server.stop() } }
        let frames = try await Self.session(
            server,
            send: [
                #"{"action":"auth","params":"k"}"#, #"{"action":"subscribe","params":"X.MID"}"#, #"{"action":"subscribe","params":"T.*"}"#,
                #"{"action":"subscribe","params":"T.MID"}"#,
            ]
        ) { Self.events($0).count >= 1 }
        let statuses = Self.statuses(frames)
        #expect(statuses[2].hasPrefix("error unknown topic X.MID"))
        #expect(statuses[3].hasPrefix("error T.*: this source has no symbol list"))
        #expect(statuses[4] == "success subscribed to: T.MID")
        #expect(Self.events(frames).first?["sym"] as? String == "MID")
    }
}
