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
        let rule = TradeConditionTable.builtIn.eligibility(of: id)
        #expect(rule == BarEligibility(updatesHighLow: highLow, updatesOpenClose: openClose, updatesVolume: volume))
    }

    @Test func combinedConditionsNeedEveryOneToAllow() {
        // Polygon's fixture trade [12, 37]: an extended-hours odd lot counts for volume only.
        #expect(TradeConditionTable.builtIn.eligibility(of: [12, 37]) == .volumeOnly)
        // A sweep that is also an odd lot does not set prices.
        #expect(TradeConditionTable.builtIn.eligibility(of: [14, 37]) == .volumeOnly)
        #expect(TradeConditionTable.builtIn.eligibility(of: [14]) == .all)
        #expect(TradeConditionTable.builtIn.eligibility(of: [] as ConditionCodes) == .all)
        #expect(TradeConditionTable.builtIn.eligibility(of: [15, 12]) == .none)
    }

    @Test(arguments: [Int32(17), 41, 59, 200, -3])
    func unknownIdsCountForVolumeOnly(_ id: Int32) {
        #expect(TradeConditionTable.builtIn.eligibility(of: id) == .volumeOnly)
        #expect(TradeConditionTable.builtIn.name(of: id) == nil)
    }

    /// Massive's knowledge base: on pre-market and after-hours minute bars Form T sets open, high, low and
    /// close unless another condition forbids prices (odd lot); never on a regular-hours bar.
    @Test(arguments: [
        ([Int32(12)], BarSession.extended, BarEligibility.all),
        ([12], .regular, .volumeOnly),
        ([12, 37], .extended, .volumeOnly),
        ([12, 37], .regular, .volumeOnly),
        ([12, 14], .extended, .all),
        ([12, 15], .extended, .none),
        ([12, 22], .extended, BarEligibility(updatesHighLow: true, updatesOpenClose: false, updatesVolume: true)),
        ([13], .extended, .volumeOnly),  // sold out of sequence stays volume-only
        ([], .extended, .all),
    ])
    func formTSetsPricesOnlyOnExtendedHoursMinuteBars(_ codes: [Int32], _ session: BarSession, _ expected: BarEligibility) {
        #expect(TradeConditionTable.builtIn.eligibility(of: ConditionCodes(codes), in: session) == expected)
    }

    @Test(arguments: [
        ("2024-03-15 04:00", BarSession.extended), ("2024-03-15 09:29", .extended), ("2024-03-15 09:30", .regular),
        ("2024-03-15 15:59", .regular), ("2024-03-15 16:00", .extended), ("2024-11-29 13:00", .extended),
        ("2024-11-29 12:59", .regular), ("2024-12-25 10:00", .extended),
    ])
    func sessionsFollowTheCalendar(_ newYork: String, _ expected: BarSession) throws {
        #expect(BarSession.of(try Timestamp(parsing: newYork)) == expected)
    }

    @Test func aRecordedTableOverridesListedIdsAndFallsBackForTheRest() {
        // A conditions endpoint that (hypothetically) lets 37 set high/low and lists a new id 60.
        let table = TradeConditionTable.recorded([
            TradeCondition(id: 37, name: "Odd Lot Trade", consolidated: BarEligibility(updatesHighLow: true, updatesOpenClose: false, updatesVolume: true)),
            TradeCondition(id: 60, name: "New Condition", consolidated: .none),
            TradeCondition(id: 37, name: "duplicate, ignored", consolidated: .all),
        ])
        #expect(table.origin == .recorded)
        #expect(table.conditions.map(\.id) == [37, 60])
        #expect(table.eligibility(of: 37) == BarEligibility(updatesHighLow: true, updatesOpenClose: false, updatesVolume: true))
        #expect(table.eligibility(of: 60) == .none)
        #expect(table.eligibility(of: 2) == .volumeOnly)  // not listed: the built-in rule
        #expect(table.eligibility(of: 14) == .all)
        #expect(table.eligibility(of: 999) == .volumeOnly)
        #expect(table.name(of: 60) == "New Condition")
        #expect(table.name(of: 14) == "Intermarket Sweep")
        #expect(table != TradeConditionTable.builtIn)
        #expect(table.fingerprint != TradeConditionTable.builtIn.fingerprint)
        #expect(TradeConditionTable.builtIn.fingerprint.count == 16)
    }

    @Test func tradesWithoutConditionsAreRegularSales() {
        let trade = Trade(sipTimestamp: Timestamp(nanoseconds: 1), price: 1, size: 1, exchange: 11, id: "1", sequenceNumber: 1)
        #expect(trade.barEligibility == .all)
        #expect(TradeConditionTable.builtIn.name(of: 37) == "Odd Lot Trade")
    }
}

