import MarketData

/// A lazy merge of bar closes, quotes and trades in ``EventKey`` order, checked by a ``MonotonicClock``.
/// Memory is O(sources): one cursor per source.
///
/// Sources are the bar views (in the order given, conventionally by timeframe), then quotes, then
/// trades; the source index is that position. Every source must already be in key order, as
/// ``MarketDataSource`` promises; if one is not, ``next()`` throws the clock's error.
///
/// There are a handful of sources, so the next event is the least of their heads by a linear scan (a heap
/// costs more than it saves at this size); only the event taken is built into a record. This loop is the
/// inner loop of every pass and of every per-entry trade-and-quote calculation.
public struct MergedEventStream: Sendable {
    private let bars: [TapeView<BarColumns>]
    private var barPositions: [Int]
    private let quotes: TapeView<QuoteColumns>?
    private let quoteTimes: [Int64]
    private let quoteSequenceNumbers: CompactColumn<Int64>
    private var quotePosition: Int
    private let quoteUpper: Int
    private let trades: TapeView<TradeColumns>?
    private let tradeTimes: [Int64]
    private let tradeSequenceNumbers: [Int64]
    private var tradePosition: Int
    private let tradeUpper: Int
    private var clock = MonotonicClock()
    /// Where the last event came from, to name it in the clock's error.
    private var lastSource = 0
    private var lastPosition = -1

    public init(bars: [TapeView<BarColumns>] = [], quotes: TapeView<QuoteColumns>? = nil, trades: TapeView<TradeColumns>? = nil) {
        self.bars = bars
        barPositions = Array(repeating: 0, count: bars.count)
        self.quotes = quotes
        quoteTimes = quotes?.columns.times ?? []
        quoteSequenceNumbers = quotes?.columns.sequenceNumbers ?? CompactColumn()
        quotePosition = quotes?.lower ?? 0
        quoteUpper = quotes?.upper ?? 0
        self.trades = trades
        tradeTimes = trades?.columns.times ?? []
        tradeSequenceNumbers = trades?.columns.sequenceNumbers ?? []
        tradePosition = trades?.lower ?? 0
        tradeUpper = trades?.upper ?? 0
    }

    private var quoteSource: Int { bars.count }
    private var tradeSource: Int { bars.count + 1 }

    /// The clock's last event.
    public var lastEvent: MarketEvent? { lastPosition < 0 ? nil : event(source: lastSource, position: lastPosition) }

    /// The next event, or `nil` at the end; throws if the keys stop increasing.
    public mutating func next() throws(TapeDeckError) -> MarketEvent? {
        var source = -1
        var key = EventKey(time: 0, rank: 0, sequenceNumber: 0, sourceIndex: 0)
        if quotePosition < quoteUpper {
            source = quoteSource
            key = EventKey(
                time: quoteTimes[quotePosition], rank: EventKey.quoteRank, sequenceNumber: quoteSequenceNumbers[quotePosition],
                sourceIndex: source)
        }
        if tradePosition < tradeUpper {
            let tradeKey = EventKey(
                time: tradeTimes[tradePosition], rank: EventKey.tradeRank, sequenceNumber: tradeSequenceNumbers[tradePosition],
                sourceIndex: tradeSource)
            if source < 0 || tradeKey < key {
                source = tradeSource
                key = tradeKey
            }
        }
        for index in bars.indices where barPositions[index] < bars[index].count {
            let position = barPositions[index]
            let view = bars[index]
            let barKey = EventKey(
                time: view.columns.ends[view.lower + position], rank: EventKey.barRank, sequenceNumber: Int64(position), sourceIndex: index)
            if source < 0 || barKey < key {
                source = index
                key = barKey
            }
        }
        guard source >= 0 else { return nil }
        let position: Int
        switch source {
        case quoteSource:
            position = quotePosition - quotes.unsafelyUnwrapped.lower
            quotePosition += 1
        case tradeSource:
            position = tradePosition - trades.unsafelyUnwrapped.lower
            tradePosition += 1
        default:
            position = barPositions[source]
            barPositions[source] = position + 1
        }
        let event = self.event(source: source, position: position)
        let previousKey = clock.lastKey
        guard clock.advance(to: key) else {
            throw MonotonicClock.error(previous: (previousKey.unsafelyUnwrapped, self.event(source: lastSource, position: lastPosition)), next: (key, event))
        }
        (lastSource, lastPosition) = (source, position)
        return event
    }

    /// Calls `body` with every remaining event in order.
    public mutating func forEach(_ body: (MarketEvent) throws(TapeDeckError) -> Void) throws(TapeDeckError) {
        while let event = try next() { try body(event) }
    }

    private func event(source: Int, position: Int) -> MarketEvent {
        if source < quoteSource { return .barClose(bars[source][position]) }
        if source == quoteSource { return .quote(quotes.unsafelyUnwrapped[position]) }
        return .trade(trades.unsafelyUnwrapped[position])
    }
}
