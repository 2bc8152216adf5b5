import MarketData

/// The backtest clock: it only moves forward. A key that does not strictly increase is a bug (a source
/// out of order, or two events with one key) and stops the run with an error naming both events.
public struct MonotonicClock: Sendable {
    /// The last key and event, `nil` before the first event.
    public private(set) var last: (key: EventKey, event: MarketEvent)?

    public init() {}

    /// Moves the clock to `key`, or throws when `key` is not after the last one.
    public mutating func advance(to key: EventKey, event: MarketEvent) throws(TapeDeckError) {
        if let last, !(last.key < key) { throw Self.error(previous: last, next: (key, event)) }
        last = (key, event)
    }

    static func error(previous: (key: EventKey, event: MarketEvent), next: (key: EventKey, event: MarketEvent)) -> TapeDeckError {
        TapeDeckError(
            .clockNotMonotonic,
            "event clock did not advance: \(next.event) \(next.key) does not come after \(previous.event) \(previous.key); the data source returned records out of order or duplicated"
        )
    }
}
