import MarketData

/// One bar as adapters see it, read from ``BarColumns``: [start, end), visible once `end` ≤ the frontier.
public struct BarRecord: Hashable, Sendable {
    public var timeframe: Timeframe
    public var start: Timestamp
    /// Exclusive end: the time of the bar's close event.
    public var end: Timestamp
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    public var vwap: Double?
    public var transactions: Int?

    public init(
        timeframe: Timeframe, start: Timestamp, end: Timestamp, open: Double, high: Double, low: Double, close: Double,
        volume: Double, vwap: Double? = nil, transactions: Int? = nil
    ) {
        self.timeframe = timeframe
        self.start = start
        self.end = end
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwap = vwap
        self.transactions = transactions
    }
}

/// Bars of one symbol and timeframe in start order, column by column.
public final class BarColumns: TapeColumns {
    public let timeframe: Timeframe
    public let starts: [Int64]
    public let ends: [Int64]
    public let opens: [Double]
    public let highs: [Double]
    public let lows: [Double]
    public let closes: [Double]
    public let volumes: [Double]
    /// NaN where the source gave no vwap.
    public let vwaps: [Double]
    /// -1 where the source gave no count.
    public let transactions: [Int]

    public init(_ bars: [Bar], timeframe: Timeframe) {
        self.timeframe = timeframe
        starts = bars.map(\.start.nanoseconds)
        ends = bars.map(\.end.nanoseconds)
        opens = bars.map(\.open)
        highs = bars.map(\.high)
        lows = bars.map(\.low)
        closes = bars.map(\.close)
        volumes = bars.map(\.volume)
        vwaps = bars.map { $0.vwap ?? .nan }
        transactions = bars.map { $0.transactions ?? -1 }
    }

    public var count: Int { starts.count }
    public var startTimes: [Int64] { starts }
    public var visibleTimes: [Int64] { ends }
    public static var visibleAtFrontier: Bool { true }

    @inlinable
    public func record(at index: Int) -> BarRecord {
        BarRecord(
            timeframe: timeframe, start: Timestamp(nanoseconds: starts[index]), end: Timestamp(nanoseconds: ends[index]),
            open: opens[index], high: highs[index], low: lows[index], close: closes[index], volume: volumes[index],
            vwap: vwaps[index].isNaN ? nil : vwaps[index], transactions: transactions[index] < 0 ? nil : transactions[index]
        )
    }
}
