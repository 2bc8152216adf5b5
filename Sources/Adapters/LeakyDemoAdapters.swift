import Backtest

/// The deliberately leaky demo adapters, the built-in registry's ``AdapterRegistry/demos``, never among
/// its registered adapters: the audit's tests and `tapedeck audit --adapters LeakyBarRule,LeakyPeek,…`
/// use them to show that each kind of look-ahead is caught, and by which check (docs/AUDIT.md has the
/// table).
public enum LeakyDemoAdapters {
    /// One demo per leak: the seed's bar rule, a peek one trade ahead, today's daily bar read intraday, a
    /// quote stamped at exactly E, participant instead of SIP time, state carried across entries, and a
    /// read before the declared lookback, and a one-pass form read at the end of its day.
    public static let all: [any BacktestAdapter] = [
        LeakyBarRuleAdapter(), LeakyPeekAdapter(), LeakyDailyBarAdapter(), LeakyQuoteAtEntryAdapter(),
        LeakyParticipantTimeAdapter(), LeakyCarriedStateAdapter(), LeakyLookbackAdapter(), LeakyPassAdapter(),
    ]

    /// Names in listing order.
    public static var names: [String] { all.map(\.name) }
}
