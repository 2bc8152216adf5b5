import ArgumentParser
import Foundation
import MarketData
import MarketSimulator
import PolygonClient

/// Chooses the live source for `tapedeck record` and `tapedeck backtest --live`.
enum RecordSourceFactory {
    /// The in-process simulator for `--simulate SEED`, otherwise the live Polygon client: key from
    /// `POLYGON_API_KEY` or `MASSIVE_API_KEY` (never echoed), base URL from `--base-url`, else
    /// `POLYGON_BASE_URL`, else Massive's.
    static func source(simulate seed: UInt64?, baseURL: String?, rateLimit: Int? = nil, adjusted: Bool = false) throws
        -> any RecordableSource
    {
        if let seed { return SimulatorSource(seed: seed) }
        var configuration = try PolygonClient.Configuration.fromEnvironment()
        if let baseURL { configuration.baseURL = baseURL }
        configuration.adjusted = adjusted
        configuration.requestsPerMinute = try Self.rateLimit(rateLimit)
        return try PolygonClient(configuration: configuration)
    }

    /// The environment variable holding a default `--rate-limit` (requests per minute).
    static let rateLimitVariable = "TAPEDECK_RATE_LIMIT"

    /// `--rate-limit` if given, else `TAPEDECK_RATE_LIMIT`, else none.
    static func rateLimit(_ option: Int?) throws -> Int? {
        if let option { return option }
        guard let text = ProcessInfo.processInfo.environment[rateLimitVariable], !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw ValidationError("\(rateLimitVariable)=\(text) is not a positive whole number of requests per minute; fix or unset it")
        }
        return value
    }

    /// The key for the stocks feed at `url`: from the environment, as for REST; a feed on this machine
    /// (`tapedeck serve`) takes any key, so there it may be missing.
    static func feedKey(for url: String) throws -> APIKey {
        do {
            return try PolygonClient.Configuration.fromEnvironment().apiKey
        } catch {
            let host = URLComponents(string: url)?.host ?? ""
            guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else { throw error }
            return APIKey("local-feed")
        }
    }

    /// The API keys in the environment: texts a recording must never contain.
    static var secrets: [String] {
        let environment = ProcessInfo.processInfo.environment
        return ["POLYGON_API_KEY", "MASSIVE_API_KEY"].compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
