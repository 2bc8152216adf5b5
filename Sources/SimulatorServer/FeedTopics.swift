import MarketData

/// What one feed connection subscribed to: per channel (`T`, `Q`, `AM`, `A`), symbols or `*`.
struct FeedTopics: Sendable, Hashable {
    enum Channel: String, CaseIterable, Sendable {
        case trades = "T"
        case quotes = "Q"
        case minuteAggregates = "AM"
        case secondAggregates = "A"
    }

    private(set) var symbols: [Channel: Set<Symbol>] = [:]
    private(set) var everySymbol: Set<Channel> = []

    var isEmpty: Bool { everySymbol.isEmpty && symbols.values.allSatisfy(\.isEmpty) }

    /// Parses `EV.SYMBOL` (`T.AAPL`, `AM.*`) into its channel and symbol (`nil` for `*`).
    static func parse(_ topic: Substring) throws(TapeDeckError) -> (Channel, Symbol?) {
        let parts = topic.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let channel = Channel(rawValue: String(parts[0])) else {
            throw TapeDeckError(.invalidFeedTopic, "unknown topic \(topic); use T.SYMBOL, Q.SYMBOL, AM.SYMBOL or A.SYMBOL (or * for every symbol)")
        }
        if parts[1] == "*" { return (channel, nil) }
        return (channel, try Symbol(String(parts[1])))
    }

    mutating func subscribe(_ channel: Channel, _ symbol: Symbol?) {
        if let symbol { symbols[channel, default: []].insert(symbol) } else { everySymbol.insert(channel) }
    }

    mutating func unsubscribe(_ channel: Channel, _ symbol: Symbol?) {
        if let symbol { symbols[channel]?.remove(symbol) } else { everySymbol.remove(channel) }
    }

    func contains(_ channel: Channel, _ symbol: Symbol) -> Bool {
        everySymbol.contains(channel) || symbols[channel]?.contains(symbol) == true
    }

    /// Every symbol some channel names, plus `all` where a channel has `*`; sorted.
    func symbols(all: [Symbol]) -> [Symbol] {
        var result = Set(symbols.values.joined())
        if !everySymbol.isEmpty { result.formUnion(all) }
        return result.sorted()
    }
}
