import Adapters
import Backtest
import Foundation
import MarketData
import Testing

// Quote and trade-and-quote adapters on simulated ETSY quotes and trades, against re-computations over
// the window [E − lookback, E) written out here; events are ordered by sorting (time, quote before
// trade, sequence number) independently of the engine's merged stream.

private let tape = SimulatedTape(etsy, from: "2024-03-15 10:20", to: "2024-03-15 10:32")
private let entry = time("2024-03-15 10:30:15")
private func usable(_ q: Quote) -> Bool { q.bidPrice > 0 && q.askPrice > 0 && q.bidPrice <= q.askPrice }

struct QuoteAdapterTests {
    @Test func quotedSpreadTimeWeightedMedianAndLast() throws {
        let quotes = tape.quotes(before: entry, minutes: 5)
        var weighted = 0.0, weightedBps = 0.0, elapsed = 0.0
        for (i, q) in quotes.enumerated() where usable(q) {
            let until = i + 1 < quotes.count ? quotes[i + 1].sipTimestamp : entry
            let dt = Double(until.nanoseconds - q.sipTimestamp.nanoseconds)
            weighted += 100 * (q.askPrice - q.bidPrice) * dt
            weightedBps += 10_000 * (q.askPrice - q.bidPrice) / ((q.askPrice + q.bidPrice) / 2) * dt
            elapsed += dt
        }
        func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let cents = quotes.filter(usable).map { 100 * ($0.askPrice - $0.bidPrice) }
        let bps = quotes.filter(usable).map { 10_000 * ($0.askPrice - $0.bidPrice) / (($0.askPrice + $0.bidPrice) / 2) }
        let last = quotes.last!
        let values = try evaluate(QuotedSpreadAdapter(), on: tape.cache, at: entry)
        #expect(close(values, [weighted / elapsed, weightedBps / elapsed, median(cents), median(bps), cents.last, bps.last], tolerance: 1e-7))
        #expect(usable(last))
    }

    @Test func quoteImbalanceLastAndTimeWeighted() throws {
        let quotes = tape.quotes(before: entry, minutes: 5)
        func imbalance(_ q: Quote) -> Double { (q.bidSize - q.askSize) / (q.bidSize + q.askSize) }
        var sum = 0.0, elapsed = 0.0
        for (i, q) in quotes.enumerated() where usable(q) {
            let dt = Double((i + 1 < quotes.count ? quotes[i + 1].sipTimestamp : entry).nanoseconds - q.sipTimestamp.nanoseconds)
            sum += imbalance(q) * dt
            elapsed += dt
        }
        #expect(close(try evaluate(QuoteImbalanceAdapter(), on: tape.cache, at: entry), [imbalance(quotes.last!), sum / elapsed], tolerance: 1e-7))
    }

    @Test func micropriceOfTheQuoteInForce() throws {
        let q = tape.quotes(before: entry, minutes: 5).last!
        let micro = (q.bidPrice * q.askSize + q.askPrice * q.bidSize) / (q.bidSize + q.askSize)
        let mid = (q.bidPrice + q.askPrice) / 2
        let values = try evaluate(MicropriceAdapter(), on: tape.cache, at: entry)
        #expect(close(values, [micro, mid, micro - mid, 10_000 * (micro - mid) / mid, (micro - mid) / ((q.askPrice - q.bidPrice) / 2)]))
    }

    /// The paper's case form: bid up +qᵇₙ, equal qᵇₙ − qᵇₙ₋₁, down −qᵇₙ₋₁; the ask mirrored.
    @Test func orderFlowImbalanceCaseForm() throws {
        let quotes = tape.quotes(before: entry, minutes: 5)
        var ofi = 0.0, events = 0, depth = 0.0, depthCount = 0
        var previous: Quote?
        for q in quotes {
            guard usable(q) else { previous = nil; continue }
            depth += (q.bidSize + q.askSize) / 2
            depthCount += 1
            if let p = previous {
                let bidFlow = q.bidPrice > p.bidPrice ? q.bidSize : q.bidPrice == p.bidPrice ? q.bidSize - p.bidSize : -p.bidSize
                let askFlow = q.askPrice < p.askPrice ? q.askSize : q.askPrice == p.askPrice ? q.askSize - p.askSize : -p.askSize
                ofi += bidFlow - askFlow
                events += 1
            }
            previous = q
        }
        let values = try evaluate(OrderFlowImbalanceAdapter(), on: tape.cache, at: entry)
        #expect(close(values, [ofi, ofi / (depth / Double(depthCount)), Double(events)]))
        #expect(events > 100)
    }

