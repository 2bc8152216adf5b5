import ArgumentParser
import MarketData
import MarketSimulator

/// Chooses the source `tapedeck record` records from.
///
/// Today only the in-process simulator (`--simulate SEED`) exists here. The live client lands with
/// issue 5: the marked spot below is where it plugs in for `--base-url` (key from `POLYGON_API_KEY` or
/// `MASSIVE_API_KEY`, never echoed).
enum RecordSourceFactory {
    static func source(simulate seed: UInt64?, baseURL: String?) throws -> any MarketDataSource {
        if let seed {
            return SimulatorSource(seed: seed)
        }
        // LEAD: plug the live PolygonClient here, e.g.
        //     return try PolygonClient(baseURL: baseURL ?? "https://api.polygon.io", apiKey: .fromEnvironment())
        // It must append every raw response it uses to `ResponseLog.current` (the Recorder sets it per chunk),
        // and RecordCommand should then set `RecorderConfiguration.secrets = [apiKey]` so that a response
        // echoing the key is refused rather than stored.
        throw ValidationError(
            "the live Polygon client is not available in this build yet\(baseURL.map { " (--base-url \($0))" } ?? ""); use --simulate SEED to record the simulator"
        )
    }
}
