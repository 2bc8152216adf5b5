import Foundation

/// How many inputs each fuzz property sees: a bounded run in the normal test suite, or as many as
/// `TAPEDECK_FUZZ_COUNT` says for a long run (`TAPEDECK_FUZZ_COUNT=200000 swift test --filter FuzzTests`;
/// the figures of such runs are in docs/FUZZING.md).
enum FuzzBudget {
    /// `standard` unless `TAPEDECK_FUZZ_COUNT` is set to a positive number.
    static func count(_ standard: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment["TAPEDECK_FUZZ_COUNT"], let count = Int(text), count > 0 else {
            return standard
        }
        return count
    }
}
