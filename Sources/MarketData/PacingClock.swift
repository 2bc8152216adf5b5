import Synchronization

/// The time that rate limits and retry waits read and sleep on: how long since an arbitrary origin, never
/// going back.
///
/// ``continuous`` is the machine's monotonic clock. Tests inject ``manual(_:)`` (or their own closures) so
/// that when a token refills or a backoff ends depends on the test, never on how loaded the machine is.
/// The simulator server's rate limiter and the Polygon client's token bucket and retries both use it.
public struct PacingClock: Sendable {
    /// Time since the clock's origin; must never decrease.
    public var elapsed: @Sendable () -> Duration
    /// Waits until ``elapsed`` reaches the given time; throws `CancellationError` when the task is
    /// cancelled. A deadline, not a duration, so that concurrent sleepers end when a real clock would.
    public var sleepUntil: @Sendable (Duration) async throws -> Void

    /// A clock reading `elapsed` and waiting with `sleepUntil` (by default, by sleeping on the machine's
    /// clock for the difference).
    public init(
        elapsed: @escaping @Sendable () -> Duration,
        sleepUntil: (@Sendable (Duration) async throws -> Void)? = nil
    ) {
        self.elapsed = elapsed
        self.sleepUntil = sleepUntil ?? { try await Task.sleep(for: max(.zero, $0 - elapsed())) }
    }

    /// Waits `duration` of this clock's time from now.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntil(elapsed() + duration)
    }

    /// The process's `ContinuousClock`, from the moment this clock is made.
    public static var continuous: PacingClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return PacingClock(
            elapsed: { clock.now - origin },
            sleepUntil: { try await Task.sleep(until: origin + $0, clock: clock) })
    }

    /// A clock on `time`: it stands still until advanced, and a sleep moves it at once to the sleep's
    /// deadline (unless it is already later), so waits cost no wall time.
    package static func manual(_ time: ManualTime) -> PacingClock {
        PacingClock(elapsed: { time.now }, sleepUntil: { try await time.sleep(until: $0) })
    }
}

/// Time that moves only when told to, or when something sleeps on it: the source of a
/// ``PacingClock/manual(_:)`` clock.
package final class ManualTime: Sendable {
    private let current = Mutex(Duration.zero)

    package init() {}

    /// The time now, since the origin.
    package var now: Duration { current.withLock { $0 } }

    /// Moves the time forward by `duration` (a negative one is ignored: time never goes back).
    package func advance(by duration: Duration) {
        current.withLock { $0 += max(.zero, duration) }
    }

    /// Moves the time to `deadline` unless it is already later, then lets other tasks run. Concurrent
    /// sleepers therefore end at the latest of their deadlines, as on a real clock.
    package func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
        try Task.checkCancellation()
    }
}
