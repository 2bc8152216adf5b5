import MarketData

/// Realized volatility from 1-minute log returns over the last `window` returns (default 30).
///
/// `rₜ = ln(closeₜ / closeₜ₋₁)` between consecutive bars fed; `RV = sqrt(Σ rₜ²)` over the newest `window`
/// returns (not demeaned: the standard realized-variance estimator). ``annualized(periodsPerYear:)``
/// scales the mean squared return: `sqrt(Σ rₜ² / window × periodsPerYear)`, by default
/// `252 × 390` one-minute periods a year. Warm-up: `nil` until `window + 1` closes. A non-positive close
/// is ignored (and does not become the reference). A missing minute (no bar because nothing traded)
/// makes the next return span two minutes; the kernel does not rescale it.
/// Units: a fraction (0.01 = 1 %) over the window.
public struct RealizedVolatility: Sendable, Hashable {
    public let window: Int
    private var previousClose: Double?
    private var squaredReturns: FixedWindow

    public init(window: Int = 30) {
        self.window = window
        squaredReturns = FixedWindow(capacity: window)
    }

    /// Adds the next close.
    public mutating func add(_ close: Double) {
        guard close > 0 else { return }
        if let previousClose {
            let r = naturalLog(close / previousClose)
            squaredReturns.add(r * r)
        }
        previousClose = close
    }

    /// Adds a closed bar's close.
    public mutating func add(_ bar: Bar) {
        add(bar.close)
    }

    /// `sqrt(Σ r²)` over the window, `nil` during warm-up.
    public var value: Double? {
        squaredReturns.isFull ? max(squaredReturns.sum, 0).squareRoot() : nil
    }

    /// Annualised volatility, `nil` during warm-up.
    public func annualized(periodsPerYear: Double = 252 * 390) -> Double? {
        guard squaredReturns.isFull else { return nil }
        return (max(squaredReturns.sum, 0) / Double(window) * periodsPerYear).squareRoot()
    }
}
