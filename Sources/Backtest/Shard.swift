import MarketData

/// One of `count` deterministic subsets of a backtest's symbol-days (`tapedeck backtest --shard K/N`), so
/// that a job-array scheduler can run a year of symbols on many machines.
///
/// A symbol-day belongs to shard `1 + FNV-1a-64("SYMBOL YYYY-MM-DD") mod count`, where the date is the
/// New York date of the entry: every entry of a symbol-day runs on the same machine (the data is fetched
/// once there), and the assignment depends on nothing else — not on the signals file's order or content,
/// the platform, or Swift's per-process hash seed.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based index of this shard.
    public let index: Int
    /// How many shards the work is split into.
    public let count: Int

    public init(index: Int, of count: Int) throws(TapeDeckError) {
        guard count >= 1, (1...count).contains(index) else {
            throw TapeDeckError(.invalidShard, "shard \(index)/\(count) does not exist; use K/N with 1 ≤ K ≤ N, such as 1/4")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws(TapeDeckError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw TapeDeckError(.invalidShard, "shard \(JSONText.quoted(text)) is not K/N; write it like 2/8 (the second of eight)")
        }
        try self.init(index: index, of: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether `signal`'s symbol-day belongs to this shard.
    public func contains(_ signal: Signal) -> Bool {
        Self.index(of: signal, count: count) == index
    }

    /// The shard (1-based) that `signal`'s symbol-day belongs to when the work is split `count` ways.
    public static func index(of signal: Signal, count: Int) -> Int {
        precondition(count >= 1, "a split into \(count) shards")
        let date = NewYorkTime.wallClock(at: signal.entry).date
        return 1 + Int(StableHash.fnv1a64("\(signal.symbol.rawValue) \(date)") % UInt64(count))
    }
}
