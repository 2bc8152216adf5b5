import HummingbirdWebSocket
import MarketData
import NIOCore
import NIOWebSocket
import PolygonWire
import Synchronization

/// One connection to the stocks feed: the `connected` greeting, `auth`, `subscribe` and `unsubscribe`
/// with Polygon's status replies, and the replay of the subscribed events on the replay clock.
///
/// Two tasks share the connection: one reads the client's messages, one replays. The replay starts at
/// the first subscription; a later (un)subscription applies to events not yet sent. At
/// ``FeedConfiguration/Speed/max`` frames hold ``FeedConfiguration/batchSize`` events each, so a
/// connection with the same subscriptions receives the same bytes every time.
struct FeedSession: Sendable {
    let configuration: ServerConfiguration
    let replay: FeedReplay
    /// Closes the connection at once, pending writes included (a stalled consumer).
    let cutOff: @Sendable () -> Void

    /// What the reader learned, shared with the replay, and when the write in progress began.
    private struct Shared: Sendable {
        var authenticated = false
        var topics = FeedTopics()
        /// Counts (un)subscriptions, so the replay knows when its stretch was made for other topics.
        var topicsVersion = 0
        var closed = false
        var writeBegan: ContinuousClock.Instant?
        var cutOff = false
    }

    /// ``Shared`` behind a lock, for the connection's two tasks.
    private final class SharedBox: Sendable {
        let state = Mutex(Shared())
        func withLock<T: Sendable>(_ body: (inout Shared) -> T) -> T { state.withLock { body(&$0) } }
    }

