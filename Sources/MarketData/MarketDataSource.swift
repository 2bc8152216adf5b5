/// The kinds of market data TapeDeck fetches.
public enum DataKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case bars
    case trades
    case quotes

    public var description: String { rawValue }
}

/// A progress report from a fetch: how many chunks of how many are done, and how much came in.
public struct FetchProgress: Hashable, Sendable {
    public var symbol: Symbol
    public var kind: DataKind
    public var chunksDone: Int
    public var chunksTotal: Int
    /// Records received so far.
    public var records: Int
    /// Response bytes received so far.
    public var bytes: Int

    public init(symbol: Symbol, kind: DataKind, chunksDone: Int, chunksTotal: Int, records: Int, bytes: Int) {
        self.symbol = symbol
        self.kind = kind
        self.chunksDone = chunksDone
        self.chunksTotal = chunksTotal
        self.records = records
        self.bytes = bytes
    }
}

/// Receives progress reports; called from any task, so it must be thread-safe.
public typealias ProgressHandler = @Sendable (FetchProgress) -> Void

/// Where market data comes from: the live Polygon client, an archive, a recorder or the simulator.
///
/// Every implementation returns records in exact time order (bars by start; trades and quotes by SIP
/// timestamp, then sequence number), restricted to the half-open window, and throws ``TapeDeckError``s
/// a user can act on. Bars are always 1-minute bars; larger timeframes are aggregated locally.
public protocol MarketDataSource: Sendable {
    /// 1-minute bars whose start lies in `window`.
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar]
    /// Trades whose SIP timestamp lies in `window`.
    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade]
    /// Quotes whose SIP timestamp lies in `window`.
    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote]
    /// The same trades handed to `body` in pieces, in order, with the number expected in all (at least the
    /// total): a caller that keeps its own form of them (columns) never holds a day of them twice. The
    /// default is one piece; an archive hands over one segment at a time.
    func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws
    /// The same quotes in pieces, as trades are.
    func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws
    /// The trade-condition rules that go with this source's data: Polygon's `/v3/reference/conditions`
    /// for the live API, an archive's recorded table, or ``TradeConditionTable/builtIn``.
    func conditionTable() async throws -> TradeConditionTable
}

extension MarketDataSource {
    /// The built-in table: the default for sources that have no conditions endpoint.
    public func conditionTable() async throws -> TradeConditionTable { .builtIn }

    public func bars(_ symbol: Symbol, in window: TimeWindow) async throws -> [Bar] {
        try await bars(symbol, in: window, progress: nil)
    }

    public func trades(_ symbol: Symbol, in window: TimeWindow) async throws -> [Trade] {
        try await trades(symbol, in: window, progress: nil)
    }

    public func quotes(_ symbol: Symbol, in window: TimeWindow) async throws -> [Quote] {
        try await quotes(symbol, in: window, progress: nil)
    }

    /// One piece: the whole window.
    public func trades(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Trade], _ expected: Int) -> Void) async throws {
        let trades = try await trades(symbol, in: window, progress: nil)
        body(trades, trades.count)
    }

    /// One piece: the whole window.
    public func quotes(_ symbol: Symbol, in window: TimeWindow, inPieces body: (_ piece: [Quote], _ expected: Int) -> Void) async throws {
        let quotes = try await quotes(symbol, in: window, progress: nil)
        body(quotes, quotes.count)
    }
}
