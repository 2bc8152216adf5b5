import MarketData

extension TapeDeckError.Code {
    public static let unknownAdapter = Self(rawValue: "unknownAdapter")
    public static let malformedSignals = Self(rawValue: "malformedSignals")
    public static let entryOutsideSession = Self(rawValue: "entryOutsideSession")
    public static let clockNotMonotonic = Self(rawValue: "clockNotMonotonic")
    public static let undeclaredData = Self(rawValue: "undeclaredData")
    /// An adapter threw an error of its own, or returned another number of values than it has outputs.
    public static let adapterFailed = Self(rawValue: "adapterFailed")
    /// An adapter whose declared name or outputs break the contract (``AdapterContract``).
    public static let invalidAdapter = Self(rawValue: "invalidAdapter")
    /// A `--shard` that is not K/N with 1 ≤ K ≤ N.
    public static let invalidShard = Self(rawValue: "invalidShard")
    /// Shard outputs that do not fit the signals file they are merged against.
    public static let shardMismatch = Self(rawValue: "shardMismatch")
}

extension TapeDeckError {
    /// An adapter name that the registry does not know.
    public static func unknownAdapter(_ name: String, known: [String]) -> Self {
        Self(.unknownAdapter, "unknown adapter \(JSONText.quoted(name)); known adapters: \(known.joined(separator: ", ")) (see `tapedeck adapters list`)")
    }

    /// A signals line that cannot be read, named by file and line.
    public static func malformedSignals(file: String, line: Int, _ reason: String) -> Self {
        Self(.malformedSignals, "\(file):\(line): \(reason)")
    }

    /// An adapter read data it did not declare: a bug in the adapter.
    static func undeclaredData(adapter: String, _ what: String) -> Self {
        Self(.undeclaredData, "adapter \(adapter) read \(what) without declaring it; add it to the adapter's requirements")
    }

    /// An adapter whose name or outputs cannot be told apart, found before any run.
    public static func invalidAdapter(_ name: String, _ reason: String) -> Self {
        Self(.invalidAdapter, "adapter \(JSONText.quoted(name)) cannot run: \(reason); give every adapter a unique name and unique output names")
    }

    /// An adapter failed on one entry: it threw an error of its own or broke the output contract.
    public static func adapterFailed(adapter: String, symbol: Symbol, entry: Timestamp, _ reason: String) -> Self {
        Self(
            .adapterFailed,
            "adapter \(adapter) failed on \(symbol) at \(entry.newYorkISO8601): \(reason); fix the adapter, or leave it out with --adapters")
    }

}
