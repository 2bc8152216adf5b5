import MarketData

/// On-balance volume.
///
/// Starts at 0 with the first bar; each later bar adds its volume when its close is above the previous
/// close, subtracts it when below, and leaves OBV unchanged on an equal close.
/// Warm-up: `nil` before the first bar. Units: shares (the level depends on where the feed starts; compare
/// changes, not levels, across windows).
public struct OnBalanceVolume: Sendable, Hashable {
    private var previousClose: Double?
    /// OBV, `nil` before any bar.
    public private(set) var value: Double?

    public init() {}

    /// Adds the next bar's close and volume.
    public mutating func add(close: Double, volume: Double) {
        defer { previousClose = close }
        guard let previousClose, let current = value else {
            value = 0
            return
        }
        if close > previousClose {
            value = current + volume
        } else if close < previousClose {
            value = current - volume
        }
    }

    /// Adds a closed bar.
    public mutating func add(_ bar: Bar) {
        add(close: bar.close, volume: bar.volume)
    }
}
