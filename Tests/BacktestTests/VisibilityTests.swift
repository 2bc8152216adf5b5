import Backtest
import MarketData
import Testing

struct VisibilityTests {
    let entry = time("2024-03-15T10:00:00-04:00")

    @Test func aTradeExactlyAtTheEntryIsInvisible() {
        let at = entry.nanoseconds
        let columns = TradeColumns(records: [
            TradeRecord(time: Timestamp(nanoseconds: at - 1), price: 1, size: 1, sequenceNumber: 1),
            TradeRecord(time: Timestamp(nanoseconds: at), price: 2, size: 1, sequenceNumber: 2),
        ])
        let view = TapeView(columns, start: entry.advanced(by: -1_000_000_000), frontier: entry)
        #expect(view.count == 1)
        #expect(view.last?.price == 1)
    }

    @Test func aQuoteExactlyAtTheEntryIsInvisible() {
        let columns = QuoteColumns(records: [QuoteRecord(time: entry, bidPrice: 1, askPrice: 2, sequenceNumber: 1)])
        #expect(TapeView(columns, start: entry.advanced(by: -1), frontier: entry).isEmpty)
        #expect(TapeView(columns, start: entry.advanced(by: -1), frontier: entry.advanced(by: 1)).count == 1)
    }

    @Test func aBarClosingAtTheEntryIsVisibleOneClosingLaterIsNot() {
        // The 09:55 5-minute bar closes at exactly 10:00.
        let bars = BarColumns(
            [minuteBar("2024-03-15T09:55:00-04:00", close: 10)].map { bar in
                var bar = bar
                bar.timeframe = .minute5
                return bar
            }, timeframe: .minute5)
        let start = time("2024-03-15T09:00:00-04:00")
        #expect(TapeView(bars, start: start, frontier: entry).count == 1)
        #expect(TapeView(bars, start: start, frontier: entry.advanced(by: -1)).isEmpty)  // closes 1 ns after E
    }

    @Test func theBackDoorRecordsReadsPastTheFrontier() {
        let columns = TradeColumns(
            records: (0..<4).map {
                TradeRecord(time: entry.advanced(by: Int64($0 - 2)), price: Double($0), size: 1, sequenceNumber: Int64($0))
            })
        let view = TapeView(columns, start: entry.advanced(by: -1), frontier: entry, reader: "Peeker")
        #expect(view.count == 1)  // only entry-1
        let recorder = ViolationRecorder()
        let raw = view.rawAccess(recordingTo: recorder)
        #expect(raw.count == 4 && raw.visibleRange == 1..<2)
        _ = raw.record(at: 1)
        #expect(recorder.violations.isEmpty)
        _ = raw.record(at: 2)
        _ = raw.record(at: 0)
        let kinds = recorder.violations.map(\.kind)
        #expect(Set(kinds) == [.pastFrontier, .beforeWindow])
        #expect(recorder.violations.allSatisfy { $0.reader == "Peeker" })
    }
}
