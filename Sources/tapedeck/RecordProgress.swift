#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MarketData
import Synchronization

/// Shows recording progress on standard error: a redrawn bar on a terminal, plain lines otherwise
/// (one per 10% of chunks, so logs stay short).
final class RecordProgress: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastDecile = Mutex<Int>(-1)

    func update(_ progress: FetchProgress) {
        let total = max(progress.chunksTotal, 1)
        let label = "\(progress.symbol) \(progress.kind)"
        let counts = "\(progress.chunksDone)/\(progress.chunksTotal) chunks, \(progress.records) records"
        if isTerminal {
            let width = 30
            let filled = progress.chunksDone * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let end = progress.chunksDone == progress.chunksTotal ? "\n" : ""
            write("\r\u{1B}[2K\(label) [\(bar)] \(counts)\(end)")
        } else {
            let decile = progress.chunksDone * 10 / total
            let shouldPrint = lastDecile.withLock { last in
                defer { last = decile }
                return decile != last || progress.chunksDone == progress.chunksTotal
            }
            if shouldPrint { write("\(label): \(counts)\n") }
        }
    }

    /// Starts a new (symbol, kind) line.
    func reset() {
        lastDecile.withLock { $0 = -1 }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
