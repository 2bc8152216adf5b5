import ArgumentParser

/// The `tapedeck` command line: record, replay, audit and simulate Polygon market data.
struct TapeDeckCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tapedeck",
        abstract: "Record Polygon market data once, replay intraday backtests offline, prove no look-ahead.",
        version: version,
        subcommands: [
            BacktestCommand.self, RecordCommand.self, AuditCommand.self, ReportCommand.self, GoldenCommand.self, ArchiveCommand.self,
            MergeCommand.self, AdaptersCommand.self, CalendarCommand.self, SimCommand.self, SimCommand.ServeCommand.self,
        ]
    )
}
