import MarketData
import MarketSimulator
import TapeCodec
import Testing

/// The audit's in-memory store: any window reads back exactly what filtering the records gives, a block
/// at a time, whatever the block boundaries and the unencoded tail.
struct EncodedRecordsTests {
    static let window: TimeWindow = {
        let session = try! SessionCalendar.nyse.sessions(on: Fixture.day).regular
        let start = session.start.nanoseconds + 30 * Timestamp.nanosecondsPerMinute
        return try! TimeWindow(start: Timestamp(nanoseconds: start), end: Timestamp(nanoseconds: start + 4 * Timestamp.nanosecondsPerMinute))
    }()

    /// Windows cut at record times (a record at the start is in, at the end is out), inside one block,
    /// across blocks and into the tail, before and after everything, and empty.
    static func windows<Record: TapeOrdered>(over records: [Record]) -> [TimeWindow] {
        let times = records.map(\.tapeTime.nanoseconds)
        let cuts = [0, 1, 999, 1000, 1001, 2500, times.count / 2, times.count - 7, times.count - 1].map { times[$0] }
        var windows = [TimeWindow(uncheckedStart: Timestamp(nanoseconds: 0), end: Timestamp(nanoseconds: times[0]))]
        windows.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: times.last! + 1), end: Timestamp(nanoseconds: times.last! + 2)))
        windows.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: times[5]), end: Timestamp(nanoseconds: times[5])))
        windows.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: 0), end: Timestamp(nanoseconds: .max)))
        for start in cuts {
            for end in cuts where end >= start { windows.append(TimeWindow(uncheckedStart: Timestamp(nanoseconds: start), end: Timestamp(nanoseconds: end))) }
        }
        return windows
    }

    static func check<Record: ColumnarRecord & Sendable & Equatable>(_ records: [Record], blockSize: Int) {
        let store = EncodedRecords(records, blockSize: blockSize)
        #expect(store.count == records.count)
        for window in windows(over: records) {
            let expected = records.filter { window.contains($0.tapeTime) }
            var pieces: [[Record]] = []
            var promised = 0
            store.forEachPiece(in: window) { piece, total in
                pieces.append(piece)
                promised = total
            }
            #expect(pieces.joined().elementsEqual(expected), "\(window)")
            #expect(promised >= expected.count)
            #expect(pieces.allSatisfy { $0.count <= blockSize })
            #expect(store.records(in: window) == expected)
        }
    }

    @Test(arguments: [1000, 1, 65_536])
    func quotesReadBackExactly(blockSize: Int) {
        let quotes = MarketSimulator(seed: 1).quotes(Fixture.spy, in: Self.window)
        #expect(quotes.count > 3000)
        Self.check(quotes, blockSize: blockSize)
    }

    @Test func tradesReadBackExactly() {
        let trades = MarketSimulator(seed: 1).trades(Fixture.spy, in: Self.window)
        #expect(trades.count > 3000)
        Self.check(trades, blockSize: 1000)
    }

    /// Appending in pieces of any size gives the same store as appending everything at once.
    @Test func appendingInPiecesIsAppendingAtOnce() {
        let quotes = MarketSimulator(seed: 1).quotes(Fixture.spy, in: Self.window)
        var store = EncodedRecords<Quote>(blockSize: 1000)
        var rest = quotes[...]
        for size in [1, 999, 1, 2500, 17] + Array(repeating: 3001, count: 100) where !rest.isEmpty {
            store.append(contentsOf: rest.prefix(size))
            rest = rest.dropFirst(size)
        }
        #expect(store.records(in: TimeWindow(uncheckedStart: Timestamp(nanoseconds: 0), end: Timestamp(nanoseconds: .max))) == quotes)
        #expect(store.encodedBytes < quotes.count * MemoryLayout<Quote>.stride / 4)
    }
}
