import Foundation
import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import SimulatorServer
import Synchronization
import Testing

/// The stocks feed client against the simulator's feed over loopback: subscription, a refused key (never
/// retried), and a feed that cannot be reached (retried with backoff, then given up).
@Suite(.timeLimit(.minutes(10)))
struct FeedClientTests {
    @Test func subscribesAndHandsOnTheFramesInOrder() async throws {
        let server = try await LoopbackServer.start { $0.feed.start = at(10, 0) }
        defer { Task { await server.stop() } }
        var configuration = FeedClient.Configuration(url: "ws://127.0.0.1:\(server.port)/stocks", apiKey: APIKey("any-key"), topics: ["T.MID"])
        configuration.timestamps = .nanosecondsWhenSent
        let updates = Mutex<[String]>([])
        let trades = Mutex<[Trade]>([])
        try await FeedClient(configuration: configuration).run { update in
            switch update {
            case .subscribed(let connection): updates.withLock { $0.append("subscribed \(connection)") }
            case .messages(let messages):
                for case .event(.trade(_, let trade)) in messages { trades.withLock { $0.append(trade) } }
                if trades.withLock({ $0.count >= 50 }) { return .stop }
            case .disconnected(let connection, let reason): updates.withLock { $0.append("disconnected \(connection): \(reason)") }
            }
            return .proceed
        }
        #expect(updates.withLock { $0 } == ["subscribed 1", "disconnected 1: closed by this client"])
        let received = trades.withLock { Array($0.prefix(50)) }
        let expected = simulator.trades(try Symbol("MID"), in: window(at(10, 0), at(11, 0))).prefix(50)
        #expect(received.map(\.sequenceNumber) == expected.map(\.sequenceNumber))
        #expect(received.map(\.sipTimestamp) == expected.map(\.sipTimestamp), "tns keeps the nanoseconds")
    }

    @Test func aRefusedKeyIsOneErrorAndNoRetry() async throws {
        let server = try await LoopbackServer.start {
            $0.apiKey = "the-right-key-0123"
            $0.feed.start = at(10, 0)
        }
        defer { Task { await server.stop() } }
        let connections = Mutex(0)
        let configuration = FeedClient.Configuration(url: "ws://127.0.0.1:\(server.port)/stocks", apiKey: APIKey("a-wrong-key-4567"), topics: ["T.MID"])
        await #expect {
            try await FeedClient(configuration: configuration).run { _ in
                connections.withLock { $0 += 1 }
                return .proceed
            }
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .feedUnauthorized && error?.message.contains("a-wrong-key-4567") == false
        }
        #expect(connections.withLock { $0 } == 0)
    }

    /// Nothing listens on the port: each attempt fails, the waits double, and the client gives up after
    /// the configured number of attempts with one error naming the URL.
    @Test func anUnreachableFeedIsRetriedThenGivenUp() async throws {
        var configuration = FeedClient.Configuration(url: "ws://127.0.0.1:1/stocks", apiKey: APIKey("any-key"), topics: ["T.MID"])
        configuration.maximumAttempts = 3
        configuration.initialBackoff = .milliseconds(10)
        let began = ContinuousClock.now
        await #expect {
            try await FeedClient(configuration: configuration).run { _ in .proceed }
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .feedUnreachable && error?.message.contains("ws://127.0.0.1:1/stocks after 3 attempts") == true
        }
        // Two waits before the third attempt: 10 ms and 20 ms.
        #expect(ContinuousClock.now - began >= .milliseconds(30))
    }
}
