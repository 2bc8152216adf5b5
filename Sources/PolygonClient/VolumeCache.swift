import MarketData

/// Average daily volume per symbol, fetched once and shared by every later fetch of the client.
///
/// An actor because concurrent fetches of one symbol must share one request: the first caller starts
/// it, the others await the same task. A failed fetch is forgotten, so the next call tries again.
actor VolumeCache {
    private var entries: [Symbol: Task<Double, any Error>] = [:]

    func volume(of symbol: Symbol, fetch: @escaping @Sendable () async throws -> Double) async throws -> Double {
        let task: Task<Double, any Error>
        if let existing = entries[symbol] {
            task = existing
        } else {
            task = Task { try await fetch() }
            entries[symbol] = task
        }
        do {
            return try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch {
            if entries[symbol] == task { entries[symbol] = nil }
            throw error
        }
    }

    /// The cached average, if it was fetched already.
    func cached(_ symbol: Symbol) async -> Double? {
        guard let task = entries[symbol] else { return nil }
        return try? await task.value
    }
}
