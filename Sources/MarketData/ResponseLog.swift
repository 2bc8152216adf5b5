import Synchronization

/// One HTTP response as received, for the archive's record of truth.
public struct RawResponse: Hashable, Sendable {
    /// The canonical request: method-less path and query, parameters sorted, credentials removed.
    public var request: String
    /// HTTP status code.
    public var status: Int
    /// The body exactly as received (after transfer decoding).
    public var body: [UInt8]

    public init(request: String, status: Int, body: [UInt8]) {
        self.request = request
        self.status = status
        self.body = body
    }
}

/// Collects the raw responses a source used while serving one call, so that a recorder can store them
/// with the records they produced, in one transaction.
///
/// A ``RecordableSource`` appends to the log it is handed; concurrent requests of one fetch (chunks,
/// pages) share it, so it is a lock-protected class.
public final class ResponseLog: Sendable {
    private let storage = Mutex<[RawResponse]>([])

    public init() {}

    public func append(_ response: RawResponse) {
        storage.withLock { $0.append(response) }
    }

    /// The responses so far, in the order they were appended.
    public var responses: [RawResponse] { storage.withLock { $0 } }
}

/// A source a recorder can record: each fetch hands the raw responses it used to the given log, which
/// the archive keeps as its record of truth (`archive rebuild` decodes segments again from them).
///
/// A network source implements the four methods; a source with no raw responses says so by adopting
/// ``InProcessSource`` instead, so that no network source can leave its responses out by accident.
public protocol RecordableSource: MarketDataSource {
    /// ``MarketDataSource/bars(_:in:progress:)``, appending every response used to `log`.
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar]
    /// ``MarketDataSource/trades(_:in:progress:)``, appending every response used to `log`.
    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws
        -> [Trade]
    /// ``MarketDataSource/quotes(_:in:progress:)``, appending every response used to `log`.
    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws
        -> [Quote]
    /// ``MarketDataSource/conditionTable()``, appending every response used to `log`.
    func conditionTable(log: ResponseLog) async throws -> TradeConditionTable
}

/// A recordable source that computes its data in the process (the simulator): it has no raw responses,
/// so its fetches log nothing and the archive keeps the records alone.
public protocol InProcessSource: RecordableSource {}

extension InProcessSource {
    public func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws
        -> [Bar]
    {
        try await bars(symbol, in: window, progress: progress)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog)
        async throws -> [Trade]
    {
        try await trades(symbol, in: window, progress: progress)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog)
        async throws -> [Quote]
    {
        try await quotes(symbol, in: window, progress: progress)
    }

    public func conditionTable(log: ResponseLog) async throws -> TradeConditionTable {
        try await conditionTable()
    }
}
