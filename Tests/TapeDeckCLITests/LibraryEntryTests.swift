import Adapters
import Backtest
import Foundation
import MarketData
import TapeDeckCLI
import Testing

/// `TapeDeckCLI` as a user's package runs it: the whole command set in-process with a registry of its
/// own, through the same path as `main(registry:)` and `main(adding:)` (``TapeDeckCLI/run(registry:arguments:)``).
struct LibraryEntryTests {
    /// An adapter of a user's package that throws a ``TapeDeckError`` of its own at every entry.
    struct ThrowingAdapter: BacktestAdapter {
        var name: String { "UserBroken" }
        var summary: String { "throws an error of its own" }
        var requirements: [DataRequirement] { [.trades(lookback: .minutes(5))] }
        var outputs: [String] { ["value"] }
        func evaluate(_ context: EntryContext) throws -> [Double?] {
            throw TapeDeckError(.invalidWindow, "the book is empty")
        }
    }

    /// One CROX entry, cheap on the in-process simulator.
    static func signals() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID().uuidString).csv").path
        try "symbol,entry_time,id\nCROX,2024-03-15 10:00,crox-1\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A user's adapter that throws stops `backtest` with one line naming the adapter, the symbol and the
    /// New York entry, the adapter's own message kept, and a non-zero exit code.
    @Test func aBrokenUserAdapterIsOneLineAndANonZeroExit() async throws {
        let signals = try Self.signals()
        defer { try? FileManager.default.removeItem(atPath: signals) }
        let registry = try AdapterRegistry.builtIn.adding([ThrowingAdapter()])
        let ending = await TapeDeckCLI.run(
            registry: registry, arguments: ["backtest", "--simulate", "1", "--signals", signals, "--adapters", "M1EMA,UserBroken"])
        #expect(ending.status != 0)
        #expect(!ending.isClean)
        #expect(!ending.message.contains("\n"), "\(ending.message)")
        #expect(ending.message.contains("adapter UserBroken failed on CROX at 2024-03-15T10:00:00-04:00: the book is empty"), "\(ending.message)")
    }

    /// `main(adding:)` refuses a name that is taken, with one line naming it and exit code 1, before any
    /// command runs.
    @Test func addingATakenNameIsOneLineAndExitOne() async throws {
        let taken = try #require(AdapterRegistry.builtIn.adapters.first { $0.name == "M1EMA" })
        let ending = await TapeDeckCLI.run(adding: [taken], arguments: ["adapters", "list"])
        #expect(ending.status == 1)
        #expect(!ending.message.contains("\n"), "\(ending.message)")
        #expect(ending.message.contains("\"M1EMA\""), "\(ending.message)")
    }

    /// The same path runs a good command to exit 0 with nothing to report.
    @Test func aGoodCommandWithAnAddedAdapterExitsZero() async throws {
        let ending = await TapeDeckCLI.run(adding: [ThrowingAdapter()], arguments: ["adapters", "list"])
        #expect(ending.status == 0, "\(ending.message)")
        #expect(ending.message.isEmpty)
    }
}
