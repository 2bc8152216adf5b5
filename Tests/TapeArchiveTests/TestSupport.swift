import Foundation
import MarketData
import MarketSimulator
import PolygonWire
import Synchronization
import TapeArchive

/// A fresh archive path under the temporary directory; the files are removed by ``remove()``.
struct TemporaryArchive {
    let path: String

    init(path: String) {
        self.path = path
    }

    init(_ name: String = #function) {
        let clean = name.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "tapearchive-\(clean)-\(UUID().uuidString).sqlite"
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Every byte of the database and its WAL.
    func allBytes() -> Data {
        ["", "-wal"].reduce(into: Data()) { data, suffix in
            data += (FileManager.default.contents(atPath: path + suffix) ?? Data())
        }
    }
}

/// A fake network source written once, against the recordable methods that log raw responses; the
/// plain `MarketDataSource` methods hand them a log nobody reads, and the conditions are built in.
protocol LoggingFake: RecordableSource {}

extension LoggingFake {
    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await bars(symbol, in: window, progress: progress, log: ResponseLog())
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await trades(symbol, in: window, progress: progress, log: ResponseLog())
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await quotes(symbol, in: window, progress: progress, log: ResponseLog())
    }

    func conditionTable() async throws -> TradeConditionTable { try await conditionTable(log: ResponseLog()) }

    func conditionTable(log: ResponseLog) async throws -> TradeConditionTable { .builtIn }
}

/// A source that counts calls per kind and can fail or hang after a number of calls.
///
/// Wraps the simulator; used to prove which chunks a recording fetches.
final class CountingSource: RecordableSource, Sendable {
    let inner: any RecordableSource
    private let state = Mutex<(calls: [DataKind: Int], windows: [TimeWindow])>(([:], []))
    /// After this many calls in total, every further call waits until cancelled.
    let hangAfter: Int?

    init(_ inner: any RecordableSource, hangAfter: Int? = nil) {
        self.inner = inner
        self.hangAfter = hangAfter
    }

    func calls(_ kind: DataKind) -> Int { state.withLock { $0.calls[kind, default: 0] } }
    var totalCalls: Int { state.withLock { $0.calls.values.reduce(0, +) } }
    var windows: [TimeWindow] { state.withLock { $0.windows } }

    private func enter(_ kind: DataKind, _ window: TimeWindow) async throws {
        let total = state.withLock { state -> Int in
            state.calls[kind, default: 0] += 1
            state.windows.append(window)
            return state.calls.values.reduce(0, +)
        }
        if let hangAfter, total > hangAfter {
            while true {
                try Task.checkCancellation()
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Bar] {
        try await enter(.bars, window)
        return try await inner.bars(symbol, in: window, progress: progress)
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Trade] {
        try await enter(.trades, window)
        return try await inner.trades(symbol, in: window, progress: progress)
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?) async throws -> [Quote] {
        try await enter(.quotes, window)
        return try await inner.quotes(symbol, in: window, progress: progress)
    }

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar] {
        try await enter(.bars, window)
        return try await inner.bars(symbol, in: window, progress: progress, log: log)
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Trade] {
        try await enter(.trades, window)
        return try await inner.trades(symbol, in: window, progress: progress, log: log)
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Quote] {
        try await enter(.quotes, window)
        return try await inner.quotes(symbol, in: window, progress: progress, log: log)
    }

    func conditionTable(log: ResponseLog) async throws -> TradeConditionTable {
        try await inner.conditionTable(log: log)
    }
}

/// Stands in for the live PolygonClient until it lands: answers from the simulator, but the way a
/// network source does — it encodes real Polygon pages with `WireEncoder` (pages of `pageSize`
/// records, as the server would send them), logs each as a `RawResponse` to the recorder's `ResponseLog`
/// with a request carrying an API key (which the archive must drop), and returns the records decoded
/// back from those bytes with `WireDecoder`.
struct WireLoggingSource: LoggingFake {
    static let apiKey = "SECRETKEY-d41d8cd98f00b204e980"
    let simulator: SimulatorSource
    var pageSize = 5_000

    init(seed: UInt64, profileOverrides: [Symbol: LiquidityProfile] = [:]) {
        simulator = SimulatorSource(seed: seed, profileOverrides: profileOverrides)
    }

    private func request(_ path: String, _ window: TimeWindow, page: Int) -> String {
        "\(path)?apiKey=\(Self.apiKey)&cursor=\(page)&limit=\(pageSize)&order=asc&timestamp.gte=\(window.start.nanoseconds)&timestamp.lt=\(window.end.nanoseconds)"
    }

    func bars(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Bar] {
        let bars = try await simulator.bars(symbol, in: window)
        let body = WireEncoder.aggsPage(bars, ticker: symbol.rawValue, requestID: "r-bars")
        log.append(RawResponse(request: request("/v2/aggs/ticker/\(symbol)/range/1/minute", window, page: 0), status: 200, body: body))
        return try WireDecoder.aggsPage(body).results
    }

    func trades(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Trade] {
        let trades = try await simulator.trades(symbol, in: window)
        var result: [Trade] = []
        for (page, start) in stride(from: 0, to: max(trades.count, 1), by: pageSize).enumerated() {
            let slice = trades[start..<min(start + pageSize, trades.count)]
            let body = WireEncoder.tradesPage(slice, requestID: "r-\(page)")
            log.append(RawResponse(request: request("/v3/trades/\(symbol)", window, page: page), status: 200, body: body))
            result += try WireDecoder.tradesPage(body).results
        }
        return result
    }

    func quotes(_ symbol: Symbol, in window: TimeWindow, progress: ProgressHandler?, log: ResponseLog) async throws -> [Quote] {
        let quotes = try await simulator.quotes(symbol, in: window)
        var result: [Quote] = []
        for (page, start) in stride(from: 0, to: max(quotes.count, 1), by: pageSize).enumerated() {
            let slice = quotes[start..<min(start + pageSize, quotes.count)]
            let body = WireEncoder.quotesPage(slice, requestID: "r-\(page)")
            log.append(RawResponse(request: request("/v3/quotes/\(symbol)", window, page: page), status: 200, body: body))
            result += try WireDecoder.quotesPage(body).results
        }
        return result
    }
}

enum Fixture {
    static let day = LocalDate(year: 2024, month: 3, day: 15)!
    static let spy = try! Symbol("SPY")
    static let aapl = try! Symbol("AAPL")
    /// A mid-profile symbol, small enough for debug builds.
    static let mid = try! Symbol("MIDX")

    static func window(_ from: (Int, Int), _ to: (Int, Int), on day: LocalDate = day) -> TimeWindow {
        TimeWindow(
            uncheckedStart: NewYorkTime.instant(day, hour: from.0, minute: from.1),
            end: NewYorkTime.instant(day, hour: to.0, minute: to.1))
    }

    /// A clock long after the fixture day, so that recordings count as final.
    static let later = WallClock.fixed(NewYorkTime.instant(LocalDate(year: 2025, month: 1, day: 2)!, hour: 12, minute: 0))

    static let overrides: [Symbol: LiquidityProfile] = [mid: .mid]
}
