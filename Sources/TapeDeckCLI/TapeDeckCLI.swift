import Adapters
import ArgumentParser
import Backtest
import PolygonClient

/// The `tapedeck` command set as a library, so that a package depending on TapeDeck gets every command
/// (`backtest`, `record`, `audit`, `golden`, `report`, …) with its own adapters added, without forking:
///
/// ```swift
/// import Adapters
/// import TapeDeckCLI
///
/// await TapeDeckCLI.main(adding: [MySpreadAdapter()])
/// // or, with a registry built some other way:
/// await TapeDeckCLI.main(registry: try AdapterRegistry.builtIn.adding([MySpreadAdapter()]))
/// ```
public enum TapeDeckCLI {
    /// Parses `arguments` (default: the process's) and runs the command with `registry`'s adapters, then
    /// exits the process: 0 on success, non-zero with a one-line error otherwise.
    public static func main(registry: AdapterRegistry = .builtIn, arguments: [String]? = nil) async {
        let arguments = withDefaultFeed(arguments ?? Array(CommandLine.arguments.dropFirst()))
        await $registry.withValue(registry) { await TapeDeckCommand.main(arguments) }
    }

    /// `--stream` with no URL after it (last, or followed by another option) means the real-time feed,
    /// ``FeedClient/realTimeURL``: ArgumentParser has no options whose value may be left out, so the
    /// default is put in before parsing.
    static func withDefaultFeed(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            if argument == "--stream", index + 1 == arguments.count || arguments[index + 1].hasPrefix("-") {
                result.append(FeedClient.realTimeURL)
            }
        }
        return result
    }

    /// Runs the command with TapeDeck's own adapters plus `adapters`, appended in their order; a name
    /// that is taken or unusable is one error line naming the adapter and a non-zero exit.
    public static func main(adding adapters: [any BacktestAdapter], arguments: [String]? = nil) async {
        let registry: AdapterRegistry
        do {
            registry = try AdapterRegistry.builtIn.adding(adapters)
        } catch {
            TapeDeckCommand.exit(withError: error)
        }
        await main(registry: registry, arguments: arguments)
    }

    /// The adapters of the running command: what `--adapters` parses, `adapters list` lists and
    /// `golden` re-runs. Bound by ``main(registry:arguments:)`` for the whole command.
    @TaskLocal static var registry = AdapterRegistry.builtIn
}
