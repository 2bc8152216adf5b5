import Adapters
import ArgumentParser
import Backtest
import Foundation
import PolygonClient

/// The `tapedeck` command set as a library, so that a package depending on TapeDeck gets every command
/// (`backtest`, `record`, `audit`, `golden`, `report`, …) with its own adapters added, without forking:
///
/// ```swift
/// import TapeDeckCLI
///
/// await TapeDeckCLI.main(adding: [MySpreadAdapter()])
/// ```
///
/// Use ``main(adding:arguments:)`` for this: it refuses a taken name with one error line and exit code 1.
/// ``main(registry:arguments:)`` takes a registry already built; at top level, `try
/// AdapterRegistry.builtIn.adding(…)` with a taken name is an uncaught error ("Error raised at top
/// level"), not a message.
public enum TapeDeckCLI {
    /// Parses `arguments` (default: the process's) and runs the command with `registry`'s adapters, then
    /// exits the process: 0 on success, non-zero with a one-line error otherwise.
    public static func main(registry: AdapterRegistry = .builtIn, arguments: [String]? = nil) async {
        finish(await run(registry: registry, arguments: arguments ?? Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs the command with TapeDeck's own adapters plus `adapters`, appended in their order; a name
    /// that is taken or unusable is one error line naming the adapter and exit code 1.
    public static func main(adding adapters: [any BacktestAdapter], arguments: [String]? = nil) async {
        finish(await run(adding: adapters, arguments: arguments ?? Array(CommandLine.arguments.dropFirst())))
    }

    /// How a command ended: ArgumentParser's exit code and the text `main` prints for it (the error line,
    /// or help and version text on standard output; empty after a successful run).
    package struct Ending: Sendable {
        package var status: Int32
        package var message: String
        /// Whether `message` goes to standard output (help, version) instead of standard error.
        package var isClean: Bool

        init(_ error: (any Error)?) {
            guard let error else {
                (status, message, isClean) = (0, "", true)
                return
            }
            let code = TapeDeckCommand.exitCode(for: error)
            (status, message, isClean) = (code.rawValue, TapeDeckCommand.fullMessage(for: error), code.isSuccess)
        }
    }

    /// What ``main(registry:arguments:)`` does, but in-process: runs the command and returns how it
    /// ended instead of printing the ending and exiting (what the tests check).
    package static func run(registry: AdapterRegistry = .builtIn, arguments: [String]) async -> Ending {
        let arguments = withDefaultFeed(arguments)
        return await $registry.withValue(registry) {
            do {
                var command = try TapeDeckCommand.parseAsRoot(arguments)
                if var command = command as? any AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
                return Ending(nil)
            } catch {
                return Ending(error)
            }
        }
    }

    /// What ``main(adding:arguments:)`` does, in-process (``run(registry:arguments:)``).
    package static func run(adding adapters: [any BacktestAdapter], arguments: [String]) async -> Ending {
        let registry: AdapterRegistry
        do {
            registry = try AdapterRegistry.builtIn.adding(adapters)
        } catch {
            return Ending(error)
        }
        return await run(registry: registry, arguments: arguments)
    }

    /// Prints `ending`'s message where ArgumentParser would and exits with its status.
    private static func finish(_ ending: Ending) -> Never {
        if !ending.message.isEmpty {
            if ending.isClean {
                do { try Console.line(ending.message) } catch { Console.note("\(error)\n") }
            } else {
                Console.note(ending.message + "\n")
            }
        }
        exit(ending.status)
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

    /// The adapters of the running command: what `--adapters` parses, `adapters list` lists and
    /// `golden` re-runs. Bound by ``main(registry:arguments:)`` for the whole command.
    @TaskLocal static var registry = AdapterRegistry.builtIn
}