    @Test func effectiveSpreadAgainstThePrevailingMid() throws {
        var mid: Double?
        var spreads: [(cents: Double, bps: Double, size: Double)] = []
        var unmatched = 0
        for event in TapeEvent.merged(trades: tape.trades(before: entry, minutes: 5), quotes: tape.quotes(before: entry, minutes: 5)) {
            switch event {
            case .quote(let q): mid = usable(q) ? (q.bidPrice + q.askPrice) / 2 : nil
            case .trade(let t):
                guard t.barEligibility.updatesOpenClose, t.size > 0 else { continue }
                guard let m = mid else { unmatched += 1; continue }
                spreads.append((200 * abs(t.price - m), 20_000 * abs(t.price - m) / m, t.size))
            }
        }
        let n = Double(spreads.count), volume = spreads.map(\.size).reduce(0, +)
        let expected: [Double?] = [
            spreads.map(\.cents).reduce(0, +) / n, spreads.map { $0.cents * $0.size }.reduce(0, +) / volume,
            spreads.map(\.bps).reduce(0, +) / n, spreads.map { $0.bps * $0.size }.reduce(0, +) / volume, n, Double(unmatched),
        ]
        #expect(close(try evaluate(EffectiveSpreadAdapter(), on: tape.cache, at: entry), expected, tolerance: 1e-8))
    }

    @Test func volumeAtBidAskInside() throws {
        var bid = 0.0, ask = 0.0, ok = false
        var atBid = 0.0, atAsk = 0.0, inside = 0.0, unclassified = 0.0
        // The tape starts 10:20, so the check uses a 10-minute window (the default is 15).
        for event in TapeEvent.merged(trades: tape.trades(before: entry, minutes: 10), quotes: tape.quotes(before: entry, minutes: 10)) {
            switch event {
            case .quote(let q): (bid, ask, ok) = (q.bidPrice, q.askPrice, usable(q))
            case .trade(let t):
                guard t.barEligibility.updatesOpenClose, t.size > 0 else { continue }
                if !ok || (bid == ask && t.price == bid) {
                    unclassified += t.size
                } else if t.price >= ask {
                    atAsk += t.size
                } else if t.price <= bid {
                    atBid += t.size
                } else {
                    inside += t.size
                }
            }
        }
        let total = atBid + atAsk + inside
        let values = try evaluate(VolumeAtQuoteAdapter(lookbackMinutes: 10), on: tape.cache, at: entry)
        #expect(close(values, [atBid / total, atAsk / total, inside / total, unclassified]))
    }

    /// OLS of per-minute mid changes on quote-rule signed volume, intervals = clock minutes, each
    /// entering only with a usable mid at both ends and an event inside; the minute holding E excluded.
    @Test func kyleLambdaByOrdinaryLeastSquares() throws {
        let tape = SimulatedTape(etsy, from: "2024-03-15 09:58", to: "2024-03-15 10:32")
        let events = TapeEvent.merged(trades: tape.trades(before: entry, minutes: 30), quotes: tape.quotes(before: entry, minutes: 30))
        var mid: Double?
        var points: [(x: Double, y: Double)] = []
        var open: (index: Int64, startMid: Double?, flow: Double)?
        func roll(_ t: Timestamp) {
            let k = t.nanoseconds / minute
            if let o = open, o.index == k { return }
            if let o = open, let s = o.startMid, let e = mid { points.append((o.flow, e - s)) }
            open = (k, mid, 0)
        }
        for event in events {
            switch event {
            case .quote(let q):
                roll(q.sipTimestamp)
                mid = usable(q) ? (q.bidPrice + q.askPrice) / 2 : nil
            case .trade(let t):
                guard t.barEligibility.updatesOpenClose else { continue }
                roll(t.sipTimestamp)
                if let m = mid, t.size > 0 { open!.flow += t.price > m ? t.size : t.price < m ? -t.size : 0 }
            }
        }
        // The open interval (holding E) is excluded unless E is past its end.
        if let o = open, entry.nanoseconds / minute > o.index, let s = o.startMid, let e = mid { points.append((o.flow, e - s)) }
        let n = Double(points.count)
        let mx = points.map(\.x).reduce(0, +) / n, my = points.map(\.y).reduce(0, +) / n
        let sxy = points.map { ($0.x - mx) * ($0.y - my) }.reduce(0, +)
        let sxx = points.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +)
        let syy = points.map { ($0.y - my) * ($0.y - my) }.reduce(0, +)
        let lambda = sxy / sxx
        let values = try evaluate(KyleLambdaAdapter(), on: tape.cache, at: entry)
        #expect(close(values[0], lambda, tolerance: 1e-7))
        #expect(close(values[2], sxy * sxy / (sxx * syy), tolerance: 1e-7))
        #expect(values[3] == n && n >= 25)
        #expect(close(values[1], 10_000 * lambda * 10_000 / mid!, tolerance: 1e-7))
    }
}
