import ArgumentParser

/// `tapedeck backtest`: runs every calculation for every entry of a signals file against a recording.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run the calculations for each entry of a signals file against a recording (offline)."
    )

    func run() async throws {
        print("tapedeck backtest is not yet available: the backtest engine is being built (issue #7).")
        print("Until then, `tapedeck calendar` shows the NYSE sessions that backtests will run on.")
    }
}
