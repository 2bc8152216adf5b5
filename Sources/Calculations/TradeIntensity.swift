import MarketData

/// Trade intensity: trades per minute over a recent interval and over a longer window, and their ratio.
///
/// Counts trades whose conditions let them count towards volume (``BarEligibility/updatesVolume``:
/// executions; official open/close reports and other non-trades are left out), every print once, at its
/// SIP timestamp; prints at equal timestamps each count. For `asOf = E`:
/// `recentRate = #{t ∈ [E − recent, E)} / recent` and `windowRate = #{t ∈ [E − window, E)} / window`,
/// both per minute, `ratio = recentRate / windowRate`.
/// Warm-up: a rate is `nil` when its interval starts before `observedFrom` (the start of the data the
/// kernel is fed, so a partly observed interval never reads as a quiet one); the ratio is `nil` when
/// either rate is, or the window rate is zero. Units: trades per minute; the ratio is dimensionless.
/// O(1) amortised per trade, O(log n) per query; storage is the trades within `window` of the newest.
public struct TradeIntensity: Sendable, Hashable {
    /// Rates at one instant.
    public struct Output: Sendable, Hashable {
        public var recentPerMinute: Double?
        public var windowPerMinute: Double?
        public var ratio: Double?
    }

    /// Length of the recent interval, nanoseconds.
    public let recent: Int64
    /// Length of the long window, nanoseconds.
    public let window: Int64
    /// Start of the data fed to the kernel.
    public let observedFrom: Timestamp
    private var times: [Int64] = []
    private var head = 0

    /// - Parameters:
    ///   - recentMinutes: the recent interval (default 1 minute)
    ///   - windowMinutes: the long window (default 30 minutes)
    ///   - observedFrom: start of the data the caller feeds
    public init(recentMinutes: Int = 1, windowMinutes: Int = 30, observedFrom: Timestamp) {
        precondition(recentMinutes >= 1 && windowMinutes >= recentMinutes, "need 1 ≤ recent ≤ window minutes")
        recent = Int64(recentMinutes) * Timestamp.nanosecondsPerMinute
        window = Int64(windowMinutes) * Timestamp.nanosecondsPerMinute
        self.observedFrom = observedFrom
    }

    /// Adds a trade if it is an execution that counts towards volume.
    public mutating func add(_ trade: Trade) {
        guard trade.barEligibility.updatesVolume else { return }
        add(at: trade.sipTimestamp)
    }

    /// Adds one trade at `time` (non-decreasing).
    public mutating func add(at time: Timestamp) {
        times.append(time.nanoseconds)
        let horizon = time.nanoseconds - window
        while head < times.count, times[head] < horizon { head += 1 }
        if head >= 4096, head * 2 >= times.count {
            times.removeFirst(head)
            head = 0
        }
    }

    /// Rates over the intervals ending at `asOf` (exclusive).
    public func rates(asOf: Timestamp) -> Output {
        let end = asOf.nanoseconds
        let upper = firstIndex(notBefore: end)
        func count(_ length: Int64) -> Int? {
            guard end - length >= observedFrom.nanoseconds else { return nil }
            return upper - firstIndex(notBefore: end - length)
        }
        return output(recentCount: count(recent), windowCount: count(window))
    }

    /// The rates and ratio from the counts of trades in the recent interval and in the window (`nil`
    /// where an interval was not fully observed): the one definition that ``rates(asOf:)`` and a one-pass
    /// reader (which counts by prefix differences) both use.
    public func output(recentCount: Int?, windowCount: Int?) -> Output {
        func rate(_ count: Int?, _ length: Int64) -> Double? {
            count.map { Double($0) / (Double(length) / Double(Timestamp.nanosecondsPerMinute)) }
        }
        let recentRate = rate(recentCount, recent)
        let windowRate = rate(windowCount, window)
        var ratio: Double?
        if let recentRate, let windowRate, windowRate > 0 { ratio = recentRate / windowRate }
        return Output(recentPerMinute: recentRate, windowPerMinute: windowRate, ratio: ratio)
    }

    /// Index of the first stored time ≥ `t`.
    private func firstIndex(notBefore t: Int64) -> Int {
        var low = head
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
