import Backtest
import Foundation
import MarketData

/// One group of golden files: a source, a signals file and the adapters run over them.
///
/// Files live in `golden/<name>/<Adapter>.jsonl`, one per adapter, each the adapter's canonical JSON
/// lines (``CanonicalOutput/jsonLines(_:adapter:)``). Names say where the data came from, so the
/// archive's set sits beside the simulator's: `simulate-1/sample-signals`, `archive-2024-03-15/sample-signals`.
public struct GoldenSet: Hashable, Sendable, Codable {
    /// Folder under `golden/`, e.g. `simulate-1/sample-signals`.
    public var name: String
    /// The source, as `simulate:SEED` or `archive:PATH` (relative to the package root).
    public var source: String
    /// The signals file, relative to the package root.
    public var signals: String
    /// Adapter names; absent means every registered adapter.
    public var adapters: [String]?

    public init(name: String, source: String, signals: String, adapters: [String]? = nil) {
        self.name = name
        self.source = source
        self.signals = signals
        self.adapters = adapters
    }

    /// The source spelled as the backtest command's options.
    public enum SourceSpec: Hashable, Sendable {
        case simulate(seed: UInt64)
        case archive(path: String)
    }

    /// ``source`` parsed.
    public var sourceSpec: SourceSpec {
        get throws(TapeDeckError) {
            if source.hasPrefix("simulate:"), let seed = UInt64(source.dropFirst("simulate:".count)) { return .simulate(seed: seed) }
            if source.hasPrefix("archive:"), source.count > "archive:".count { return .archive(path: String(source.dropFirst("archive:".count))) }
            throw TapeDeckError(.goldenManifest, "golden set \(name): source \"\(source)\" is neither simulate:SEED nor archive:PATH; fix golden/manifest.json")
        }
    }

    /// The golden file of `adapter` under `root` (the package root).
    public func file(_ adapter: String, root: URL) -> URL {
        root.appendingPathComponent("golden").appendingPathComponent(name).appendingPathComponent(adapter + ".jsonl")
    }

    /// The path of `adapter`'s file relative to the package root, for messages.
    public func relativePath(_ adapter: String) -> String {
        "golden/\(name)/\(adapter).jsonl"
    }
}

extension TapeDeckError.Code {
    public static let goldenManifest = Self(rawValue: "goldenManifest")
}
