/// Relative volume: today's cumulative volume up to a time of day against the average cumulative volume
/// of prior sessions up to the same time of day.
///
/// Volumes are indexed by minute of the regular session (0 = the 09:30 minute). For `m` elapsed minutes,
/// `expected(m)` = mean over prior sessions that lasted at least `m` minutes (an early close does not
/// drag later minutes towards zero) of `Σ_{i<m} volumeᵢ`, and `ratio(m) = todayCumulative / expected(m)`,
/// where today's cumulative is the sum of what was added (the adapter adds only closed bars, so at
/// entry E it passes `m` = whole minutes from the open to E). A minute without a bar counts as zero volume.
/// Warm-up: `nil` with no prior session lasting `m` minutes, for `m ≤ 0`, or when `expected(m)` is zero.
/// Units: dimensionless (1 = a normal day so far).
public struct RelativeVolume: Sendable, Hashable {
    /// `averageCumulative[m]` = expected(m); index 0 is 0.
    private let averageCumulative: [Double?]
    /// Number of prior sessions given.
    public let priorSessionCount: Int
    /// Volume added for today.
    public private(set) var cumulativeVolume = 0.0

    /// - Parameter priorSessions: for each prior session, its per-minute volumes from the open (index 0 =
    ///   the first regular minute); the array's length is the session's length in minutes.
    public init(priorSessions: [[Double]]) {
        priorSessionCount = priorSessions.count
        let longest = priorSessions.map(\.count).max() ?? 0
        var sums = [Double](repeating: 0, count: longest + 1)
        var counts = [Int](repeating: 0, count: longest + 1)
        for session in priorSessions {
            var cumulative = 0.0
            counts[0] += 1
            for (minute, volume) in session.enumerated() {
                cumulative += max(volume, 0)
                sums[minute + 1] += cumulative
                counts[minute + 1] += 1
            }
        }
        averageCumulative = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : nil }
    }

    /// Adds today's volume for one closed minute.
    public mutating func add(volume: Double) {
        cumulativeVolume += max(volume, 0)
    }

    /// Mean prior cumulative volume after `elapsedMinutes`, `nil` when no prior session lasted that long.
    public func expectedVolume(elapsedMinutes: Int) -> Double? {
        guard elapsedMinutes >= 1, elapsedMinutes < averageCumulative.count else { return nil }
        return averageCumulative[elapsedMinutes]
    }

    /// Today's cumulative volume over the expected volume after `elapsedMinutes`.
    public func ratio(elapsedMinutes: Int) -> Double? {
        guard let expected = expectedVolume(elapsedMinutes: elapsedMinutes), expected > 0 else { return nil }
        return cumulativeVolume / expected
    }
}
