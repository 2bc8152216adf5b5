import Backtest

/// The deliberately leaky demo adapters, never registered in ``AdapterRegistry``: the audit's tests and
/// `tapedeck audit --adapters LeakyBarRule,LeakyPeek` use them to show that look-ahead is caught.
public enum LeakyDemoAdapters {
    /// ``LeakyBarRuleAdapter`` and ``LeakyPeekAdapter``.
    public static let all: [any BacktestAdapter] = [LeakyBarRuleAdapter(), LeakyPeekAdapter()]

    /// Names in listing order.
    public static var names: [String] { all.map(\.name) }
}
