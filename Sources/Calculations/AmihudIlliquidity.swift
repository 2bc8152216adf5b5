import MarketData

/// Amihud illiquidity over the last `window` periods (default 30 one-minute bars).
///
/// Per period `t`: `ILLIQₜ = |closeₜ / closeₜ₋₁ − 1| / dollarVolumeₜ`, with the simple return between
/// consecutive periods fed and `dollarVolume = volume × vwap` (the bar's `vwap`, or its close when it
/// has none). `ILLIQ` = mean of the newest `window` per-period values. A period with zero dollar volume
/// gives no value but its close becomes the reference; a non-positive close is ignored.
/// Warm-up: `nil` until `window` per-period values. Units: fraction of price per dollar traded (multiply
/// by 10⁶ for "return per $1M", as usually quoted).
public struct AmihudIlliquidity: Sendable, Hashable {
    public let window: Int
    private var previousClose: Double?
    private var ratios: FixedWindow

    public init(window: Int = 30) {
        self.window = window
        ratios = FixedWindow(capacity: window)
    }

    /// Adds a period's close and dollar volume.
    public mutating func add(close: Double, dollarVolume: Double) {
        guard close > 0 else { return }
        defer { previousClose = close }
        guard let previousClose, dollarVolume > 0 else { return }
        ratios.add(abs(close / previousClose - 1) / dollarVolume)
    }

    /// Adds a closed bar.
    public mutating func add(_ bar: Bar) {
        add(close: bar.close, dollarVolume: bar.volume * (bar.vwap ?? bar.close))
    }

    /// Mean per-period illiquidity, `nil` during warm-up.
    public var value: Double? {
        ratios.isFull ? ratios.sum / Double(window) : nil
    }
}
