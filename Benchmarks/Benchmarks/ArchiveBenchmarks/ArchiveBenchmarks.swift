import Benchmark
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import TapeCodec

/// TapeArchive on a simulated very liquid (SPY-like) day, in the recorder's 10-minute chunks.
///
/// Targets: segment bytes per trade ≤ 12 and per quote ≤ 10 (printed once at setup);
/// segment decode ≥ 20M records/s/core; encode ≥ 5M records/s/core (records/s = records per iteration /
/// wall-clock time, single-threaded); replay of one mid-profile symbol-day from archive to in-memory
/// records < 1 s.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        warmupIterations: 2,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    let simulator = MarketSimulator(seed: 1)
    let spy = try! Symbol("SPY")
    let day = LocalDate(year: 2024, month: 3, day: 15)!
    let sessions = try! SessionCalendar.nyse.sessions(on: day)
    let trades = simulator.trades(spy, in: sessions.extended)
    let quotes = simulator.quotes(spy, in: sessions.extended)
    let tradeChunks = ArchiveBenchmarkData.chunks(trades)
    let quoteChunks = ArchiveBenchmarkData.chunks(quotes)
    let tradeBytes = tradeChunks.reduce(0) { $0 + SegmentCodec.encode($1).payload.count }
    let quoteBytes = quoteChunks.reduce(0) { $0 + SegmentCodec.encode($1).payload.count }
    print(
        "ArchiveBenchmarks: very liquid day: \(trades.count) trades, \(Double(tradeBytes) / Double(trades.count)) segment bytes/trade (target ≤ 12); \(quotes.count) quotes, \(Double(quoteBytes) / Double(quotes.count)) bytes/quote (target ≤ 10)"
    )

    ArchiveBenchmarkData.codecBenchmarks("Trades", tradeChunks)
    ArchiveBenchmarkData.codecBenchmarks("Quotes", quoteChunks)

    Benchmark("Archive:ReplayMidSymbolDay") { benchmark in
        let path = NSTemporaryDirectory() + "archive-bench-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let mid = try Symbol("MIDX")
        let source = SimulatorSource(seed: 1, profileOverrides: [mid: .mid])
        let recorder = Recorder(archive: try Archive(path: path), source: source)
        for kind in DataKind.allCases { try await recorder.record(mid, kind, in: sessions.extended) }
        let replay = try ArchiveSource(path: path)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await replay.bars(mid, in: sessions.extended))
            blackHole(try await replay.trades(mid, in: sessions.extended))
            blackHole(try await replay.quotes(mid, in: sessions.extended))
        }
    }
}

enum ArchiveBenchmarkData {
    /// `Archive:<name>:EncodeDay` / `DecodeDay` (columns + zlib, the segment codec) and
    /// `EncodeColumnsDay` / `DecodeColumnsDay` (the columnar stage alone, to show where the time goes).
    static func codecBenchmarks<R: ColumnarRecord>(_ name: String, _ chunks: [[R]]) {
        let segments = chunks.map { SegmentCodec.encode($0) }
        let columns = chunks.map { R.encodeColumns($0).bytes }

        Benchmark("Archive:\(name):EncodeDay") { benchmark in
            for _ in benchmark.scaledIterations {
                for chunk in chunks { blackHole(SegmentCodec.encode(chunk)) }
            }
        }

        Benchmark("Archive:\(name):DecodeDay") { benchmark in
            for _ in benchmark.scaledIterations {
                for segment in segments {
                    blackHole(
                        try SegmentCodec.decode(segment.payload, rawSize: segment.rawSize, count: segment.count, codecVersion: segment.codecVersion, as: R.self)
                    )
                }
            }
        }

        Benchmark("Archive:\(name):EncodeColumnsDay") { benchmark in
            for _ in benchmark.scaledIterations {
                for chunk in chunks { blackHole(R.encodeColumns(chunk)) }
            }
        }

        Benchmark("Archive:\(name):DecodeColumnsDay") { benchmark in
            for _ in benchmark.scaledIterations {
                for (bytes, chunk) in zip(columns, chunks) {
                    blackHole(bytes.withUnsafeBufferPointer { R.decodeColumns($0, count: chunk.count) })
                }
            }
        }
    }

    /// Records split into the recorder's default 10-minute chunks.
    static func chunks<R: ColumnarRecord>(_ records: [R]) -> [[R]] {
        let size = 10 * Timestamp.nanosecondsPerMinute
        var chunks: [[R]] = []
        var start = 0
        while start < records.count {
            let cell = records[start].tapeTime.nanoseconds / size
            var end = start
            while end < records.count, records[end].tapeTime.nanoseconds / size == cell { end += 1 }
            chunks.append(Array(records[start..<end]))
            start = end
        }
        return chunks
    }
}
