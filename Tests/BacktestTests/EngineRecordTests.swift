import Backtest
import MarketData
import Testing

/// What adapters see of a trade or a quote keeps the fields calculations need: a trade's condition ids (in
/// the order received, long lists too) and participant time, and a quote's bid and ask exchanges.
struct EngineRecordTests {
    @Test(arguments: [nil, [], [12, 37], [14, 41, 37, 12, 53, 8, 9, 300]] as [ConditionCodes?])
    func tradeRecordsCarryTheirConditions(conditions: ConditionCodes?) {
        let trade = Trade(
            sipTimestamp: time("2024-03-15 10:00"), participantTimestamp: time("2024-03-15 09:59:59.999"), price: 10,
            size: 40, exchange: 4, conditions: conditions, id: TradeID(1), sequenceNumber: 7)
        let record = TradeColumns([trade]).record(at: 0)
        #expect(record.conditions == (conditions ?? []))
        #expect(record.participantTime == time("2024-03-15 09:59:59.999"))
        #expect(record.exchange == 4)
        #expect(TradeColumns(records: [record]).record(at: 0) == record)
        let unstamped = Trade(sipTimestamp: time("2024-03-15 10:00"), price: 10, size: 1, exchange: 4, id: TradeID(2), sequenceNumber: 8)
        #expect(TradeColumns([unstamped]).record(at: 0).participantTime == nil)
    }

    @Test func quoteRecordsCarryTheirExchanges() {
        let quote = Quote(
            sipTimestamp: time("2024-03-15 10:00"), bidPrice: 9.99, bidSize: 300, bidExchange: 11, askPrice: 10.01,
            askSize: 200, askExchange: 12, sequenceNumber: 8)
        let record = QuoteColumns([quote]).record(at: 0)
        #expect(record.bidExchange == 11 && record.askExchange == 12)
        #expect(QuoteColumns(records: [record]).record(at: 0) == record)
    }
}
