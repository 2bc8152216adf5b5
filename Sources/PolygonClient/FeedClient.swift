import Foundation
import HummingbirdWSClient
import Logging
import MarketData
import NIOCore
import NIOWebSocket
import PolygonWire
import Synchronization

/// A client of a stocks WebSocket feed (Polygon's, Massive's, or `tapedeck serve`'s): it connects,
/// authenticates, subscribes, and hands every frame's messages to a handler; when the connection drops it
/// reconnects with exponential backoff and subscribes again.
///
/// What arrives while disconnected is gone for good (a feed does not replay), so every update says which
/// connection it belongs to: a recorder marks the time between ``Update/disconnected(connection:reason:)``
/// and the next connection's first event as a gap.
public struct FeedClient: Sendable {
    /// Massive's (Polygon's) real-time stocks feed: where `--stream` connects when no URL is given.
    public static let realTimeURL = "wss://socket.massive.com/stocks"

    public struct Configuration: Sendable {
        /// `wss://socket.massive.com/stocks` (or `socket.polygon.io`), `wss://delayed.massive.com/stocks`,
        /// or `ws://127.0.0.1:PORT/stocks` for `tapedeck serve`.
        public var url: String
        /// Sent in the `auth` message only; never logged or stored.
        public var apiKey: APIKey
        /// `EV.SYMBOL` topics, e.g. `T.SPY`, `Q.SPY`, `AM.SPY`.
        public var topics: [String]
        /// Which timestamp becomes a trade's or quote's time (see ``FeedDecoder/Timestamps``).
        public var timestamps: FeedDecoder.Timestamps = .milliseconds
        /// The wait before the first reconnection; it doubles with each failed attempt.
        public var initialBackoff: Duration = .milliseconds(250)
        /// The longest wait between attempts.
        public var maximumBackoff: Duration = .seconds(30)
        /// Failed connection attempts in a row (no subscription reached) before ``FeedClient/run(_:)`` gives up.
        public var maximumAttempts = 8
        /// The largest frame accepted.
        public var maximumFrameSize = 1 << 24

        public init(url: String, apiKey: APIKey, topics: [String]) {
            self.url = url
            self.apiKey = apiKey
            self.topics = topics
        }
    }

    /// What the handler is told.
    public enum Update: Sendable {
        /// Connection `connection` (1, 2, …) is authenticated and subscribed.
        case subscribed(connection: Int)
        /// The messages of one frame, in order.
        case messages([FeedMessage])
        /// Connection `connection` ended; the client reconnects unless the feed said `end_of_replay`.
        case disconnected(connection: Int, reason: String)
    }

    /// The handler's answer: go on reading, or close the connection and return.
    public enum Decision: Sendable {
        case proceed
        case stop
    }

    public var configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Reads the feed until `handle` says ``Decision/stop`` or the feed ends (`end_of_replay`).
    ///
    /// - Throws: ``TapeDeckError/Code/unauthorized`` when the feed refuses the key (never retried);
    ///   ``TapeDeckError/Code/retriesExhausted`` after ``Configuration/maximumAttempts`` failed connections
    ///   in a row, naming the last reason; whatever `handle` throws.
    public func run(_ handle: @escaping @Sendable (Update) async throws -> Decision) async throws {
        var failures = 0
        var connection = 0
        while true {
            connection += 1
            let outcome = await session(connection, handle)
            if outcome.subscribed {
                failures = 0
                _ = try await handle(.disconnected(connection: connection, reason: outcome.reason))
            }
            if let error = outcome.fatal { throw error }
            if outcome.finished { return }
            if !outcome.subscribed {
                failures += 1
                if failures >= configuration.maximumAttempts {
                    throw TapeDeckError.feedUnreachable(configuration.url, attempts: failures, outcome.reason)
                }
            }
            try await Task.sleep(for: backoff(afterFailures: max(1, failures)))
        }
    }

