import MarketData
import Synchronization

/// Adds up one fetch's chunks, records and bytes from concurrent chunk tasks and reports each change
/// to the caller's ``ProgressHandler``.
final class ProgressTracker: Sendable {
    private let handler: ProgressHandler?
    private let state: Mutex<FetchProgress>

    init(symbol: Symbol, kind: DataKind, chunksTotal: Int, handler: ProgressHandler?) {
        self.handler = handler
        state = Mutex(FetchProgress(symbol: symbol, kind: kind, chunksDone: 0, chunksTotal: chunksTotal, records: 0, bytes: 0))
    }

    /// One page arrived.
    func page(records: Int, bytes: Int) {
        let progress = state.withLock { progress in
            progress.records += records
            progress.bytes += bytes
            return progress
        }
        handler?(progress)
    }

    /// One chunk is complete.
    func chunkDone() {
        let progress = state.withLock { progress in
            progress.chunksDone += 1
            return progress
        }
        handler?(progress)
    }
}
