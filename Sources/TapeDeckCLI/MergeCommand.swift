import ArgumentParser
import Backtest
import Foundation

/// `tapedeck merge`: joins the outputs of `backtest --shard 1/N … N/N` into the output of the whole run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the json or csv outputs of `tapedeck backtest --shard K/N` (K = 1…N, in order) into one.",
        discussion: """
            The result is byte for byte what one unsharded run writes: rows return to the signals file's order. \
            Outputs that do not fit the signals file (another file, a missing shard, shards out of order) are refused.
            """
    )

    @Option(help: "The signals file the shards ran (default: \(RunOptions.sampleSignals)).")
    var signals: String?

    @Argument(help: "The shard outputs, shard 1 first.")
    var outputs: [String]

    @Option(help: "Write the merged output to this file instead of standard output.")
    var out: String?

    func run() throws {
        let signals = try SignalReader.read(contentsOf: self.signals ?? RunOptions.sampleSignals)
        let texts = try outputs.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path); pass the files the shards wrote with --out")
            }
            return (name: path, text: String(decoding: data, as: UTF8.self))
        }
        try BacktestCommand.write(ShardMerger.merge(texts, signals: signals), to: out)
    }
}
