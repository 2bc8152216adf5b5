import ArgumentParser
import Foundation
import MarketData
import MarketSimulator
import TapeArchive

/// Where `backtest` and `audit` read market data: archives (offline), the simulator, or the live API
/// through a cache archive that keeps every response, so a repeated run makes no request.
struct SourceOptions: ParsableArguments {
    @Option(
        parsing: .singleValue,
        help: "Replay from a TapeDeck archive (offline); repeat it, or name a directory of *.tapedeck files, to read several as one.")
    var archive: [String] = []

    @Option(help: "Use the deterministic simulator with this seed instead of a recording.")
    var simulate: UInt64?

    @Flag(help: "Fetch from Polygon/Massive (needs POLYGON_API_KEY), keeping every response in the --cache archive.")
    var live = false

    @Option(help: "With --live: the cache archive (default: $XDG_CACHE_HOME/tapedeck/cache.tapedeck, else ~/.cache/tapedeck/cache.tapedeck).")
    var cache: String?

    @Option(help: "With --live: a Polygon-compatible base URL (default: POLYGON_BASE_URL, else Massive's).")
    var baseURL: String?

    @Option(help: "With --live: requests per minute (Polygon's free plan allows 5; default: \(RecordSourceFactory.rateLimitVariable) or none).")
    var rateLimit: Int?

    /// Whether a source option was given (else commands use their default).
    var isGiven: Bool { !archive.isEmpty || simulate != nil || live }

    func validate() throws {
        let sources = [!archive.isEmpty, simulate != nil, live].filter { $0 }.count
        guard sources <= 1 else { throw ValidationError("choose one source: --archive FILE, --simulate SEED or --live") }
        guard live || (cache == nil && baseURL == nil && rateLimit == nil) else {
            throw ValidationError("--cache, --base-url and --rate-limit go with --live")
        }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit \(rateLimit) must be at least 1 request per minute") }
    }

    /// The default cache archive path, from the XDG base-directory rules.
    static func defaultCachePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache")
        return ((base as NSString).appendingPathComponent("tapedeck") as NSString).appendingPathComponent("cache.tapedeck")
    }

    /// The live source: the client behind a recorder into the cache archive, behind an in-memory LRU.
    func liveCache() throws -> TieredCache {
        let path = cache ?? Self.defaultCachePath()
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("cannot create the cache folder \(directory): \(error.localizedDescription); pass --cache FILE")
            }
        }
        let client = try RecordSourceFactory.source(simulate: nil, baseURL: baseURL, rateLimit: rateLimit)
        try Recorder.checkSecretsAreCheckable(RecordSourceFactory.secrets)
        var configuration = RecorderConfiguration(clock: RecordCommand.clock).withSecrets(RecordSourceFactory.secrets)
        configuration.adaptiveChunks = true
        return TieredCache(recorder: Recorder(archive: try Archive(path: path), source: client, mode: .new, configuration: configuration))
    }

    /// The source these options name; `defaultArchive` when none is named.
    func makeSource(defaultArchive: String) throws -> any MarketDataSource {
        if live { return try liveCache() }
        if let simulate { return SimulatorSource(seed: simulate) }
        return try ArchiveSource(paths: archive.isEmpty ? [defaultArchive] : archive)
    }
}

extension TieredCache {
    /// `cache: 3 windows from memory, 2 from the cache archive, 1 fetched (12 chunks)`, for standard error.
    var summary: String {
        get async {
            let fetched = misses - diskHits
            return
                "cache: \(hits) windows from memory, \(diskHits) from the cache archive \(recorder.archive.path), \(fetched) fetched (\(chunksFetched) chunks)"
        }
    }
}
