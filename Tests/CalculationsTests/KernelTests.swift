import Calculations
import Testing

struct ExponentialMovingAverageTests {
    /// Period 3 (α = 0.5) over 1…5: SMA(1,2,3) = 2, then 0.5·4 + 0.5·2 = 3, then 0.5·5 + 0.5·3 = 4.
    @Test func workedExampleMatchesClosedForm() throws {
        let values = [1.0, 2, 3, 4, 5]
        let alpha = 2.0 / 4
        let seed = (1.0 + 2 + 3) / 3
        let closedForm = (1 - alpha) * (1 - alpha) * seed + alpha * (1 - alpha) * 4 + alpha * 5
        #expect(closedForm == 4)
        #expect(ExponentialMovingAverage.of(values, period: 3) == closedForm)
        #expect(ExponentialMovingAverage.of(values.prefix(3), period: 3) == 2)
    }

    @Test func warmUpIsNil() {
        #expect(ExponentialMovingAverage.of([1.0, 2], period: 3) == nil)
        #expect(ExponentialMovingAverage.of([Double](), period: 1) == nil)
    }

    @Test func closedFormOnALongerSeries() throws {
        let values = (1...20).map { Double($0 * $0 % 7) + 0.25 }
        let n = 9
        let alpha = 2.0 / Double(n + 1)
        var expected = values.prefix(n).reduce(0, +) / Double(n)
        expected *= pow(1 - alpha, Double(values.count - n))
        for k in n..<values.count { expected += alpha * pow(1 - alpha, Double(values.count - 1 - k)) * values[k] }
        let ema = try #require(ExponentialMovingAverage.of(values, period: n))
        #expect(abs(ema - expected) < 1e-12)
    }

    private func pow(_ x: Double, _ n: Double) -> Double { (0..<Int(n)).reduce(1.0) { acc, _ in acc * x } }
}

struct TickTestTests {
    @Test func zeroTicksInheritTheLastDirection() {
        var tick = TickTest()
        #expect(tick.classify(10) == .unknown)
        tick.observe(10)
        #expect(tick.classify(10) == .unknown)  // no non-zero tick yet
        tick.observe(10.01)
        #expect(tick.classify(10.01) == .buy)  // zero-uptick
        tick.observe(10.00)
        #expect(tick.classify(10.00) == .sell)  // zero-downtick
        #expect(tick.classify(10.02) == .buy)
    }
}

struct LeeReadyTests {
    /// Hand-worked: a trade before any quote, a quote and a trade sharing a timestamp (quote first), a trade
    /// at the midpoint, a crossed quote, a locked quote.
    @Test func handWorkedSequence() {
        var lr = LeeReadyClassifier()
        #expect(lr.classify(price: 100.00).side == .unknown)  // before the first quote, no earlier price
        lr.updateQuote(bid: 100.00, ask: 100.10)  // same timestamp as the next trade, delivered first
        #expect(lr.classify(price: 100.02) == (.sell, .quote))  // below mid 100.05 (tick test would say buy)
        #expect(lr.classify(price: 100.05) == (.buy, .tick))  // at the midpoint: uptick from 100.02
        lr.updateQuote(bid: 100.20, ask: 100.10)  // crossed: unusable
        #expect(lr.classify(price: 100.15) == (.buy, .tick))
        lr.updateQuote(bid: 100.10, ask: 100.10)  // locked: usable, midpoint 100.10
        #expect(lr.classify(price: 100.10) == (.sell, .tick))  // at the locked price: downtick from 100.15
        #expect(lr.classify(price: 100.11) == (.buy, .quote))
        lr.updateQuote(bid: 0, ask: 100.10)  // one-sided: unusable
        #expect(lr.classify(price: 100.11) == (.buy, .tick))  // zero-uptick
    }

    @Test func tradesThatDoNotSetTheReferenceLeaveItAlone() {
        var lr = LeeReadyClassifier()
        _ = lr.classify(price: 10)
        _ = lr.classify(price: 9, updatesReference: false)
        #expect(lr.classify(price: 9.5).side == .sell)  // against 10, not 9
    }
}

struct TickFlowAccumulatorTests {
    @Test func countsAndRatio() {
        var flow = TickFlowAccumulator()
        for (price, size) in [(10.0, 100.0), (10.01, 200), (10.01, 50), (10.00, 100), (9.99, 25)] {
            flow.add(price: price, size: size)
        }
        #expect(flow.upticks == 2 && flow.uptickVolume == 250)
        #expect(flow.downticks == 2 && flow.downtickVolume == 125)
        #expect(flow.volumeRatio == 2)
        #expect(TickFlowAccumulator().volumeRatio == nil)
    }
}
