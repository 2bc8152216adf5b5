import MarketData

extension TapeDeckError.Code {
    public static let unknownAdapter = Self(rawValue: "unknownAdapter")
    public static let malformedSignals = Self(rawValue: "malformedSignals")
    public static let entryOutsideSession = Self(rawValue: "entryOutsideSession")
    public static let clockNotMonotonic = Self(rawValue: "clockNotMonotonic")
    public static let undeclaredData = Self(rawValue: "undeclaredData")
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

}
