import Benchmark
import Foundation
import MarketData
import PolygonWire

/// PolygonWire codecs on one 50,000-trade page (Polygon's maximum `limit`), and Foundation's JSONDecoder
/// on the same bytes for comparison. Records/s = 50,000 / wall-clock time per iteration.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(3),
        maxIterations: 100
    )

    let trades = WireBenchmarkData.trades(count: 50_000)
    let tradesPage = WireEncoder.tradesPage(trades, requestID: "bench", nextURL: WireBenchmarkData.nextURL)
    let quotes = WireBenchmarkData.quotes(count: 50_000)
    let quotesPage = WireEncoder.quotesPage(quotes, requestID: "bench", nextURL: WireBenchmarkData.nextURL)

    Benchmark("Wire:Trades:Encode50k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(WireEncoder.tradesPage(trades, requestID: "bench", nextURL: WireBenchmarkData.nextURL))
        }
    }

    Benchmark("Wire:Trades:Decode50k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try WireDecoder.tradesPage(tradesPage))
        }
    }

    Benchmark("Wire:Trades:FoundationJSONDecoder50k") { benchmark in
        let data = Data(tradesPage)
        let decoder = JSONDecoder()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(FoundationTradesPage.self, from: data))
        }
    }

    Benchmark("Wire:Quotes:Encode50k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(WireEncoder.quotesPage(quotes, requestID: "bench", nextURL: WireBenchmarkData.nextURL))
        }
    }

    Benchmark("Wire:Quotes:Decode50k") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try WireDecoder.quotesPage(quotesPage))
        }
    }
}

/// Deterministic, realistic records: cent prices near $500, odd and round lots, 0-3 condition codes,
/// numeric ids, nanosecond timestamps a few microseconds apart.
enum WireBenchmarkData {
    static let nextURL = "https://api.polygon.io/v3/trades/SPY?cursor=bGltaXQ9NTAwMDAmc29ydD10aW1lc3RhbXA"

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func trades(count: Int) -> [Trade] {
        var random = Generator(state: 42)
        var time: Int64 = 1_710_509_400_000_000_000
        return (0..<count).map { index in
            time += Int64.random(in: 0..<2_000_000, using: &random)
            let codeCount = Int.random(in: 0...3, using: &random)
            let offExchange = index % 5 == 0
            return Trade(
                sipTimestamp: Timestamp(nanoseconds: time),
                participantTimestamp: Timestamp(nanoseconds: time - Int64.random(in: 1_000...500_000, using: &random)),
                trfTimestamp: offExchange ? Timestamp(nanoseconds: time - 100) : nil,
                price: Double(Int64.random(in: 50_000..<51_000, using: &random)) / 100,
                size: Double(Int.random(in: 1...500, using: &random)),
                exchange: offExchange ? 4 : Int.random(in: 1...21, using: &random), tape: 1,
                conditions: codeCount == 0 ? nil : ConditionCodes((0..<codeCount).map { _ in Int32.random(in: 0..<60, using: &random) }),
                id: TradeID(Int64.random(in: 1...99_999_999, using: &random)), sequenceNumber: Int64(1_000 + index),
                trfId: offExchange ? 3 : nil
            )
        }
    }

    static func quotes(count: Int) -> [Quote] {
        var random = Generator(state: 43)
        var time: Int64 = 1_710_509_400_000_000_000
        return (0..<count).map { index in
            time += Int64.random(in: 0..<500_000, using: &random)
            let bid = Int64.random(in: 50_000..<51_000, using: &random)
            return Quote(
                sipTimestamp: Timestamp(nanoseconds: time),
                participantTimestamp: Timestamp(nanoseconds: time - Int64.random(in: 1_000...200_000, using: &random)),
                bidPrice: Double(bid) / 100, bidSize: Double(Int.random(in: 1...40, using: &random)),
                bidExchange: Int.random(in: 1...21, using: &random), askPrice: Double(bid + Int64.random(in: 1...3, using: &random)) / 100,
                askSize: Double(Int.random(in: 1...40, using: &random)), askExchange: Int.random(in: 1...21, using: &random),
                conditions: [1], sequenceNumber: Int64(10_000 + index), tape: 1
            )
        }
    }
}

/// The same trades page as plain `Decodable` structs, for Foundation's `JSONDecoder`.
struct FoundationTradesPage: Decodable {
    struct Result: Decodable {
        var conditions: [Int32]?
        var correction: Int?
        var exchange: Int
        var id: String
        var participant_timestamp: Int64?
        var price: Double
        var sequence_number: Int64
        var sip_timestamp: Int64
        var size: Double
        var tape: Int?
        var trf_id: Int?
        var trf_timestamp: Int64?
    }

    var results: [Result]
    var status: String
    var request_id: String
    var next_url: String?
}
