import Backtest
import Foundation
import MarketData
import Testing

/// `--shard K/N` and `tapedeck merge`: the assignment against published FNV-1a vectors, the partition it
/// makes, and merging back to the unsharded output byte for byte.
struct ShardTests {
    /// The assignment of the sample's symbol-days, from FNV-1a-64 worked out independently (Python, the
    /// reference algorithm): "SPY 2024-03-15" → 0x6a4333c7f8e872d0, "ETSY 2024-03-15" → 0x5ac464e859270acb,
    /// "CROX 2024-03-15" → 0x7c1a7c175ee1ce32; mod 2 → 0, 1, 0; mod 3 → 1, 2, 2 (shards are 1 + that).
    @Test(arguments: [("SPY", 1, 2), ("ETSY", 2, 3), ("CROX", 1, 3)])
    func sampleSymbolDaysLandWhereTheHashSays(_ symbol: String, _ ofTwo: Int, _ ofThree: Int) throws {
        let signal = Signal(symbol: try Symbol(symbol), entry: try Timestamp(parsing: "2024-03-15 10:00"))
        #expect(Shard.index(of: signal, count: 2) == ofTwo)
        #expect(Shard.index(of: signal, count: 3) == ofThree)
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
        // An empty output fits either format; the message names the output that set the format.
        let mixed = [("empty", ""), ("as-csv", ResultFormatter.csv(Self.report(signals))), ("as-json", "{}\n")]
        #expect {
            try ShardMerger.merge(mixed, signals: signals)
        } throws: { ($0 as? TapeDeckError)?.message.hasPrefix("as-json has other columns or another format than as-csv") == true }
    }
}