    /// The wait after `failures` failed attempts in a row: doubling from the initial backoff, capped.
    func backoff(afterFailures failures: Int) -> Duration {
        var wait = configuration.initialBackoff
        for _ in 1..<min(failures, 32) where wait < configuration.maximumBackoff { wait *= 2 }
        return min(wait, configuration.maximumBackoff)
    }

    private func session(_ connection: Int, _ handle: @escaping @Sendable (Update) async throws -> Decision) async -> SessionOutcome {
        let configuration = self.configuration
        let state = OutcomeBox()
        // The handler's own errors end the run; the connection's failures lead to a reconnection.
        @Sendable func deliver(_ update: Update) async throws -> Decision {
            do { return try await handle(update) } catch { throw FeedHandlerError(underlying: error) }
        }
        var logger = Logger(label: "tapedeck.feed")
        logger.logLevel = .critical
        do {
            try await WebSocketClient.connect(
                url: configuration.url, configuration: .init(maxFrameSize: configuration.maximumFrameSize), logger: logger
            ) { inbound, outbound, _ in
                var frames = inbound.messages(maxSize: configuration.maximumFrameSize).makeAsyncIterator()
                func next() async throws -> [FeedMessage]? {
                    while let message = try await frames.next() {
                        switch message {
                        case .text(let text): return try FeedDecoder.messages(Array(text.utf8), timestamps: configuration.timestamps)
                        case .binary(let buffer): return try FeedDecoder.messages(buffer.readableBytesView, timestamps: configuration.timestamps)
                        }
                    }
                    return nil
                }
                try await outbound.write(.text(#"{"action":"auth","params":"# + JSONText.quoted(configuration.apiKey.secret) + "}"))
                // Statuses until the key is accepted or refused (`connected` comes first).
                authentication: while let messages = try await next() {
                    for case .status(let status, let message) in messages {
                        if status == "auth_success" { break authentication }
                        if status == "auth_failed" {
                            throw TapeDeckError.feedUnauthorized(configuration.url, message)
                        }
                    }
                }
                let topics = configuration.topics.joined(separator: ",")
                try await outbound.write(.text(#"{"action":"subscribe","params":"# + JSONText.quoted(topics) + "}"))
                state.update { $0.subscribed = true }
                if try await deliver(.subscribed(connection: connection)) == .stop {
                    state.update {
                        $0.finished = true
                        $0.reason = "closed by this client"
                    }
                    return
                }
                while let messages = try await next() {
                    for case .status(let status, let message) in messages where status != "success" {
                        state.update {
                            $0.reason = "the feed said \(status): \(message)"
                            if status == "end_of_replay" { $0.finished = true }
                        }
                    }
                    if try await deliver(.messages(messages)) == .stop {
                        state.update {
                            $0.finished = true
                            $0.reason = "closed by this client"
                        }
                        try await outbound.close(.normalClosure, reason: nil)
                        return
                    }
                }
            }
        } catch let error as TapeDeckError where error.code == .feedUnauthorized {
            state.update { $0.fatal = error }
        } catch let error as FeedHandlerError {
            state.update { $0.fatal = error.underlying }
        } catch {
            state.update { $0.reason = configuration.apiKey.redact("\(error)") }
        }
        return state.value
    }
}

/// An error thrown by the handler, told apart from the connection's own failures.
private struct FeedHandlerError: Error {
    var underlying: any Error
}

/// How one connection ended.
private struct SessionOutcome: Sendable {
    var subscribed = false
    /// The feed ended (`end_of_replay`) or the handler stopped: no reconnection.
    var finished = false
    var reason = "the connection closed"
    /// An error that retrying cannot mend: a refused key, or the handler's own error.
    var fatal: (any Error)?
}

/// The outcome of one connection, written from the WebSocket handler.
private final class OutcomeBox: Sendable {
    private let state = Mutex(SessionOutcome())
    func update(_ body: (inout SessionOutcome) -> Void) { state.withLock { body(&$0) } }
    var value: SessionOutcome { state.withLock { $0 } }
}
