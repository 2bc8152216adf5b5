import MarketData

/// A calculation bound to the data it needs: the unit the engine runs for every entry.
///
/// An adapter declares its ``requirements`` up front; the engine fetches the union of all adapters'
/// requirements once per symbol-day and hands each evaluation an ``EntryContext`` whose views contain
/// only the declared window before the entry. ``evaluate(_:)`` returns one value per name in
/// ``outputs``, `nil` where the value is not defined (warm-up, no data) — never a made-up number.
/// Another number of values, or an error of the adapter's own, stops the run with
/// ``TapeDeckError/Code/adapterFailed`` naming the adapter and the entry (the audit reports it per entry).
public protocol BacktestAdapter: Sendable {
    /// Registry name, e.g. `M1EMA`.
    var name: String { get }
    /// One line saying what it computes.
    var summary: String { get }
    /// The data it reads and how far back.
    var requirements: [DataRequirement] { get }
    /// Output names, in the order of ``evaluate(_:)``'s values.
    var outputs: [String] { get }
    /// The outputs for one entry.
    func evaluate(_ context: EntryContext) throws -> [Double?]
}
