import MarketData
import PolygonWire
import Testing

/// decode(encode(x)) == x, bit for bit, for random records over the whole range of every field.
struct RoundTripTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func tradesAreLossless(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let trades = (0..<2_000).map { _ in random.trade() }
        let nextURL = random.maybe { "https://api.polygon.io/v3/trades/SPY?cursor=" + $0.text() }
        let encoded = WireEncoder.tradesPage(trades, requestID: random.text(), nextURL: nextURL)
        let page = try WireDecoder.tradesPage(encoded)
        #expect(page.results.count == trades.count)
        for (decoded, original) in zip(page.results, trades) where !sameBits(decoded, original) {
            Issue.record("trade changed: \(original) became \(decoded)")
            break
        }
        #expect(page.nextURL == nextURL)
        #expect(page.status == "OK")
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func quotesAreLossless(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let quotes = (0..<2_000).map { _ in random.quote() }
        let page = try WireDecoder.quotesPage(WireEncoder.quotesPage(quotes, requestID: "r"))
        #expect(page.results.count == quotes.count)
        for (decoded, original) in zip(page.results, quotes) where !sameBits(decoded, original) {
            Issue.record("quote changed: \(original) became \(decoded)")
            break
        }
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func barsAreLossless(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let bars = (0..<2_000).map { _ in random.bar() }
        let encoded = WireEncoder.aggsPage(bars, ticker: "BRK.A", adjusted: false, requestID: "r", nextURL: "n")
        let page = try WireDecoder.aggsPage(encoded)
        #expect(page.results.count == bars.count)
        for (decoded, original) in zip(page.results, bars) where !sameBits(decoded, original) {
            Issue.record("bar changed: \(original) became \(decoded)")
            break
        }
        #expect(page.ticker == "BRK.A")
        #expect(page.adjusted == false)
        #expect(page.resultsCount == bars.count && page.count == bars.count && page.queryCount == bars.count)
        #expect(page.nextURL == "n")
    }

    /// Every edge double, and a million random bit patterns, in the price field (bare integral spelling)
    /// and in a bar (`.0` spelling).
    @Test func everyFiniteDoubleIsLossless() throws {
        var random = SplitMix64(seed: 99)
        var values = edgeDoubles + edgeDoubles.map { -$0 }
        for _ in 0..<200_000 {
            let value = Double(bitPattern: random.next())
            if value.isFinite { values.append(value) }
        }
        let trades = values.map { Trade(sipTimestamp: Timestamp(nanoseconds: 0), price: $0, size: -$0, exchange: 1, id: "", sequenceNumber: 0) }
        let decodedTrades = try WireDecoder.tradesPage(WireEncoder.tradesPage(trades, requestID: "")).results
        let bars = values.map { Bar(start: Timestamp(nanoseconds: 0), open: $0, high: $0, low: $0, close: $0, volume: $0, vwap: $0) }
        let decodedBars = try WireDecoder.aggsPage(WireEncoder.aggsPage(bars, ticker: "X", requestID: "")).results
        for (index, value) in values.enumerated() {
            guard sameBits(decodedTrades[index].price, value), sameBits(decodedTrades[index].size, -value),
                sameBits(decodedBars[index].vwap, value)
            else {
                Issue.record("\(value) (bits \(value.bitPattern)) did not survive encode and decode")
                return
            }
        }
    }

    /// The same input gives the same bytes, every time.
    @Test func encodingIsByteStable() {
        var random = SplitMix64(seed: 7)
        let trades = (0..<500).map { _ in random.trade() }
        let first = WireEncoder.tradesPage(trades, requestID: "abc", nextURL: "u")
        let second = WireEncoder.tradesPage(trades[...], requestID: "abc", nextURL: "u")
        let third = WireEncoder.tradesPage(trades.lazy.map { $0 }, requestID: "abc", nextURL: "u")
        #expect(first == second)
        #expect(first == third)
    }

    /// A page of decoded bytes re-encodes to the same bytes (the encoding is a fixed point).
    @Test func reencodingDecodedBytesIsIdentity() throws {
        var random = SplitMix64(seed: 8)
        let quotes = (0..<500).map { _ in random.quote() }
        let encoded = WireEncoder.quotesPage(quotes, requestID: "abc", nextURL: "u")
        let page = try WireDecoder.quotesPage(encoded)
        #expect(WireEncoder.quotesPage(page.results, requestID: "abc", nextURL: "u") == encoded)
    }
}