    func serve(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async throws {
        try await send(outbound, FeedEncoder.status("connected", message: "Connected Successfully"))
        let shared = SharedBox()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { shared.withLock { $0.closed = true } }
                try await read(inbound, outbound, shared)
            }
            group.addTask {
                do {
                    try await play(outbound, shared)
                } catch {
                    // The write the watchdog gave up on fails when the connection is cut off.
                    if !shared.withLock({ $0.cutOff }) { throw error }
                }
            }
            group.addTask { try await watch(shared) }
            // The reader ends when the client closes; the replay when the day ends or the consumer stalls.
            try await group.next()
            if shared.withLock({ $0.closed }) {
                group.cancelAll()
            } else {
                try await group.next()
                group.cancelAll()  // the watchdog
            }
        }
    }

    /// Cuts the connection off when one write has waited longer than the write timeout: a consumer that
    /// stopped reading, whose socket buffers are full. One check a quarter of the timeout, for the whole
    /// connection, instead of a timer per frame.
    private func watch(_ shared: SharedBox) async throws {
        let limit = configuration.feed.writeTimeout
        while true {
            try await Task.sleep(for: limit / 4)
            let stalled = shared.withLock { state in
                guard let began = state.writeBegan, ContinuousClock.now - began > limit else { return false }
                state.cutOff = true
                return true
            }
            if stalled {
                cutOff()
                return
            }
        }
    }

    // MARK: - Client messages

    private func read(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, _ shared: SharedBox) async throws {
        for try await message in inbound.messages(maxSize: 1 << 16) {
            guard case .text(let text) = message else { continue }
            let command: FeedCommand
            do {
                command = try FeedCommand.decode(Array(text.utf8))
            } catch {
                try await send(outbound, FeedEncoder.status("error", message: "cannot read the message: \(error.message)"))
                continue
            }
            switch command.action {
            case "auth":
                let accepted = !command.params.isEmpty && (configuration.apiKey.map { $0 == command.params } ?? true)
                if accepted {
                    shared.withLock { $0.authenticated = true }
                    try await send(outbound, FeedEncoder.status("auth_success", message: "authenticated"))
                } else {
                    try await send(outbound, FeedEncoder.status("auth_failed", message: "authentication failed"))
                    try await outbound.close(.policyViolation, reason: "authentication failed")
                    return
                }
            case "subscribe", "unsubscribe":
                guard shared.withLock({ $0.authenticated }) else {
                    try await send(outbound, FeedEncoder.status("error", message: "not authorized: send {\"action\":\"auth\",\"params\":\"KEY\"} first"))
                    continue
                }
                // One message's topics take effect together (after their acknowledgements), so the replay
                // never starts with part of a subscription.
                let subscribing = command.action == "subscribe"
                var accepted: [(FeedTopics.Channel, Symbol?)] = []
                for topic in command.topics {
                    do {
                        let (channel, symbol) = try FeedTopics.parse(topic)
                        if symbol == nil, configuration.feed.symbols == nil {
                            try await send(
                                outbound, FeedEncoder.status("error", message: "\(topic): this source has no symbol list; subscribe to symbols by name"))
                            continue
                        }
                        try await send(outbound, FeedEncoder.status("success", message: "\(subscribing ? "subscribed to" : "unsubscribed from"): \(topic)"))
                        accepted.append((channel, symbol))
                    } catch let error as TapeDeckError {
                        try await send(outbound, FeedEncoder.status("error", message: error.message))
                    }
                }
                shared.withLock { state in
                    for (channel, symbol) in accepted {
                        if subscribing { state.topics.subscribe(channel, symbol) } else { state.topics.unsubscribe(channel, symbol) }
                    }
                    state.topicsVersion += 1
                }
            default:
                try await send(outbound, FeedEncoder.status("error", message: "unknown action \(command.action); use auth, subscribe or unsubscribe"))
            }
        }
    }

    // MARK: - Replay

    private func play(_ outbound: WebSocketOutboundWriter, _ shared: SharedBox) async throws {
        // Wait for the first subscription.
        while shared.withLock({ !$0.authenticated || $0.topics.isEmpty }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let feed = configuration.feed
        let start = feed.startTime
        let sessions: TradingSessions
        do {
            sessions = try replay.calendar.sessions(on: NewYorkTime.date(of: start))
        } catch {
            try await send(outbound, FeedEncoder.status("error", message: "nothing to replay: \(error.message)"))
            return
        }
        let clock = ContinuousClock()
        let began = clock.now
        var state = FeedReplay.State()
        var cursor = max(start, sessions.preMarketOpen)
        var pending: [FeedEvent] = []
        var pendingVersion = 0
        var next = 0
        let step = Int64(max(1, feed.stepMinutes)) * Timestamp.nanosecondsPerMinute
        while true {
            if next == pending.count {
                guard cursor < sessions.postMarketClose else { break }
                let window = TimeWindow(uncheckedStart: cursor, end: min(cursor.advanced(by: step), sessions.postMarketClose))
                let (topics, version) = shared.withLock { ($0.topics, $0.topicsVersion) }
                pendingVersion = version
                var notes: [String] = []
                pending = try await replay.events(
                    topics, symbols: topics.symbols(all: feed.symbols ?? []), in: window, sessions: sessions, state: &state, notes: &notes)
                next = 0
                cursor = window.end
                for note in notes { try await send(outbound, FeedEncoder.status("not_recorded", message: note)) }
                continue
            }
            // The latest market time whose events are due: every event at --speed max.
            var marketNow = Timestamp.latest
            if case .times(let factor) = feed.speed {
                let due = pending[next].time
                // The wall time the event is due: the replay clock runs `factor` times faster.
                let offset = Double(due.nanoseconds - start.nanoseconds) / factor
                let dueAt = began.advanced(by: .nanoseconds(Int64(offset.rounded(.up))))
                let now = clock.now
                if dueAt > now {
                    try await Task.sleep(until: min(dueAt, now.advanced(by: .milliseconds(50))), clock: clock)
                    continue
                }
                if now - dueAt > feed.maximumLag {
                    let message = "the consumer fell more than \(feed.maximumLag) behind the replay clock; disconnecting"
                    shared.withLock { $0.writeBegan = .now }
                    try? await send(outbound, FeedEncoder.status("max_lag", message: message))
                    try? await outbound.close(.goingAway, reason: "slow consumer")
                    return
                }
                let elapsed = now - began
                let elapsedNanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
                marketNow = start.advanced(by: Int64(elapsedNanoseconds * factor))
            }
            let first = next
            while next < pending.count, next - first < feed.batchSize, pending[next].time <= marketNow { next += 1 }
            guard next > first else { continue }
            let (topics, version) = shared.withLock { ($0.topics, $0.topicsVersion) }
            let frame: [UInt8]
            if version == pendingVersion {
                frame = FeedEncoder.frame(pending[first..<next])
            } else {
                // A subscription changed since the stretch was made: leave out what is no longer wanted.
                let wanted = pending[first..<next].filter { topics.contains($0.channel, $0.symbol) }
                guard !wanted.isEmpty else { continue }
                frame = FeedEncoder.frame(wanted)
            }
            shared.withLock { $0.writeBegan = .now }
            try await send(outbound, frame)
            shared.withLock { $0.writeBegan = nil }
            // At --speed max the loop never waits on its own: let the other connections and requests
            // the server's threads carry have their turn between frames.
            await Task.yield()
        }
        try await send(outbound, FeedEncoder.status("end_of_replay", message: "the replay reached the end of \(sessions.date)"))
    }

    /// Sends `bytes` (UTF-8 JSON by construction) as a text frame, without making a `String` of them first.
    private func send(_ outbound: WebSocketOutboundWriter, _ bytes: [UInt8]) async throws {
        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))))
    }
}

extension FeedEvent {
    /// The channel a subscription names to receive this event.
    var channel: FeedTopics.Channel {
        switch self {
        case .trade: .trades
        case .quote: .quotes
        case .aggregate(let aggregate): aggregate.span == .minute ? .minuteAggregates : .secondAggregates
        }
    }
}
