import MarketData
import MarketSimulator
import Testing

/// Statistical sanity of each liquidity profile, with the ranges the profiles promise.
struct RealismTests {
    /// A stretch of one symbol's data: trades and quotes of some windows of a day.
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var trades: [Trade]
        var quotes: [Quote]
        var sessions: TradingSessions
        var isWholeDay: Bool
        /// Required share of trades strictly inside the spread.
        var insideRange: ClosedRange<Double>
        var minimumSweeps: Int
        var minimumLitVenues: Int
        var minimumSharedTimestampShare: Double
        var testDescription: String { name }
    }

    static func window(_ date: LocalDate, _ from: (Int, Int), _ to: (Int, Int)) -> TimeWindow {
        Fixture.window(Fixture.at(date, from.0, from.1), Fixture.at(date, to.0, to.1))
    }

    static let samples: [Sample] = {
        let date = Fixture.friday
        let sessions = try! SessionCalendar.nyse.sessions(on: date)
        // Very liquid: a pre-market half hour, the first hour, the last hour and the first post-market half hour.
        let windows = [
            window(date, (8, 0), (8, 30)), window(date, (9, 30), (10, 30)), window(date, (15, 0), (16, 30)),
        ]
        let spy = Sample(
            name: "very liquid", trades: windows.flatMap { Fixture.simulator.trades(Fixture.spy, in: $0) },
            quotes: windows.flatMap { Fixture.simulator.quotes(Fixture.spy, in: $0) }, sessions: sessions,
            isWholeDay: false, insideRange: 0.05...0.25, minimumSweeps: 1000, minimumLitVenues: 15,
            minimumSharedTimestampShare: 0.15
        )
        let mid = Sample(
            name: "mid", trades: Fixture.midDay.trades, quotes: Fixture.midDay.quotes, sessions: sessions,
            isWholeDay: true, insideRange: 0.05...0.25, minimumSweeps: 100, minimumLitVenues: 15,
            minimumSharedTimestampShare: 0.08
        )
        let illiquid = Sample(
            name: "illiquid", trades: Fixture.illiquidDay.trades, quotes: Fixture.illiquidDay.quotes,
            sessions: sessions, isWholeDay: true, insideRange: 0.05...0.4, minimumSweeps: 0, minimumLitVenues: 5,
            minimumSharedTimestampShare: 0.01
        )
        return [spy, mid, illiquid]
    }()

    static func count<T>(_ records: [T], _ window: TimeWindow, _ time: (T) -> Timestamp) -> Int {
        records.reduce(0) { $0 + (window.contains(time($1)) ? 1 : 0) }
    }

    // MARK: - Activity per profile

    @Test func veryLiquidOpenAndCloseHours() {
        let date = Fixture.friday
        for hour in [Self.window(date, (9, 30), (10, 30)), Self.window(date, (15, 0), (16, 0))] {
            let trades = Self.count(Self.samples[0].trades, hour, \.sipTimestamp)
            let quotes = Self.count(Self.samples[0].quotes, hour, \.sipTimestamp)
            #expect((30_000...80_000).contains(trades), "trades in \(hour): \(trades)")
            #expect((300_000...800_000).contains(quotes), "quotes in \(hour): \(quotes)")
        }
    }

    /// The extreme profile's rates are 3,100 trades and 31,000 quotes a minute against very liquid's 450
    /// and 4,500 (×6.9): so its 09:30-09:40 holds about 6.9 times as much, and a day holds at least 1M
    /// trades and 10M quotes even at the lowest day factor, 0.85 (390 minutes × the mean rates; the full
    /// day is counted in BENCHMARKS.md). Also the `--profile` names.
    @Test func extremeIsAboutSevenTimesVeryLiquid() {
        let window = Self.window(Fixture.friday, (9, 30), (9, 40))
        let extreme = MarketSimulator(seed: 1, profileOverrides: [Fixture.spy: .extreme])
        let trades = Double(extreme.trades(Fixture.spy, in: window).count)
        let quotes = Double(extreme.quotes(Fixture.spy, in: window).count)
        let spyTrades = Double(Self.count(Self.samples[0].trades, window, \.sipTimestamp))
        let spyQuotes = Double(Self.count(Self.samples[0].quotes, window, \.sipTimestamp))
        #expect((5...9).contains(trades / spyTrades), "extreme/very liquid trades: \(trades) / \(spyTrades)")
        #expect((5...9).contains(quotes / spyQuotes), "extreme/very liquid quotes: \(quotes) / \(spyQuotes)")
        #expect(LiquidityProfile.extreme.tradesPerMinute * 390 * 0.85 >= 1_000_000)
        #expect(LiquidityProfile.extreme.quotesPerMinute * 390 * 0.85 >= 10_000_000)
        #expect(LiquidityProfile.preset(named: "extreme") == .extreme && LiquidityProfile.preset(named: "very-liquid") == .veryLiquid)
        #expect(LiquidityProfile.preset(named: "huge") == nil)
    }

    @Test func midIsAboutATwentiethOfVeryLiquid() {
        let date = Fixture.friday
        for hour in [Self.window(date, (9, 30), (10, 30)), Self.window(date, (15, 0), (16, 0))] {
            let trades = Self.count(Fixture.midDay.trades, hour, \.sipTimestamp)
            let quotes = Self.count(Fixture.midDay.quotes, hour, \.sipTimestamp)
            let spyTrades = Self.count(Self.samples[0].trades, hour, \.sipTimestamp)
            #expect((1_200...3_500).contains(trades), "trades in \(hour): \(trades)")
            #expect((12_000...35_000).contains(quotes), "quotes in \(hour): \(quotes)")
            let ratio = Double(trades) / Double(spyTrades)
            #expect((1.0 / 35...1.0 / 12).contains(ratio), "mid/very liquid trades: \(ratio)")
        }
        #expect((5_000...15_000).contains(Fixture.midDay.trades.count))
    }

    @Test func illiquidTradesAFewHundredTimesADay() throws {
        let day = Fixture.illiquidDay
        #expect((100...800).contains(day.trades.count), "trades: \(day.trades.count)")
        let sessions = try #require(day.sessions)
        var minutesWithTrades = Set<Int64>()
        for trade in day.trades where sessions.regular.contains(trade.sipTimestamp) {
            minutesWithTrades.insert(trade.sipTimestamp.nanoseconds / Timestamp.nanosecondsPerMinute)
        }
        #expect(390 - minutesWithTrades.count >= 120, "regular minutes without trades: \(390 - minutesWithTrades.count)")
        #expect(day.bars.count == minutesWithTrades.count || day.bars.count < minutesWithTrades.count)
    }

    @Test func activityIsUShapedAndQuietOutsideTheSession() {
        let date = Fixture.friday
        let trades = Fixture.midDay.trades
        let open = Self.count(trades, Self.window(date, (9, 30), (10, 30)), \.sipTimestamp)
        let noon = Self.count(trades, Self.window(date, (12, 15), (13, 15)), \.sipTimestamp)
        let close = Self.count(trades, Self.window(date, (15, 0), (16, 0)), \.sipTimestamp)
        let preMarket = Self.count(trades, Self.window(date, (8, 0), (9, 0)), \.sipTimestamp)
        let evening = Self.count(trades, Self.window(date, (18, 0), (19, 0)), \.sipTimestamp)
        #expect(Double(open) > 1.8 * Double(noon) && Double(close) > 1.8 * Double(noon), "\(open) \(noon) \(close)")
        #expect(preMarket > 0 && Double(preMarket) < 0.1 * Double(open))
        #expect(evening > 0 && Double(evening) < 0.05 * Double(open))
    }

    @Test(arguments: [(0, 1...1), (1, 1...3), (2, 5...40)])
    func medianRegularSpreadByProfile(_ sampleIndex: Int, _ expected: ClosedRange<Int>) {
        let sample = Self.samples[sampleIndex]
        let spreads = sample.quotes.filter { sample.sessions.regular.contains($0.sipTimestamp) }
            .map { Int((($0.askPrice - $0.bidPrice) * 100).rounded()) }.sorted()
        #expect(expected.contains(spreads[spreads.count / 2]), "\(sample.name): median \(spreads[spreads.count / 2])¢")
        #expect(spreads.first! >= (sampleIndex == 2 ? 5 : 1))
    }

    // MARK: - Invariants of every profile

    @Test(arguments: samples)
    func quotesAreValidNBBO(_ sample: Sample) {
        #expect(!sample.quotes.isEmpty)
        // Count violations rather than expecting per record: a million #expect calls are slow in debug.
        var crossedOrLocked = 0
        var offGrid = 0
        var badSize = 0
        var badVenue = 0
        var badTimestamp = 0
        for quote in sample.quotes {
            if !(quote.bidPrice > 0 && quote.askPrice > quote.bidPrice) { crossedOrLocked += 1 }
            if !Self.isOnPennyGrid(quote.bidPrice) || !Self.isOnPennyGrid(quote.askPrice) { offGrid += 1 }
            if !(quote.bidSize >= 1 && quote.askSize >= 1 && quote.bidSize == quote.bidSize.rounded()
                && quote.askSize == quote.askSize.rounded())
            {
                badSize += 1
            }
            if quote.bidExchange == 4 || quote.askExchange == 4 || quote.tape != sample.quotes[0].tape { badVenue += 1 }
            if !(quote.participantTimestamp.map { $0 < quote.sipTimestamp } ?? false) { badTimestamp += 1 }
        }
        #expect(crossedOrLocked == 0, "NBBO never crossed nor locked")
        #expect(offGrid == 0, "quotes on the $0.01 grid")
        #expect(badSize == 0, "sizes in whole round lots")
        #expect(badVenue == 0, "lit venues, one tape")
        #expect(badTimestamp == 0, "participant before SIP")
    }

    @Test(arguments: samples)
    func tradePricesSizesAndTimestamps(_ sample: Sample) {
        #expect(!sample.trades.isEmpty)
        var subPenny = 0
        var badSubPenny = 0
        var badValue = 0
        var badTimestamp = 0
        var badTRF = 0
        var badTape = 0
        for trade in sample.trades {
            if !(trade.price > 0 && trade.size >= 1 && trade.size == trade.size.rounded()) { badValue += 1 }
            if !Self.isOnPennyGrid(trade.price) {
                subPenny += 1
                if !(trade.exchange == 4 && Self.isOnPennyGrid(trade.price * 2)) { badSubPenny += 1 }
            }
            guard let participant = trade.participantTimestamp, participant < trade.sipTimestamp else {
                badTimestamp += 1
                continue
            }
            if trade.exchange == 4 {
                if let trf = trade.trfTimestamp, trade.trfId != nil, participant < trf, trf < trade.sipTimestamp {
                } else {
                    badTRF += 1
                }
            } else if trade.trfId != nil || trade.trfTimestamp != nil {
                badTRF += 1
            }
            if trade.tape != sample.trades[0].tape { badTape += 1 }
        }
        #expect(badValue == 0, "positive prices, whole-share sizes")
        #expect(badSubPenny == 0, "only off-exchange half-penny midpoint prints leave the $0.01 grid")
        #expect(subPenny < sample.trades.count / 5)
        #expect(badTimestamp == 0, "participant before SIP")
        #expect(badTRF == 0, "TRF fields exactly on exchange 4, participant < trf < sip")
        #expect(badTape == 0)
        let venues = Set(sample.trades.map(\.exchange))
        #expect(venues.contains(4))
        #expect(venues.count - 1 >= sample.minimumLitVenues, "\(venues.sorted())")
        let offExchange = Double(sample.trades.filter { $0.exchange == 4 }.count) / Double(sample.trades.count)
        #expect((0.2...0.65).contains(offExchange), "off-exchange share \(offExchange)")
    }

    @Test(arguments: samples)
    func sequenceNumbersAndSharedTimestamps(_ sample: Sample) {
        for records in [sample.trades.map { ($0.sipTimestamp, $0.sequenceNumber) }, sample.quotes.map { ($0.sipTimestamp, $0.sequenceNumber) }] {
            #expect(zip(records, records.dropFirst()).allSatisfy { $0.0 <= $1.0 && $0.1 < $1.1 }, "sorted by (sip, sequence)")
        }
        let events = Event.merged(sample.trades, sample.quotes)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.sequenceNumber < $1.sequenceNumber && $0.sipTimestamp <= $1.sipTimestamp })
        if sample.isWholeDay {
            #expect(events.first?.sequenceNumber == 1 && events.last?.sequenceNumber == Int64(events.count), "dense over the day")
            #expect(Set(sample.trades.map(\.id)).count == sample.trades.count, "trade ids unique")
        }
        let shared = zip(events, events.dropFirst()).filter { $0.sipTimestamp == $1.sipTimestamp }.count
        #expect(Double(shared) / Double(events.count) >= sample.minimumSharedTimestampShare, "shared: \(shared) of \(events.count)")
    }

    @Test(arguments: samples)
    func tradesExecuteAtOrInsideThePrevailingQuote(_ sample: Sample) {
        var quote: Quote?
        var atQuote = 0
        var inside = 0
        var outside = 0
        for event in Event.merged(sample.trades, sample.quotes) {
            switch event {
            case .quote(let next): quote = next
            case .trade(let trade):
                guard let quote else { continue }
                if trade.price == quote.bidPrice || trade.price == quote.askPrice {
                    atQuote += 1
                } else if trade.price > quote.bidPrice && trade.price < quote.askPrice {
                    inside += 1
                } else {
                    outside += 1
                }
            }
        }
        let total = Double(atQuote + inside + outside)
        #expect(outside == 0)
        #expect(Double(atQuote) / total >= 0.6, "at bid/ask: \(atQuote) of \(Int(total))")
        #expect(sample.insideRange.contains(Double(inside) / total), "inside: \(inside) of \(Int(total))")
    }

    @Test(arguments: samples)
    func conditionCodes(_ sample: Sample) {
        var sweeps = 0
        var oddLots = 0
        var badCodes = 0
        var badFormT = 0
        var badOddLot = 0
        var offExchangeSweeps = 0
        for trade in sample.trades {
            let codes = Array(trade.conditions ?? [])
            if codes != codes.sorted() || !Set(codes).isSubset(of: [12, 14, 37]) { badCodes += 1 }
            let isExtended = !sample.sessions.regular.contains(trade.sipTimestamp)
            if codes.contains(12) != isExtended { badFormT += 1 }
            if codes.contains(37) != (trade.size < 100) { badOddLot += 1 }
            if codes.contains(14) {
                sweeps += 1
                if trade.exchange == 4 { offExchangeSweeps += 1 }
            }
            if codes.contains(37) { oddLots += 1 }
        }
        #expect(badCodes == 0, "ascending codes among 12, 14, 37")
        #expect(badFormT == 0, "Form T exactly in extended hours")
        #expect(badOddLot == 0, "odd lot exactly below 100 shares")
        #expect(offExchangeSweeps == 0, "sweeps are on lit venues")
        #expect(sweeps >= sample.minimumSweeps)
        let oddShare = Double(oddLots) / Double(sample.trades.count)
        #expect((0.15...0.5).contains(oddShare), "odd lots: \(oddShare)")
        #expect(sample.trades.contains { $0.conditions == nil }, "regular sales have no conditions field")
    }

    static func isOnPennyGrid(_ price: Double) -> Bool {
        let cents = (price * 100).rounded()
        return cents / 100 == price
    }
}
