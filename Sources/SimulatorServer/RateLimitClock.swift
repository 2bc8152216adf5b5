import Synchronization

/// The time the server's rate limiter reads: how long since an arbitrary origin, never going back.
///
/// ``continuous`` is the machine's monotonic clock. Tests inject their own (``manual(_:)`` or a
/// closure) so that when a token refills depends on the test, not on how loaded the machine is.
public struct RateLimitClock: Sendable {
    /// Time since the clock's origin.
    public var elapsed: @Sendable () -> Duration

    /// A clock reading `elapsed`, which must never decrease.
    public init(elapsed: @escaping @Sendable () -> Duration) {
        self.elapsed = elapsed
    }

    /// The process's `ContinuousClock`, from the moment this clock is made.
    public static var continuous: RateLimitClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return RateLimitClock { clock.now - origin }
    }

    /// A clock that stands still until `time` is advanced.
    public static func manual(_ time: ManualTime) -> RateLimitClock {
        RateLimitClock { time.now }
    }
}

/// Time that moves only when told to: the source of a ``RateLimitClock/manual(_:)`` clock.
public final class ManualTime: Sendable {
    private let current = Mutex(Duration.zero)

    public init() {}

    /// The time now, since the origin.
    public var now: Duration { current.withLock { $0 } }

    /// Moves the time forward by `duration` (a negative one is ignored: time never goes back).
    public func advance(by duration: Duration) {
        current.withLock { $0 += max(.zero, duration) }
    }
}