/// Bars worked by hand from small trade lists.
struct BarBuilderTests {
    static let minute = Timestamp.nanosecondsPerMinute
    static let base = Timestamp(nanoseconds: 1_710_509_400_000_000_000)  // 2024-03-15 09:30 New York

    static func trade(_ offset: Int64, _ price: Double, _ size: Double, _ conditions: ConditionCodes? = nil) -> Trade {
        Trade(
            sipTimestamp: base.advanced(by: offset), price: price, size: size, exchange: 12, conditions: conditions,
            id: TradeID(offset), sequenceNumber: offset)
    }

    @Test func buildsOneMinuteByHand() throws {
        let trades = [
            Self.trade(1, 100.00, 37, [37]),  // odd lot: volume only, sets no price
            Self.trade(2, 100.02, 100),  // open
            Self.trade(3, 100.10, 200, [14]),  // sweep: high
            Self.trade(4, 99.90, 50, [37]),  // odd lot below: not the low
            Self.trade(5, 99.95, 300),  // low
            Self.trade(6, 100.50, 10, [2]),  // average price: volume only, not the high
            Self.trade(7, 100.01, 100),  // close
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
            Self.trade(Self.minute + 5, 11, 20, [37]),  // minute 2: odd lots only -> no bar
            Self.trade(3 * Self.minute, 12, 100, [12]),  // minute 4: Form T only -> no bar
            Self.trade(4 * Self.minute + 1, 13, 100),
            Self.trade(4 * Self.minute + Self.minute - 1, 14, 100),
        ]
        let bars = BarBuilder.bars(from: trades)
        #expect(bars.map(\.start) == [Self.base, Self.base.advanced(by: 4 * Self.minute)])
        #expect(bars.map(\.close) == [10, 14])
        #expect(bars[1].open == 13)
    }

    @Test func preMarketFormTTradesMakeABarButNotOddLots() throws {
        // 2024-03-15 08:00 New York: Form T prints set prices, a Form T odd lot only adds volume.
        let eight = try Timestamp(parsing: "2024-03-15 08:00")
        func premarket(_ offset: Int64, _ price: Double, _ size: Double, _ codes: ConditionCodes) -> Trade {
            Trade(
                sipTimestamp: eight.advanced(by: offset), price: price, size: size, exchange: 4, conditions: codes,
                id: TradeID(offset), sequenceNumber: offset)
        }
        let trades = [
            premarket(1, 50.00, 10, [12, 37]),  // odd lot: volume only
            premarket(2, 50.10, 200, [12]),  // open
            premarket(3, 51.00, 5, [12, 37]),  // odd lot above: not the high
            premarket(4, 49.90, 100, [12]),  // low, close
        ]
        let bar = try #require(BarBuilder.bars(from: trades).first)
        #expect([bar.open, bar.high, bar.low, bar.close, bar.volume] == [50.10, 50.10, 49.90, 49.90, 315])
        #expect(bar.transactions == 4)
        // The same prints inside regular hours set no price: no bar.
        let regular = trades.map { trade in
            var moved = trade
            moved.sipTimestamp = trade.sipTimestamp.advanced(by: 2 * 3600 * 1_000_000_000)
            return moved
        }
        #expect(BarBuilder.bars(from: regular).isEmpty)
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
