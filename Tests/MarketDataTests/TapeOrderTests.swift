import MarketData
import Testing

/// The tape order (SIP time, then sequence number), duplicates and conflicts, on hand-made records.
struct TapeOrderTests {
    static let spy = try! Symbol("SPY")
    static let base = Timestamp(nanoseconds: 1_710_509_400_000_000_000)  // 2024-03-15 09:30 New York

    static func trade(_ time: Int64, seq: Int64, price: Double = 10, exchange: Int = 12) -> Trade {
        Trade(sipTimestamp: base.advanced(by: time), price: price, size: 100, exchange: exchange, id: TradeID(seq), sequenceNumber: seq)
    }

    @Test func orderedInputIsLeftAlone() throws {
        var trades = [Self.trade(1, seq: 1), Self.trade(1, seq: 2), Self.trade(2, seq: 3)]
        let outcome = try TapeOrder.normalize(&trades, symbol: Self.spy, kind: .trades)
        #expect(outcome == TapeOrder.Outcome())
        #expect(trades.map(\.sequenceNumber) == [1, 2, 3])
    }

    @Test func tiesInAnyOrderAndReversedPagesComeOutInSequenceOrder() throws {
        // A sweep: three venues in one nanosecond, sent as 424, 426, 425 (Polygon sorts by time only).
        var sweep = [
            Self.trade(0, seq: 423), Self.trade(5, seq: 424, exchange: 11), Self.trade(5, seq: 426, exchange: 19),
            Self.trade(5, seq: 425, exchange: 8), Self.trade(9, seq: 427),
        ]
        var outcome = try TapeOrder.normalize(&sweep, symbol: Self.spy, kind: .trades)
        #expect(outcome.reordered)
        #expect(sweep.map(\.sequenceNumber) == [423, 424, 425, 426, 427])
        #expect(sweep.map(\.exchange) == [12, 11, 8, 19, 12])
        // order=desc: the whole page reversed.
        var reversed = Array(sweep.reversed())
        outcome = try TapeOrder.normalize(&reversed, symbol: Self.spy, kind: .trades)
        #expect(reversed == sweep)
        #expect(TapeOrder.isOrdered(reversed))
    }

    @Test func exactDuplicatesAreDroppedAndCounted() throws {
        // Two overlapping chunks repeat 2 and 3.
        var trades = [Self.trade(1, seq: 1), Self.trade(2, seq: 2), Self.trade(3, seq: 3), Self.trade(2, seq: 2), Self.trade(3, seq: 3), Self.trade(4, seq: 4)]
        let outcome = try TapeOrder.normalize(&trades, symbol: Self.spy, kind: .trades)
        #expect(outcome.duplicatesDropped == 2)
        #expect(trades.map(\.sequenceNumber) == [1, 2, 3, 4])
    }

    @Test func aSequenceNumberWithTwoContentsIsAnErrorNamingBoth() {
        var trades = [Self.trade(1, seq: 7, price: 10.00), Self.trade(1, seq: 7, price: 10.05)]
        #expect {
            try TapeOrder.normalize(&trades, symbol: Self.spy, kind: .trades)
        } throws: { error in
            let error = error as? TapeDeckError
            return error?.code == .conflictingRecords && error!.message.contains("sequence number 7")
                && error!.message.contains("10.0") && error!.message.contains("10.05") && error!.message.contains("SPY trades")
        }
        // The same sequence number at two different times is a conflict too.
        var apart = [Self.trade(1, seq: 7), Self.trade(2, seq: 8), Self.trade(3, seq: 7)]
        #expect(throws: TapeDeckError.self) { try TapeOrder.normalize(&apart, symbol: Self.spy, kind: .trades) }
    }

    @Test func sequenceNumbersRestartEachSession() throws {
        // Thursday's and Friday's tapes both start at sequence 1: not a conflict.
        let day = 24 * 3_600 * 1_000_000_000 as Int64
        var twoDays = [Self.trade(-day, seq: 1), Self.trade(-day + 5, seq: 2), Self.trade(0, seq: 1), Self.trade(5, seq: 2)]
        #expect(try TapeOrder.normalize(&twoDays, symbol: Self.spy, kind: .trades) == TapeOrder.Outcome())
        var sameDay = [Self.trade(0, seq: 1), Self.trade(5, seq: 2), Self.trade(9, seq: 1)]
        #expect(throws: TapeDeckError.self) { try TapeOrder.normalize(&sameDay, symbol: Self.spy, kind: .trades) }
    }

    @Test func barsAreKeyedByStart() throws {
        let minute = Timestamp.nanosecondsPerMinute
        func bar(_ index: Int64, close: Double) -> Bar {
            Bar(start: Self.base.advanced(by: index * minute), open: 1, high: 2, low: 1, close: close, volume: 1, vwap: nil, transactions: 1)
        }
        var bars = [bar(2, close: 1), bar(1, close: 1), bar(2, close: 1)]
        let outcome = try TapeOrder.normalize(&bars, symbol: Self.spy, kind: .bars)
        #expect(outcome.duplicatesDropped == 1)
        #expect(bars.map(\.start) == [Self.base.advanced(by: minute), Self.base.advanced(by: 2 * minute)])
        var conflicting = [bar(1, close: 1), bar(1, close: 2)]
        #expect(throws: TapeDeckError.self) { try TapeOrder.normalize(&conflicting, symbol: Self.spy, kind: .bars) }
    }
}
