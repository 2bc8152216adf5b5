import MarketData
import MarketSimulator
import Testing

/// Same inputs, same bits; different seeds, different data; parallel equals sequential.
struct DeterminismTests {
    @Test func sameSeedGivesBitIdenticalDay() {
        let again = MarketSimulator(seed: Fixture.seed, profileOverrides: [Fixture.mid: .mid]).day(Fixture.mid, on: Fixture.friday)
        let first = Fixture.midDay
        #expect(!first.trades.isEmpty && !first.quotes.isEmpty && !first.bars.isEmpty)
        #expect(Bits.firstDifference(first.trades, again.trades, Bits.same) == nil)
        #expect(Bits.firstDifference(first.quotes, again.quotes, Bits.same) == nil)
        #expect(Bits.firstDifference(first.bars, again.bars, Bits.same) == nil)
    }

    @Test func differentSeedsDiffer() {
        let other = MarketSimulator(seed: Fixture.seed + 1, profileOverrides: [Fixture.mid: .mid]).day(Fixture.mid, on: Fixture.friday)
        #expect(!Bits.identical(Fixture.midDay.trades, other.trades))
        #expect(!Bits.identical(Fixture.midDay.quotes, other.quotes))
        // Not just shifted: the opening prices differ.
        #expect(Fixture.midDay.quotes.first?.bidPrice != other.quotes.first?.bidPrice)
    }

    @Test func differentSymbolsAndDaysDiffer() {
        let otherSymbol = MarketSimulator(seed: Fixture.seed, profileOverrides: [try! Symbol("MIDCP"): .mid])
            .day(try! Symbol("MIDCP"), on: Fixture.friday)
        let otherDay = Fixture.simulator.day(Fixture.mid, on: Fixture.friday.adding(days: 3))
        #expect(otherSymbol.trades.count != Fixture.midDay.trades.count)
        #expect(otherDay.trades.count != Fixture.midDay.trades.count)
    }

    /// Pins the generator: any change to the PRNG, the symbol hash or the model changes these numbers
    /// and must be a deliberate, documented change (recordings and golden files depend on them).
    @Test func generatorIsPinned() throws {
        let day = Fixture.midDay
        let trade = try #require(day.trades.first)
        let quote = try #require(day.quotes.first)
        #expect(day.trades.count == 9031)
        #expect(day.quotes.count == 89600)
        #expect(trade.sipTimestamp.nanoseconds == 1_710_489_668_058_456_369)
        #expect(trade.price == 23.93)
        #expect(quote.bidPrice == 23.87 && quote.askPrice == 23.96)
    }

    /// Profiles of unlisted symbols come from a fixed hash, identical in every process.
    @Test(arguments: [("SPY", "very liquid"), ("AAPL", "very liquid"), ("XYZ", "illiquid"), ("ABCD", "mid"), ("GE", "mid"), ("F", "illiquid")])
    func profileAssignmentIsFixed(_ ticker: String, _ expected: String) throws {
        #expect(MarketSimulator(seed: 1).profile(for: try Symbol(ticker)).name == expected)
    }

    @Test func overridesReplaceTheProfile() throws {
        let simulator = MarketSimulator(seed: 1, profileOverrides: [Fixture.spy: .illiquid])
        #expect(simulator.profile(for: Fixture.spy) == .illiquid)
        #expect(simulator.plan(Fixture.spy, on: Fixture.friday)?.profile == .illiquid)
    }

    @Test func minutesGeneratedInParallelEqualTheSequentialDay() async throws {
        let plan = try #require(Fixture.simulator.plan(Fixture.mid, on: Fixture.friday))
        let minutes = await withTaskGroup(of: [SimulatedMinute].self) { group in
            let chunk = 64
            for first in stride(from: 0, to: plan.minuteCount, by: chunk) {
                group.addTask {
                    (first..<min(first + chunk, plan.minuteCount)).map { plan.minute($0) }
                }
            }
            var all: [SimulatedMinute] = []
            for await part in group { all += part }
            return all.sorted { $0.index < $1.index }
        }
        #expect(minutes.count == plan.minuteCount)
        let day = Fixture.midDay
        #expect(Bits.identical(minutes.flatMap(\.trades), day.trades))
        #expect(Bits.identical(minutes.flatMap(\.quotes), day.quotes))
        #expect(Bits.identical(minutes.compactMap(\.bar), day.bars))
        for minute in minutes {
            #expect(minute.trades.count == plan.tradeCount(ofMinute: minute.index))
            #expect(minute.quotes.count == plan.quoteCount(ofMinute: minute.index))
        }
    }

    @Test func veryLiquidMinutesInParallelEqualSequentialHour() async throws {
        let plan = try #require(Fixture.simulator.plan(Fixture.spy, on: Fixture.friday))
        let hour = plan.regularStartMinute..<(plan.regularStartMinute + 10)
        let parallel = await withTaskGroup(of: SimulatedMinute.self) { group in
            for index in hour { group.addTask { plan.minute(index) } }
            var all: [SimulatedMinute] = []
            for await minute in group { all.append(minute) }
            return all.sorted { $0.index < $1.index }
        }
        let window = TimeWindow(uncheckedStart: plan.window(ofMinute: hour.lowerBound).start, end: plan.window(ofMinute: hour.upperBound).start)
        #expect(Bits.identical(parallel.flatMap(\.trades), Fixture.simulator.trades(Fixture.spy, in: window)))
        #expect(Bits.identical(parallel.flatMap(\.quotes), Fixture.simulator.quotes(Fixture.spy, in: window)))
    }
}
