import Foundation
import MarketData
import Testing

@testable import Backtest

/// `--shard K/N` and `tapedeck merge`: the assignment against published FNV-1a vectors, the partition it
/// makes, and merging back to the unsharded output byte for byte.
struct ShardTests {
    /// Test vectors of the FNV reference (Fowler/Noll/Vo, "FNV-1a 64-bit"): "" → cbf29ce484222325,
    /// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
    @Test(arguments: [("", 0xCBF2_9CE4_8422_2325), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x8594_4171_F739_67E8)] as [(String, UInt64)])
    func fnv1aMatchesThePublishedVectors(_ text: String, _ expected: UInt64) {
        #expect(Shard.fnv1a64(text) == expected)
    }

    @Test(arguments: [("1/1", 1, 1), ("2/8", 2, 8), ("8/8", 8, 8)])
    func parsesKOfN(_ text: String, _ index: Int, _ count: Int) throws {
        let shard = try Shard(parsing: text)
        #expect(shard.index == index && shard.count == count && shard.description == text)
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "x", "1/", "/4", "1/2/3", "-1/4"])
    func refusesWhatIsNotKOfN(_ text: String) {
        #expect {
            try Shard(parsing: text)
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .invalidShard && error?.message.contains("K/N") == true
        }
    }

    /// Entries of three symbols over four days, several per symbol-day, in a scrambled order.
    static func signals() throws -> [Signal] {
        var signals: [Signal] = []
        for (day, date) in ["2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14"].enumerated() {
            for symbol in ["SPY", "ETSY", "CROX"] {
                for time in ["10:00", "11:30", "15:59"] {
                    signals.append(
                        Signal(
                            symbol: try Symbol(symbol), entry: try Timestamp(parsing: "\(date) \(time)"),
                            id: "\(symbol)-\(day)-\(time)", location: "signals.csv:\(signals.count + 1)"))
                }
            }
        }
        return stride(from: 0, to: signals.count, by: 1).map { signals[($0 * 7) % signals.count] }
    }

    @Test(arguments: 1...6)
    func shardsPartitionTheWorkBySymbolDay(_ count: Int) throws {
        let signals = try Self.signals()
        let shards = try (1...count).map { try Shard(index: $0, of: count) }
        for signal in signals {
            #expect(shards.filter { $0.contains(signal) }.count == 1)
        }
        let bySymbolDay = Dictionary(grouping: signals) { "\($0.symbol) \(NewYorkTime.wallClock(at: $0.entry).date)" }
        for (_, entries) in bySymbolDay {
            #expect(Set(entries.map { Shard.index(of: $0, count: count) }).count == 1)
        }
    }

    /// A report whose values are a function of the signal, like a real run's.
    static func report(_ signals: [Signal]) -> BacktestReport {
        BacktestReport(
            columns: ["A.x", "B.y"],
            signals: signals,
            values: signals.map { [Double($0.entry.nanoseconds % 1000) / 8, $0.symbol.rawValue == "SPY" ? nil : 1.5] })
    }

    static func shardOutputs(_ signals: [Signal], count: Int, _ format: (BacktestReport) -> String) throws -> [(name: String, text: String)] {
        try (1...count).map { index in
            let shard = try Shard(index: index, of: count)
            return ("shard-\(index)", format(report(signals.filter(shard.contains))))
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func mergingShardOutputsGivesTheUnshardedOutput(_ count: Int) throws {
        let signals = try Self.signals()
        for format in [ResultFormatter.jsonLines, ResultFormatter.csv] {
            let merged = try ShardMerger.merge(try Self.shardOutputs(signals, count: count, format), signals: signals)
            #expect(merged == format(Self.report(signals)))
        }
    }

    @Test func outputsOutOfOrderOrMissingAreRefused() throws {
        let signals = try Self.signals()
        let outputs = try Self.shardOutputs(signals, count: 3, ResultFormatter.jsonLines)
        for wrong in [[outputs[1], outputs[0], outputs[2]], [outputs[0], outputs[1]], [outputs[0], outputs[1], outputs[2], outputs[2]]] {
            #expect {
                try ShardMerger.merge(wrong, signals: signals)
            } throws: { ($0 as? TapeDeckError)?.code == .shardMismatch }
        }
        // Another signals file: one entry fewer.
        #expect {
            try ShardMerger.merge(outputs, signals: Array(signals.dropLast()))
        } throws: { ($0 as? TapeDeckError)?.message.contains("more rows") == true }
    }

    @Test func tablesAndMixedColumnsAreRefused() throws {
        let signals = try Self.signals()
        let tables = try Self.shardOutputs(signals, count: 2, ResultFormatter.table)
        #expect {
            try ShardMerger.merge(tables, signals: signals)
        } throws: { ($0 as? TapeDeckError)?.message.contains("--format json or --format csv") == true }
        var csv = try Self.shardOutputs(signals, count: 2, ResultFormatter.csv)
        csv[1].text = csv[1].text.replacingOccurrences(of: "B.y", with: "C.z")
        #expect {
            try ShardMerger.merge(csv, signals: signals)
        } throws: { ($0 as? TapeDeckError)?.message.contains("same --adapters") == true }
    }
}
