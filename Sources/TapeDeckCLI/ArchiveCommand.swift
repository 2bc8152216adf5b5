import ArgumentParser
import Foundation
import MarketData
import TapeArchive

/// `tapedeck archive`: inspect, check and export archive files.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Inspect, verify and export a recording archive.",
        subcommands: [Info.self, Verify.self, Export.self, Rebuild.self, Compact.self, Merge.self]
    )

    /// `tapedeck archive info FILE`.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List symbols, days, kinds, record counts, coverage and bytes per record.")

        @Argument(help: "Archive file.")
        var file: String

        func run() throws {
            let info = try Archive(path: file, readOnly: true).info()
            try Console.line("\(file): schema \(info.schemaVersion), written by \(info.writerVersion), \(info.fileBytes) bytes")
            try Console.line("trade conditions: \(info.conditions)")
            try Console.line(
                info.barsAreSplitAdjusted
                    ? "bars: split-adjusted (recorded with --adjusted; trades and quotes are as traded)"
                    : "bars: as traded, on the trades' and quotes' price scale")
            for entry in info.entries {
                let coverage = entry.coverage.map { window in
                    "\(Self.clock(window.start))-\(Self.clock(window.end))"
                }.joined(separator: ",")
                let perRecord = entry.segmentBytesPerRecord.map { String(format: "%.2f B/record", $0) } ?? "-"
                try Console.line(
                    "\(entry.symbol) \(entry.day) \(entry.kind): \(entry.records) records, \(entry.segmentBytes) segment bytes (\(perRecord)), \(entry.responses) responses (\(entry.responseBytes) compressed bytes), covered \(coverage)\(entry.provisional ? " [provisional]" : "")\(entry.streamed ? " [stream: millisecond times]" : "")"
                )
            }
        }

        /// `HH:MM[:SS]` New York time.
        static func clock(_ instant: Timestamp) -> String {
            let (_, second, _) = NewYorkTime.wallClock(at: instant)
            let text = String(format: "%02d:%02d", second / 3600, second / 60 % 60)
            return second % 60 == 0 ? text : text + String(format: ":%02d", second % 60)
        }
    }

    /// `tapedeck archive verify FILE`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every hash, that coverage has no overlaps, and that segments match the raw responses.")

        @Argument(help: "Archive file.")
        var file: String

        func run() throws {
            let report = try Archive(path: file, readOnly: true).verify()
            try Console.line(
                "\(file): \(report.coverageRows) chunks, \(report.segments) segments, \(report.responses) responses; \(report.segmentsMatchedToResponses) segments matched record for record to their responses"
            )
            try Console.line("trade conditions: \(report.conditionTable.map { "\($0)" } ?? "none stored (the built-in table applies)")")
            if report.compacted {
                try Console.line("compacted: the raw responses are gone; segments were checked on their own (hashes, counts, bounds, order)")
            }
            for problem in report.problems { try Console.line("problem: \(problem)") }
            if !report.isValid {
                try Console.line("verify FAILED: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            try Console.line("verify OK")
        }
    }

    /// `tapedeck archive rebuild FILE`.
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-encode every segment from its raw responses (after verify reports a damaged segment).")

        @Argument(help: "Archive file.")
        var file: String

        func run() throws {
            let archive = try Archive(path: file)
            let count = try archive.rebuildSegments()
            try Console.line("rebuilt \(count) segments from their raw responses in \(file)")
            if try archive.isCompacted() {
                try Console.line("note: \(file) was compacted, so it has no raw responses to rebuild from; re-record damaged windows with --mode all")
            }
        }
    }

    /// `tapedeck archive compact FILE`.
    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify, then drop the raw responses, keeping segments, coverage, hashes and the conditions table.")

        @Argument(help: "Archive file.")
        var file: String

        func run() throws {
            let report = try Archive(path: file).compact()
            try Console.line(
                "compacted \(file): \(report.segmentsMatched) segments matched their responses, \(report.responsesDropped) responses dropped, \(report.bytesBefore) → \(report.bytesAfter) bytes"
            )
        }
    }

    /// `tapedeck archive merge A B … --out C`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine archives into one: coverage united, identical records kept once, conflicts refused.")

        @Argument(help: "Archive files to merge.")
        var files: [String]

        @Option(help: "The merged archive (created if missing; an existing one is merged into).")
        var out: String

        func validate() throws {
            guard !files.isEmpty else {
                throw ValidationError("name the archives to merge, e.g. tapedeck archive merge a.tapedeck b.tapedeck --out all.tapedeck")
            }
        }

        func run() throws {
            let inputs = try ArchiveSource.files(files).filter { $0 != out }.map { path throws(TapeDeckError) in
                try Archive(path: path, readOnly: true)
            }
            // Refuse differing tables before the output file is created.
            if !inputs.isEmpty { _ = try ArchiveSource(archives: inputs).commonConditionTable() }
            let report = try Archive(path: out).merge(inputs)
            try Console.line(
                "merged \(inputs.count) archive\(inputs.count == 1 ? "" : "s") into \(out): \(report.chunks) chunks written, \(report.records) records, \(report.duplicatesDropped) duplicates kept once"
            )
        }
    }

    /// `tapedeck archive export FILE --symbol S --kind K --format jsonl|csv`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the recorded records of one symbol and kind as JSONL or CSV to standard output.")

        @Argument(help: "Archive file.")
        var file: String

        @Option(help: "Ticker.")
        var symbol: String

        @Option(help: "bars, trades or quotes.")
        var kind: String

        @Option(help: "jsonl or csv.")
        var format: String = "jsonl"

        func run() throws {
            guard let kind = DataKind(rawValue: kind) else {
                throw ValidationError("--kind \(kind) is not one of bars, trades, quotes")
            }
            guard let format = ExportFormat(rawValue: format) else {
                throw ValidationError("--format \(format) is not one of jsonl, csv")
            }
            let archive = try Archive(path: file, readOnly: true)
            // Lines are written in blocks of about 64 KiB; a failed write (a full disk) stops the export
            // with a one-line error.
            var buffer: [UInt8] = []
            try archive.export(try Symbol(symbol), kind, format: format) { line in
                buffer.append(contentsOf: line.utf8)
                buffer.append(0x0A)
                if buffer.count > 1 << 16 {
                    try Console.write(bytes: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try Console.write(bytes: buffer)
        }
    }
}
