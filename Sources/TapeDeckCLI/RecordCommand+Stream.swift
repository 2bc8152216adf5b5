import ArgumentParser
import Foundation
import MarketData
import PolygonClient
import PolygonWire
import TapeArchive

extension RecordCommand {
    /// `record --stream URL`: the stocks feed into the archive until `--to`, the feed's end or Ctrl-C.
    func recordStream(from url: String) async throws {
        let symbols = try Symbol.list(parsing: symbols ?? "")
        let kinds = try kinds.map(Self.kinds(parsing:)) ?? [.trades, .quotes, .bars]
        try Recorder.checkSecretsAreCheckable(RecordSourceFactory.secrets)
        // The trade-condition table, over REST as a REST recording stores it, before the first chunk; a
        // missing key fails here, before the archive file is created.
        let rest = try RecordSourceFactory.restSource(besideFeed: url, baseURL: baseURL, rateLimit: rateLimit)
        let archive = try Archive(path: self.archive)
        let configuration = RecorderConfiguration(clock: Self.clock).withSecrets(RecordSourceFactory.secrets)
        try await Recorder(archive: archive, source: rest, mode: .new, configuration: configuration).recordConditionTable()

        var settings = StreamRecorder.Configuration(symbols: symbols, kinds: kinds)
        settings.clock = Self.clock
        settings.untilSecondOfDay = try to.map { try Self.secondOfDay(parsing: $0, option: "--to") }
        let recorder = StreamRecorder(archive: archive, configuration: settings)
        var feed = FeedClient.Configuration(url: url, apiKey: try RecordSourceFactory.feedKey(for: url), topics: recorder.topics)
        feed.timestamps = .milliseconds
        let interrupt = InterruptFlag()
        Console.note("recording \(recorder.topics.joined(separator: ",")) from \(url) into \(self.archive); Ctrl-C stops and keeps what is complete\n")
        try await FeedClient(configuration: feed).run { update in
            switch update {
            case .subscribed(let connection):
                await recorder.connected()
                Console.note("connection \(connection): subscribed\n")
            case .messages(let messages):
                let before = await recorder.summary.covered.last?.end
                try await recorder.receive(messages)
                if messages.contains(where: Self.isEndOfReplay) {
                    try await recorder.feedEnded()
                    return .stop
                }
                if let end = await recorder.summary.covered.last?.end, end != before {
                    Console.note("covered through \(end.newYorkISO8601)\n")
                }
                if await recorder.isDone || interrupt.isRaised { return .stop }
            case .disconnected(let connection, let reason):
                try await recorder.disconnected()
                Console.note("connection \(connection) ended: \(reason)\n")
            }
            return .proceed
        }
        let summary = await recorder.summary
        let covered = summary.covered.map { "[\($0.start.newYorkISO8601), \($0.end.newYorkISO8601))" }.joined(separator: ", ")
        let late = summary.lateEvents > 0 ? "; \(summary.lateEvents) events arrived too late and were left out" : ""
        try Console.line(
            "recorded \(summary.chunks) chunks, \(summary.records) records (\(summary.segmentBytes) segment bytes) from the feed into \(self.archive) over \(summary.connections) connections; covered \(covered.isEmpty ? "nothing" : covered)\(late)"
        )
    }

    static func isEndOfReplay(_ message: FeedMessage) -> Bool {
        if case .status("end_of_replay", _) = message { return true }
        return false
    }
}
