import MarketData

/// One entry to evaluate: a symbol, an entry time and an optional id, with where it was read.
public struct Signal: Hashable, Sendable {
    public var symbol: Symbol
    public var entry: Timestamp
    public var id: String?
    /// `file:line` of the signal, for messages.
    public var location: String

    public init(symbol: Symbol, entry: Timestamp, id: String? = nil, location: String = "") {
        self.symbol = symbol
        self.entry = entry
        self.id = id
        self.location = location
    }
}
