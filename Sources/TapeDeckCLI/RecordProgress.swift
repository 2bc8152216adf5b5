import Foundation
import MarketData
import Synchronization
import TapeArchive

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows recording progress on standard error with an ETA over all chunks of the run: a redrawn line on
/// a terminal, plain lines otherwise (one per 10% of the run, so logs stay short). Wall time here only
/// feeds the ETA on standard error; it never reaches an archive or an output.
final class RecordProgress: Sendable {
    private struct State {
        /// Chunks of finished jobs.
        var finished = 0
        /// Chunks done in the current job.
        var current = 0
        var lastDecile = -1
    }

    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let totalChunks: Int
    private let clock: WallClock
    private let started: Timestamp
    private let state = Mutex(State())

    init(totalChunks: Int, clock: WallClock) {
        self.totalChunks = totalChunks
        self.clock = clock
        self.started = clock.now()
    }

    func update(_ progress: FetchProgress) {
        let (done, decile, lastDecile) = state.withLock { state -> (Int, Int, Int) in
            state.current = progress.chunksDone
            let done = state.finished + state.current
            let decile = totalChunks > 0 ? done * 10 / totalChunks : 10
            defer { state.lastDecile = max(state.lastDecile, decile) }
            return (done, decile, state.lastDecile)
        }
        guard progress.chunksDone > 0 else { return }
        let line = "\(progress.symbol) \(progress.kind): \(done)/\(totalChunks) chunks, \(progress.records) records\(eta(done))"
        if isTerminal {
            write("\r\u{1B}[2K" + line + (done == totalChunks ? "\n" : ""))
        } else if decile != lastDecile || done == totalChunks {
            write(line + "\n")
        }
    }

    /// A job (symbol and kind) finished after `chunks` chunks.
    func finishJob(_ chunks: Int) {
        state.withLock { state in
            state.finished += chunks
            state.current = 0
        }
    }

    /// `, ETA 2 min` from the average time per chunk so far.
    private func eta(_ done: Int) -> String {
        guard done > 0, done < totalChunks else { return "" }
        let elapsed = Double(clock.now().nanoseconds - started.nanoseconds) / 1e9
        let remaining = elapsed / Double(done) * Double(totalChunks - done)
        return ", ETA " + RecordPlanSummary.duration(seconds: remaining)
    }

    private func write(_ text: String) {
        Console.note(text)
    }
}
