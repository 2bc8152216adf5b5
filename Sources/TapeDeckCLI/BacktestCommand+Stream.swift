import Backtest
import Foundation
import MarketData
import PolygonClient
import PolygonWire
import Synchronization

extension BacktestCommand {
    /// How far a feed's event may trail later ones before an entry is evaluated without it (feed time).
    static let streamLateness = 2 * Timestamp.nanosecondsPerSecond

    /// `backtest --stream URL`: the adapters on a live feed. Each entry is evaluated once the feed's clock
    /// is ``streamLateness`` past it, and its row written at once, in entry-time order.
    func runStream(
        from url: String, adapters: [any BacktestAdapter], signals: [Signal], format: Format, history: (any MarketDataSource)?
    ) async throws {
        let buffer = FeedBuffer(history: history, lateness: Self.streamLateness)
        let symbols = Set(signals.map(\.symbol)).sorted()
        var feed = FeedClient.Configuration(
            url: url, apiKey: try RecordSourceFactory.feedKey(for: url), topics: symbols.flatMap { ["T.\($0)", "Q.\($0)", "AM.\($0)"] })
        // TapeDeck's own server sends nanoseconds too (`tns`): then the rows equal the offline run's.
        feed.timestamps = .nanosecondsWhenSent
        var configured = BacktestRunner(source: buffer, adapters: adapters)
        if let parallelism { configured.parallelism = parallelism }
        let runner = configured
        // Entries in time order (input order among equal times), evaluated as the feed's clock passes them.
        let pending = PendingEntries(signals.enumerated().sorted { ($0.element.entry, $0.offset) < ($1.element.entry, $1.offset) }.map(\.element))
        let (ready, readyInput) = AsyncStream.makeStream(of: [Signal].self)
        let columns = runner.columns
        let out = self.out
        if let out { try Console.write("", toFile: out) }
        if format == .csv { try Self.emit(ResultFormatter.csv(BacktestReport(columns: columns, signals: [], values: [])), to: out) }

        async let written: Int = {
            var count = 0
            do {
                for await batch in ready {
                    let report = try await runner.run(batch)
                    try Self.emit(format == .csv ? Self.csvRows(report) : ResultFormatter.jsonLines(report), to: out)
                    count += batch.count
                }
            } catch {
                pending.abandon()  // the feed stops with its next frame
                throw error
            }
            return count
        }()
        let feedError: (any Error)?
        do {
            try await FeedClient(configuration: feed).run { update in
                switch update {
                case .subscribed(let connection):
                    await buffer.connected()
                    Console.note("connection \(connection): subscribed to \(symbols.count) symbols' trades, quotes and minute bars\n")
                case .messages(let messages):
                    await buffer.receive(messages)
                    let ended = messages.contains(where: RecordCommand.isEndOfReplay)
                    if ended { await buffer.feedEnded() }
                    if let frontier = await buffer.frontier {
                        let batch = pending.take(through: frontier)
                        if !batch.isEmpty { readyInput.yield(batch) }
                    }
                    if ended || pending.isEmpty { return .stop }
                case .disconnected(let connection, let reason):
                    await buffer.disconnected()
                    Console.note("connection \(connection) ended: \(reason)\n")
                }
                return .proceed
            }
            feedError = nil
        } catch {
            feedError = error
        }
        readyInput.finish()
        let count = try await written
        if let feedError { throw feedError }
        let left = pending.remaining
        if let first = left.first {
            let day = await buffer.day.map { " (it replays \($0))" } ?? ""
            throw TapeDeckError(
                .notRecorded,
                "the feed ended before \(left.count) of \(signals.count) entries, the first \(first.symbol) at \(first.entry.newYorkISO8601)\(day); \(count) rows were written"
            )
        }
    }

    /// The CSV rows of `report`, without the header.
    static func csvRows(_ report: BacktestReport) -> String {
        let text = ResultFormatter.csv(report)
        guard let newline = text.firstIndex(of: "\n") else { return "" }
        return String(text[text.index(after: newline)...])
    }

    /// Appends `text` to `out`, or writes it to standard output.
    static func emit(_ text: String, to out: String?) throws(TapeDeckError) {
        guard !text.isEmpty else { return }
        if let out { try Console.write(text, toFile: out, appending: true) } else { try Console.write(text) }
    }
}

/// Entries not evaluated yet, in time order: the feed's handler takes those its clock has passed.
final class PendingEntries: Sendable {
    private let queue: Mutex<ArraySlice<Signal>>

    init(_ signals: [Signal]) { queue = Mutex(signals[...]) }

    /// Removes and returns the entries at or before `frontier`.
    func take(through frontier: Timestamp) -> [Signal] {
        queue.withLock { queue in
            let count = queue.prefix { $0.entry <= frontier }.count
            defer { queue.removeFirst(count) }
            return Array(queue.prefix(count))
        }
    }

    /// Drops every entry left, after an evaluation failed.
    func abandon() { queue.withLock { $0 = [] } }

    var isEmpty: Bool { queue.withLock { $0.isEmpty } }
    var remaining: [Signal] { queue.withLock { Array($0) } }
}
