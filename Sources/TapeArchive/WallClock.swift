import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where "now" comes from, injectable so that tests can move time (cache expiry, provisional data).
///
/// Wall-clock time is metadata in TapeDeck: it decides when provisional data expires and is stored as
/// `recordedAt`, but it never reaches a replayed record or an output.
public struct WallClock: Sendable {
    /// The current instant.
    public var now: @Sendable () -> Timestamp

    public init(now: @escaping @Sendable () -> Timestamp) {
        self.now = now
    }

    /// The system's real-time clock.
    public static let system = WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanoseconds: Int64(spec.tv_sec) * Timestamp.nanosecondsPerSecond + Int64(spec.tv_nsec))
    }

    /// A clock stopped at `instant`.
    public static func fixed(_ instant: Timestamp) -> WallClock {
        WallClock { instant }
    }
}
