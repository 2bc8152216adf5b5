import Backtest
import MarketData
import MarketSimulator
import Testing

struct MergedEventStreamTests {
    let t = time("2024-03-15T10:00:00-04:00")

    private func drain(_ stream: inout MergedEventStream) throws -> [MarketEvent] {
        var events: [MarketEvent] = []
        while let event = try stream.next() { events.append(event) }
        return events
    }

    @Test func tiesOrderBarClosesThenQuotesThenTradesThenSequence() throws {
        let at = t.advanced(by: -60_000_000_000)  // 09:59, the close of the 09:58 minute bar
        let bars = BarColumns([minuteBar("2024-03-15T09:58:00-04:00", close: 1)], timeframe: .minute1)
        let quotes = QuoteColumns(records: [
            QuoteRecord(time: at, bidPrice: 1, askPrice: 2, sequenceNumber: 5),
            QuoteRecord(time: at, bidPrice: 1, askPrice: 3, sequenceNumber: 6),
        ])
        let trades = TradeColumns(records: [
            TradeRecord(time: at.advanced(by: -1), price: 9, size: 1, sequenceNumber: 9),
            TradeRecord(time: at, price: 1.5, size: 1, sequenceNumber: 4),
        ])
        let start = time("2024-03-15T09:00:00-04:00")
        var stream = MergedEventStream(
            bars: [TapeView(bars, start: start, frontier: t)], quotes: TapeView(quotes, start: start, frontier: t),
            trades: TapeView(trades, start: start, frontier: t))
        let events = try drain(&stream)
        let labels = events.map { event -> String in
            switch event {
            case .barClose: "bar"
            case .quote(let q): "q\(q.sequenceNumber)"
            case .trade(let tr): "t\(tr.sequenceNumber)"
            }
        }
        // The earlier trade first; then at 09:59 the bar close, both quotes by sequence, the trade (its
        // sequence number is lower, but rank comes first).
        #expect(labels == ["t9", "bar", "q5", "q6", "t4"])
    }

    @Test func aSimulatedHourIsStrictlyIncreasing() async throws {
        let source = SimulatorSource(seed: 7)
        let window = try TimeWindow(start: time("2024-03-15T10:00:00-04:00"), end: time("2024-03-15T10:20:00-04:00"))
        let s = symbol("ETSY")
        let trades = TradeColumns(try await source.trades(s, in: window))
        let quotes = QuoteColumns(try await source.quotes(s, in: window))
        let bars = BarColumns(try await source.bars(s, in: window), timeframe: .minute1)
        var stream = MergedEventStream(
            bars: [TapeView(bars, start: window.start, frontier: window.end)],
            quotes: TapeView(quotes, start: window.start, frontier: window.end),
            trades: TapeView(trades, start: window.start, frontier: window.end))
        let events = try drain(&stream)
        // Every bar of the window closes by 10:20 = E, so all are visible.
        #expect(events.count == trades.count + quotes.count + bars.count)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test func theClockStopsOnARepeatedKeyNamingBothEvents() throws {
        let trades = TradeColumns(records: [
            TradeRecord(time: t.advanced(by: -10), price: 1.25, size: 100, sequenceNumber: 3),
            TradeRecord(time: t.advanced(by: -10), price: 1.5, size: 200, sequenceNumber: 3),
        ])
        var stream = MergedEventStream(trades: TapeView(trades, start: t.advanced(by: -100), frontier: t))
        #expect(try stream.next() != nil)
        let error = #expect(throws: TapeDeckError.self) { try stream.next() }
        #expect(error?.code == .clockNotMonotonic)
        #expect(error?.message.contains("1.25 x 100.0") == true)
        #expect(error?.message.contains("1.5 x 200.0") == true)
    }

    @Test func theClockStopsWhenTimeGoesBackwards() throws {
        var clock = MonotonicClock()
        let first = EventKey(time: t.nanoseconds, rank: 2, sequenceNumber: 1, sourceIndex: 0)
        let advanced = [
            clock.advance(to: first), clock.advance(to: EventKey(time: t.nanoseconds - 1, rank: 2, sequenceNumber: 2, sourceIndex: 0)),
            clock.advance(to: first),
        ]
        #expect(advanced == [true, false, false])
        #expect(clock.lastKey == first)
        let a = MarketEvent.trade(TradeRecord(time: t, price: 1, size: 1, sequenceNumber: 1))
        let b = MarketEvent.trade(TradeRecord(time: t.advanced(by: -1), price: 2, size: 1, sequenceNumber: 2))
        let error = MonotonicClock.error(previous: (first, a), next: (first, b))
        #expect(error.code == .clockNotMonotonic && error.message.contains(a.description) && error.message.contains(b.description))
    }
}
