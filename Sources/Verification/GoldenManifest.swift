import Backtest
import Foundation
import MarketData

/// `golden/manifest.json`: the golden sets `swift test` and `tapedeck golden verify|update` check.
///
/// Adding the archive's set is one entry: `{"name": "archive-2024-03-15/sample-signals",
/// "source": "archive:recordings/…", "signals": "recordings/sample-signals.csv"}`, then
/// `tapedeck golden update --set archive-2024-03-15/sample-signals` and a reviewed commit.
public struct GoldenManifest: Hashable, Sendable, Codable {
    public var sets: [GoldenSet]

    public init(sets: [GoldenSet]) {
        self.sets = sets
    }

    /// The manifest's path under a package root.
    public static func url(root: URL) -> URL {
        root.appendingPathComponent("golden").appendingPathComponent("manifest.json")
    }

    /// Reads `golden/manifest.json` under `root`.
    public static func load(root: URL) throws(TapeDeckError) -> GoldenManifest {
        let url = url(root: root)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TapeDeckError(.goldenManifest, "cannot read \(url.path); run from the package root (or pass --root)")
        }
        do {
            return try JSONDecoder().decode(GoldenManifest.self, from: data)
        } catch {
            throw TapeDeckError(.goldenManifest, "\(url.path) is not a valid golden manifest (\(error)); fix its JSON")
        }
    }

    /// The sets named in `names` (all when empty), or an error naming the unknown one.
    public func sets(named names: [String]) throws(TapeDeckError) -> [GoldenSet] {
        guard !names.isEmpty else { return sets }
        var chosen: [GoldenSet] = []
        for name in names {
            guard let set = sets.first(where: { $0.name == name }) else {
                throw TapeDeckError(.goldenManifest, "no golden set \"\(name)\"; known: \(sets.map(\.name).joined(separator: ", "))")
            }
            chosen.append(set)
        }
        return chosen
    }
}
