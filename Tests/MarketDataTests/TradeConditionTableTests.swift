import MarketData
import Testing

/// Rules checked against Polygon's conditions fixture (ids 1-10) and the table quoted in
/// `shared/reference/polygon-api.md` §6, written out here by hand.
struct TradeConditionTableTests {
    @Test(arguments: [
        (Int32(0), true, true, true), (1, true, true, true), (2, false, false, true), (5, true, false, true),
        (7, false, false, true), (10, true, false, true), (12, false, false, true), (14, true, true, true),
        (15, false, false, false), (16, false, false, false), (22, true, false, true), (37, false, false, true),
        (38, true, true, false), (53, false, false, true),
    ])
    func singleConditionRules(_ id: Int32, _ highLow: Bool, _ openClose: Bool, _ volume: Bool) {
        let rule = TradeConditionTable.eligibility(of: id)
        #expect(rule == BarEligibility(updatesHighLow: highLow, updatesOpenClose: openClose, updatesVolume: volume))
    }

    @Test func combinedConditionsNeedEveryOneToAllow() {
        // Polygon's fixture trade [12, 37]: an extended-hours odd lot counts for volume only.
        #expect(TradeConditionTable.eligibility(of: [12, 37]) == .volumeOnly)
        // A sweep that is also an odd lot does not set prices.
        #expect(TradeConditionTable.eligibility(of: [14, 37]) == .volumeOnly)
        #expect(TradeConditionTable.eligibility(of: [14]) == .all)
        #expect(TradeConditionTable.eligibility(of: [] as ConditionCodes) == .all)
        #expect(TradeConditionTable.eligibility(of: [15, 12]) == .none)
    }

    @Test(arguments: [Int32(17), 41, 59, 200, -3])
    func unknownIdsCountForVolumeOnly(_ id: Int32) {
        #expect(TradeConditionTable.eligibility(of: id) == .volumeOnly)
        #expect(TradeConditionTable.name(of: id) == nil)
    }

    @Test func tradesWithoutConditionsAreRegularSales() {
        let trade = Trade(sipTimestamp: Timestamp(nanoseconds: 1), price: 1, size: 1, exchange: 11, id: "1", sequenceNumber: 1)
        #expect(trade.barEligibility == .all)
        #expect(TradeConditionTable.name(of: 37) == "Odd Lot Trade")
    }
}

/// Bars worked by hand from small trade lists.
struct BarBuilderTests {
    static let minute = Timestamp.nanosecondsPerMinute
    static let base = Timestamp(nanoseconds: 1_710_509_400_000_000_000)  // 2024-03-15 09:30 New York

    static func trade(_ offset: Int64, _ price: Double, _ size: Double, _ conditions: ConditionCodes? = nil) -> Trade {
        Trade(sipTimestamp: base.advanced(by: offset), price: price, size: size, exchange: 12, conditions: conditions,
              id: TradeID(offset), sequenceNumber: offset)
    }

    @Test func buildsOneMinuteByHand() throws {
        let trades = [
            Self.trade(1, 100.00, 37, [37]),  // odd lot: volume only, sets no price
            Self.trade(2, 100.02, 100),       // open
            Self.trade(3, 100.10, 200, [14]), // sweep: high
            Self.trade(4, 99.90, 50, [37]),   // odd lot below: not the low
            Self.trade(5, 99.95, 300),        // low
            Self.trade(6, 100.50, 10, [2]),   // average price: volume only, not the high
            Self.trade(7, 100.01, 100),       // close
        ]
        let bars = BarBuilder.bars(from: trades)
        let bar = try #require(bars.first)
        #expect(bars.count == 1)
        #expect(bar.start == Self.base)
        #expect(bar.open == 100.02)
        #expect(bar.high == 100.10)
        #expect(bar.low == 99.95)
        #expect(bar.close == 100.01)
        #expect(bar.volume == 797)
        #expect(bar.transactions == 7)
        // Σ p·s = 3700 + 10002 + 20020 + 4995 + 29985 + 1005 + 10001 = 79708
        #expect(abs(bar.vwap! - 79_708.0 / 797.0) < 1e-12)
    }

    @Test func minutesWithoutAPriceYieldNoBarAndGapsStayGaps() {
        let trades = [
            Self.trade(0, 10, 100),
            Self.trade(Self.minute + 5, 11, 20, [37]),           // minute 2: odd lots only -> no bar
            Self.trade(3 * Self.minute, 12, 100, [12]),          // minute 4: Form T only -> no bar
            Self.trade(4 * Self.minute + 1, 13, 100),
            Self.trade(4 * Self.minute + Self.minute - 1, 14, 100),
        ]
        let bars = BarBuilder.bars(from: trades)
        #expect(bars.map(\.start) == [Self.base, Self.base.advanced(by: 4 * Self.minute)])
        #expect(bars.map(\.close) == [10, 14])
        #expect(bars[1].open == 13)
    }

    @Test func fiveMinuteBucketsAlignToTheClock() {
        let trades = [Self.trade(0, 10, 1), Self.trade(4 * Self.minute, 11, 1), Self.trade(5 * Self.minute, 12, 1)]
        let bars = BarBuilder.bars(from: trades, timeframe: .minute5)
        #expect(bars.count == 2)
        #expect(bars[0].high == 11)
        #expect(bars[0].end == Self.base.advanced(by: 5 * Self.minute))
        #expect(bars[1].open == 12)
    }
}
