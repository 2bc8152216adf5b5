import HeapModule
import MarketData

/// A lazy k-way merge of bar closes, quotes and trades in ``EventKey`` order, checked by a
/// ``MonotonicClock``. Memory is O(sources): one cursor per source and a heap of their heads.
///
/// Sources are the bar views (in the order given, conventionally by timeframe), then quotes, then
/// trades; the source index is that position. Every source must already be in key order, as
/// ``MarketDataSource`` promises; if one is not, ``next()`` throws the clock's error.
public struct MergedEventStream: Sendable {
    private let bars: [TapeView<BarColumns>]
    private let quotes: TapeView<QuoteColumns>?
    private let trades: TapeView<TradeColumns>?
    private var positions: [Int]
    private var heap: Heap<EventKey>
    private var clock = MonotonicClock()
    private let quoteSource: Int
    private let tradeSource: Int

    public init(bars: [TapeView<BarColumns>] = [], quotes: TapeView<QuoteColumns>? = nil, trades: TapeView<TradeColumns>? = nil) {
        self.bars = bars
        self.quotes = quotes
        self.trades = trades
        quoteSource = bars.count
        tradeSource = bars.count + 1
        positions = Array(repeating: 0, count: bars.count + 2)
        heap = Heap()
        for source in 0..<(bars.count + 2) {
            if let key = key(source: source, position: 0) { heap.insert(key) }
        }
    }

    /// The clock's last event.
    public var lastEvent: MarketEvent? { clock.last?.event }

    /// The next event, or `nil` at the end; throws if the keys stop increasing.
    public mutating func next() throws(TapeDeckError) -> MarketEvent? {
        guard let head = heap.min else { return nil }
        let source = head.sourceIndex
        let position = positions[source]
        let event = self.event(source: source, position: position)
        positions[source] = position + 1
        if let key = key(source: source, position: position + 1) {
            heap.replaceMin(with: key)
        } else {
            _ = heap.popMin()
        }
        try clock.advance(to: head, event: event)
        return event
    }

    /// Calls `body` with every remaining event in order.
    public mutating func forEach(_ body: (MarketEvent) throws(TapeDeckError) -> Void) throws(TapeDeckError) {
        while let event = try next() { try body(event) }
    }

    private func key(source: Int, position: Int) -> EventKey? {
        if source < quoteSource {
            let view = bars[source]
            guard position < view.count else { return nil }
            return EventKey(time: view.columns.ends[view.lower + position], rank: EventKey.barRank, sequenceNumber: Int64(position), sourceIndex: source)
        } else if source == quoteSource {
            guard let view = quotes, position < view.count else { return nil }
            return EventKey(
                time: view.columns.times[view.lower + position], rank: EventKey.quoteRank,
                sequenceNumber: view.columns.sequenceNumbers[view.lower + position], sourceIndex: source)
        } else {
            guard let view = trades, position < view.count else { return nil }
            return EventKey(
                time: view.columns.times[view.lower + position], rank: EventKey.tradeRank,
                sequenceNumber: view.columns.sequenceNumbers[view.lower + position], sourceIndex: source)
        }
    }

    private func event(source: Int, position: Int) -> MarketEvent {
        if source < quoteSource { return .barClose(bars[source][position]) }
        if source == quoteSource { return .quote(quotes![position]) }
        return .trade(trades![position])
    }
}
