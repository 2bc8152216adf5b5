import MarketData
import Testing

/// The one chunk plan: the seed's 5/10/15-minute rule and New York-aligned cells, worked by hand.
struct ChunkGridTests {
    static func at(_ text: String) -> Timestamp { try! Timestamp(parsing: text) }

    @Test(arguments: [(5, 12), (10, 6), (15, 4)])
    func cellsAreAlignedAndContiguous(minutes: Int, count: Int) {
        let hour = TimeWindow(uncheckedStart: Self.at("2024-03-15 09:30"), end: Self.at("2024-03-15 10:30"))
        let cells = ChunkGrid.cells(of: hour, minutes: minutes)
        #expect(cells.count == count)
        #expect(cells.first?.start == hour.start && cells.last?.end == hour.end)
        for (left, right) in zip(cells, cells.dropFirst()) { #expect(left.end == right.start) }
        #expect(cells.allSatisfy { $0.start.nanoseconds % (Int64(minutes) * Timestamp.nanosecondsPerMinute) == 0 })
    }

    @Test func unalignedWindowsAreClipped() {
        let odd = TimeWindow(uncheckedStart: Self.at("2024-03-15 09:32:30"), end: Self.at("2024-03-15 09:47:10"))
        let cells = ChunkGrid.cells(of: odd, minutes: 5)
        #expect(cells.map(\.start) == [odd.start, Self.at("2024-03-15 09:35"), Self.at("2024-03-15 09:40"), Self.at("2024-03-15 09:45")])
        #expect(cells.last?.end == odd.end)
    }

    @Test func cellsNeverCrossMidnightAndAlignToNewYorkNotUTC() {
        // 7-minute cells from New York midnight: 00:00, 00:07, …; 23:55 + 7 min would cross midnight.
        let night = TimeWindow(uncheckedStart: Self.at("2024-03-14 23:50"), end: Self.at("2024-03-15 00:10"))
        let cells = ChunkGrid.cells(of: night, minutes: 7)
        #expect(cells.map(\.start) == [night.start, Self.at("2024-03-14 23:55"), Self.at("2024-03-15 00:00"), Self.at("2024-03-15 00:07")])
        #expect(cells[1].end == Self.at("2024-03-15 00:00"))
    }

    @Test(arguments: [(20_000_000.0, 5), (10_000_001, 5), (10_000_000, 10), (1_000_001, 10), (1_000_000, 15), (0, 15)])
    func minutesByVolume(volume: Double, minutes: Int) {
        #expect(ChunkGrid.minutes(forAverageDailyVolume: volume) == minutes)
    }
}
