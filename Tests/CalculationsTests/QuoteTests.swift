import Calculations
import MarketData
import Testing

struct QuotedSpreadTests {
    @Test func handWorkedTimeline() throws {
        var spread = QuotedSpread()
        #expect(spread.summary(asOf: at(0)) == nil)
        spread.add(makeQuote(10.00, 10.02, at: at(0)))  // 2¢ for 1 s
        spread.add(makeQuote(10.00, 10.04, at: at(1 * second)))  // 4¢ for 2 s
        spread.add(makeQuote(10.05, 10.04, at: at(3 * second)))  // crossed: 1 s left out
        spread.add(makeQuote(10.01, 10.05, at: at(4 * second)))  // superseded at the same instant: weight 0
        spread.add(makeQuote(10.01, 10.02, at: at(4 * second)))  // 1¢ for 2 s until asOf
        let s = try #require(spread.summary(asOf: at(6 * second)))
        #expect(isClose(s.timeWeightedMeanCents, 12.0 / 5))  // (2¢ × 1 s + 4¢ × 2 s + 1¢ × 2 s) / 5 s
        let bps = [0.02 / 10.01, 0.04 / 10.02, 0.04 / 10.03, 0.01 / 10.015].map { $0 * 10_000 }
        #expect(isClose(s.timeWeightedMeanBasisPoints, (bps[0] * 1 + bps[1] * 2 + bps[3] * 2) / 5))
        #expect(isClose(s.medianCents, 3))  // updates 2, 4, 4, 1 → (2 + 4) / 2
        #expect(isClose(s.medianBasisPoints, (bps[0] + bps[2]) / 2))  // sorted: bps[3], bps[0], bps[2], bps[1]
        #expect(isClose(s.lastCents, 1))
        #expect(s.quoteCount == 4)
    }

    @Test func oneSidedQuoteHasNoLastSpread() throws {
        var spread = QuotedSpread()
        spread.add(makeQuote(10.00, 10.01, at: at(0)))
        spread.add(makeQuote(10.00, 0, at: at(second)))
        let s = try #require(spread.summary(asOf: at(10 * second)))
        #expect(s.lastCents == nil)
        #expect(isClose(s.timeWeightedMeanCents, 1))
    }

    @Test func lockedQuoteHasZeroSpread() throws {
        var spread = QuotedSpread()
        spread.add(makeQuote(10.00, 10.00, at: at(0)))
        #expect(try #require(spread.summary(asOf: at(1))).lastCents == 0)
    }

    @Test(arguments: [1, 2, 999, 1_000])
    func medianMatchesSorting(count: Int) throws {
        var random = TestRandom(seed: UInt64(count))
        var spread = QuotedSpread()
        var cents: [Double] = []
        for i in 0..<count {
            let bid = 50 + Double(Int(random.uniform(0, 100))) / 100
            let ticks = Double(Int(random.uniform(0, 6)))
            spread.add(makeQuote(bid, bid + ticks / 100, at: at(Int64(i))))
            cents.append(ticks)
        }
        cents.sort()
        let expected = count % 2 == 1 ? cents[count / 2] : (cents[count / 2 - 1] + cents[count / 2]) / 2
        #expect(isClose(try #require(spread.summary(asOf: at(Int64(count)))).medianCents, expected, tolerance: 1e-9))
    }
}

struct QuoteImbalanceTests {
    @Test func lastAndTimeWeighted() {
        var imbalance = QuoteImbalance()
        imbalance.add(makeQuote(10, 10.01, bidSize: 3, askSize: 1, at: at(0)))  // +0.5 for 3 s
        #expect(imbalance.last == 0.5)
        imbalance.add(makeQuote(10, 10.01, bidSize: 1, askSize: 4, at: at(3 * second)))  // −0.6 for 1 s
        imbalance.add(makeQuote(0, 10.01, bidSize: 0, askSize: 4, at: at(4 * second)))  // one-sided: left out
        #expect(imbalance.last == nil)
        #expect(isClose(imbalance.timeWeightedMean(asOf: at(9 * second)), (0.5 * 3 - 0.6 * 1) / 4))
    }
}

struct MicropriceTests {
    @Test func handWorkedExample() throws {
        var micro = Microprice()
        micro.add(makeQuote(10.00, 10.02, bidSize: 3, askSize: 1))
        let value = try #require(micro.value)
        #expect(isClose(value.microprice, (10.00 * 1 + 10.02 * 3) / 4))  // 10.015: leans to the thin ask
        #expect(isClose(value.mid, 10.01))
        #expect(isClose(value.distance, 0.005, tolerance: 1e-9))
        #expect(isClose(value.distanceInHalfSpreads, 0.5, tolerance: 1e-9))
        #expect(isClose(value.distanceBasisPoints, 0.005 / 10.01 * 10_000, tolerance: 1e-9))
        micro.add(makeQuote(10.00, 10.00, bidSize: 2, askSize: 5))
        #expect(micro.value?.distance == 0)
        #expect(micro.value?.distanceInHalfSpreads == nil)
        micro.add(makeQuote(10.03, 10.02, bidSize: 2, askSize: 5))  // crossed
        #expect(micro.value == nil)
    }
}

struct OrderFlowImbalanceTests {
    @Test func handWorkedExample() {
        var ofi = OrderFlowImbalance()
        ofi.add(makeQuote(10.00, 10.02, bidSize: 5, askSize: 4))
        #expect(ofi.value == nil)
        // Bid up (+3 new bid size); ask unchanged (+4 old − 6 new).
        ofi.add(makeQuote(10.01, 10.02, bidSize: 3, askSize: 6))
        #expect(ofi.value == 1)
        // Bid down (−3 old bid size); ask up (+6 old ask size).
        ofi.add(makeQuote(10.00, 10.03, bidSize: 7, askSize: 2))
        #expect(ofi.value == 4)
        #expect(isClose(ofi.meanDepth, (4.5 + 4.5 + 4.5) / 3))
        #expect(isClose(ofi.normalized, 4 / 4.5))
        // A one-sided quote breaks the chain: the next quote is only a new reference.
        ofi.add(makeQuote(0, 10.03, bidSize: 0, askSize: 2))
        ofi.add(makeQuote(9.00, 11.00, bidSize: 100, askSize: 100))
        #expect(ofi.value == 4)
        #expect(ofi.eventCount == 2)
    }

    /// CKS (2014) eq. (2)-(3) in case form: bid up → +q_n, equal → q_n − q_{n−1}, down → −q_{n−1}; the ask
    /// mirrored with the opposite sign.
    @Test func matchesCaseAnalysis() {
        var random = TestRandom(seed: 29)
        var ofi = OrderFlowImbalance()
        var previous: (bid: Double, bs: Double, ask: Double, as: Double)?
        var expected = 0.0
        for _ in 0..<2_000 {
            let bid = 20 + Double(Int(random.uniform(0, 4))) / 100
            let ask = bid + Double(Int(random.uniform(1, 3))) / 100
            let bs = Double(Int(random.uniform(1, 20)))
            let asz = Double(Int(random.uniform(1, 20)))
            ofi.add(makeQuote(bid, ask, bidSize: bs, askSize: asz))
            if let p = previous {
                let bidFlow = bid > p.bid ? bs : (bid == p.bid ? bs - p.bs : -p.bs)
                let askFlow = ask < p.ask ? asz : (ask == p.ask ? asz - p.as : -p.as)
                expected += bidFlow - askFlow
            }
            previous = (bid, bs, ask, asz)
        }
        #expect(isClose(ofi.value, expected, tolerance: 1e-12))
    }
}
