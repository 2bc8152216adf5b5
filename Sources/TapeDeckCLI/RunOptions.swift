import Adapters
import ArgumentParser
import Backtest
import MarketData

/// What a run evaluates, spelled the same in `backtest`, `audit`, `report` and `record`: the signals
/// file and the adapters, parsed against the running command's registry (``TapeDeckCLI/registry``).
struct RunOptions: ParsableArguments {
    /// The committed sample signals, the default of `backtest`, `audit` and `report`.
    static let sampleSignals = "recordings/sample-signals.csv"

    @Option(
        help: """
            Signals file, CSV or JSON lines (backtest, audit, report: default \(sampleSignals); \
            record: record what a backtest of it reads).
            """)
    var signals: String?

    @Option(
        help: """
            Comma-separated adapters (default: every registered one; see `tapedeck adapters list`; audit and report \
            also take the leaky demos by name).
            """)
    var adapters: String?

    /// The named adapters, in the list's order, or every registered one; `includingDemos` accepts the
    /// registry's demos by name (audit, report).
    func chosenAdapters(includingDemos: Bool = false) throws(TapeDeckError) -> [any BacktestAdapter] {
        try TapeDeckCLI.registry.adapters(parsing: adapters, includingDemos: includingDemos)
    }

    /// The signals of `--signals`, or of the sample file.
    func readSignals() throws(TapeDeckError) -> [Signal] {
        try SignalReader.read(contentsOf: signals ?? Self.sampleSignals)
    }
}
