import MarketData
import MarketSimulator
import Synchronization
import Testing

/// Closed days, early closes and the source's closed-day error.
struct CalendarTests {
    @Test(arguments: [Fixture.christmas, Fixture.saturday])
    func closedDayIsEmpty(_ date: LocalDate) {
        let day = Fixture.simulator.day(Fixture.spy, on: date)
        #expect(day.isClosed && day.trades.isEmpty && day.quotes.isEmpty && day.bars.isEmpty)
        #expect(Fixture.simulator.plan(Fixture.spy, on: date) == nil)
        let window = Fixture.window(Fixture.at(date, 0, 0), Fixture.at(date, 23, 59))
        #expect(Fixture.simulator.trades(Fixture.spy, in: window).isEmpty)
        #expect(Fixture.simulator.quotes(Fixture.spy, in: window).isEmpty)
        #expect(Fixture.simulator.minuteBars(Fixture.spy, in: window).isEmpty)
    }

    @Test func earlyCloseDay() throws {
        let date = Fixture.earlyClose
        let day = Fixture.simulator.day(Fixture.mid, on: date)
        let plan = try #require(Fixture.simulator.plan(Fixture.mid, on: date))
        #expect(plan.minuteCount == 780)
        let one = Fixture.at(date, 13, 0)
        let five = Fixture.at(date, 17, 0)
        let regular = day.trades.filter { !($0.conditions ?? []).contains(TradeConditionTable.formT) }
        #expect(!regular.isEmpty)
        #expect(regular.allSatisfy { $0.sipTimestamp >= Fixture.at(date, 9, 30) && $0.sipTimestamp < one })
        #expect(day.trades.contains { $0.sipTimestamp >= one }, "post-market trades exist")
        #expect(day.trades.allSatisfy { $0.sipTimestamp < five } && day.quotes.allSatisfy { $0.sipTimestamp < five })
        #expect(day.quotes.contains { $0.sipTimestamp >= Fixture.at(date, 16, 0) })
        // Every regular minute (09:30-12:59) has a bar; Form T prints make extended-hours bars up to 17:00.
        #expect(day.bars.filter { $0.start >= Fixture.at(date, 9, 30) && $0.start < one }.count == 210)
        #expect(day.bars.contains { $0.start >= one } && day.bars.allSatisfy { $0.start < five })
    }

    @Test func sourceThrowsForWindowsOnClosedDaysOnly() async throws {
        let source = SimulatorSource(simulator: Fixture.simulator)
        let christmas = Fixture.window(Fixture.at(Fixture.christmas, 9, 30), Fixture.at(Fixture.christmas, 16, 0))
        await #expect(throws: TapeDeckError.marketClosed(Fixture.christmas, reason: "Christmas Day")) {
            try await source.trades(Fixture.spy, in: christmas)
        }
        await #expect(throws: TapeDeckError.self) { try await source.quotes(Fixture.spy, in: christmas) }
        await #expect(throws: TapeDeckError.self) { try await source.bars(Fixture.spy, in: christmas) }
        // A window that also touches a trading day answers what is there.
        let acrossChristmas = Fixture.window(Fixture.at(Fixture.christmas, 12, 0), Fixture.at(Fixture.christmas.adding(days: 1), 4, 1))
        let quotes = try await source.quotes(Fixture.mid, in: acrossChristmas)
        #expect(!quotes.isEmpty && quotes.allSatisfy { NewYorkTime.date(of: $0.sipTimestamp) == Fixture.christmas.adding(days: 1) })
        // Outside the sessions of a trading day: empty, not an error.
        let night = Fixture.window(Fixture.at(Fixture.friday, 2, 0), Fixture.at(Fixture.friday, 3, 0))
        #expect(try await source.trades(Fixture.spy, in: night).isEmpty)
        // Outside the calendar: an error naming the range.
        let far = LocalDate(year: 2040, month: 3, day: 15)!
        await #expect(throws: TapeDeckError.outsideCalendar(far)) {
            try await source.trades(Fixture.spy, in: Fixture.window(Fixture.at(far, 9, 30), Fixture.at(far, 10, 0)))
        }
    }

    @Test func sourceReturnsTheSimulatorsRecords() async throws {
        let source = SimulatorSource(simulator: Fixture.simulator)
        let window = Fixture.window(Fixture.at(Fixture.friday, 10, 0), Fixture.at(Fixture.friday, 10, 20))
        let reports = Reports()
        let trades = try await source.trades(Fixture.mid, in: window) { reports.append($0) }
        #expect(Bits.identical(trades, Fixture.midDay.trades.filter { window.contains($0.sipTimestamp) }))
        #expect(reports.values.map(\.records) == [trades.count])
        let bars = try await source.bars(Fixture.mid, in: window)
        #expect(Bits.identical(bars, Fixture.midDay.bars.filter { window.contains($0.start) }))
    }
}

/// Collects progress reports from any thread.
final class Reports: Sendable {
    private let stored = Mutex<[FetchProgress]>([])
    func append(_ report: FetchProgress) { stored.withLock { $0.append(report) } }
    var values: [FetchProgress] { stored.withLock { $0 } }
}
