import MarketData

/// The backtest clock: it only moves forward. A key that does not strictly increase is a bug (a source
/// out of order, or two events with one key) and stops the run with ``error(previous:next:)``, which
/// names both events.
///
/// The clock keeps only the last key, so advancing costs one comparison; the events are built only to
/// name them in the error.
package struct MonotonicClock: Sendable {
    /// The last key, `nil` before the first event.
    package private(set) var lastKey: EventKey?

    package init() {}

    /// Moves the clock to `key` and returns `true`, or returns `false` and stays when `key` does not
    /// come after the last one.
    package mutating func advance(to key: EventKey) -> Bool {
        if let lastKey, !(lastKey < key) { return false }
        lastKey = key
        return true
    }

    /// The error for an event whose key did not come after the previous event's.
    package static func error(previous: (key: EventKey, event: MarketEvent), next: (key: EventKey, event: MarketEvent)) -> TapeDeckError {
        TapeDeckError(
            .clockNotMonotonic,
            "event clock did not advance: \(next.event) \(next.key) does not come after \(previous.event) \(previous.key); the data source returned records out of order or duplicated"
        )
    }
}
