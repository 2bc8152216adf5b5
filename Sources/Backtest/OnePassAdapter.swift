import MarketData

/// An adapter with a one-pass form: ``prepare(_:)`` reads the symbol-day once and returns a reader that
/// answers each entry from what the pass kept (prefix sums, states), so a thousand entries cost about one
/// replay instead of a thousand window reads.
///
/// The contract: for every entry, the reader's outputs equal ``BacktestAdapter/evaluate(_:)``'s, bit for
/// bit; `evaluate(_:)` stays the reference implementation that tests compare the reader with. A pass sees
/// the whole fetched day, the future included, so it must be causal: what the reader returns at E may
/// depend only on records visible at E inside the declared window. The audit runs the reader (the path
/// users run) on perturbed and window-only data, which is how a pass that peeks is caught.
public protocol OnePassAdapter: BacktestAdapter {
    /// Reads the symbol-day once.
    func prepare(_ day: DayContext) throws -> any EntryReader
}

/// One entry's outputs, read out of a symbol-day pass (``OnePassAdapter/prepare(_:)``).
public protocol EntryReader: Sendable {
    /// The outputs at `context`'s entry, equal to the adapter's ``BacktestAdapter/evaluate(_:)``.
    func outputs(_ context: EntryContext) throws -> [Double?]
}

/// How the engine evaluates adapters.
public enum Evaluation: String, Sendable, CaseIterable {
    /// One pass per symbol-day for adapters that have one (``OnePassAdapter``), per entry for the rest.
    case onePass = "one-pass"
    /// Every adapter reads its window for every entry: the reference the one-pass form is checked against.
    case perEntry = "per-entry"
}
