import Adapters
import ArgumentParser
import Backtest

/// `tapedeck adapters`: the calculations a backtest can run.
struct AdaptersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapters",
        abstract: "Inspect the calculation adapters.",
        subcommands: [ListCommand.self],
        defaultSubcommand: ListCommand.self
    )

    /// `tapedeck adapters list`: each adapter with its requirements and outputs.
    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List each adapter, what it computes, the data it needs and its outputs.")

        func run() throws {
            try Console.write(Self.listing())
        }

        static func listing() -> String {
            var out = ""
            for adapter in TapeDeckCLI.registry.adapters {
                out += "\(adapter.name)\n"
                out += "  \(adapter.summary)\n"
                out += "  needs:   \(adapter.requirements.map(\.description).joined(separator: "; "))\n"
                out += "  outputs: \(adapter.outputs.map { "\(adapter.name).\($0)" }.joined(separator: ", "))\n"
            }
            return out
        }
    }
}
