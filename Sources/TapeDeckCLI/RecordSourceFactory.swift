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
    static func source(
        simulate seed: UInt64?, profiles: [Symbol: LiquidityProfile] = [:], baseURL: String?, rateLimit: Int? = nil, adjusted: Bool = false
    ) throws -> any RecordableSource {
        if let seed { return SimulatorSource(seed: seed, profileOverrides: profiles) }
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
            guard isOnThisMachine(url) else { throw error }
            return APIKey("local-feed")
        }
    }

    /// The REST source a stream recording reads the trade-condition table from: `--base-url`, or for a
    /// feed on this machine the same server (`tapedeck serve` answers both), where, as for the feed, no
    /// key is needed.
    static func restSource(besideFeed url: String, baseURL: String?, rateLimit: Int?) throws -> any RecordableSource {
        guard baseURL == nil, isOnThisMachine(url), var server = URLComponents(string: url) else {
            return try source(simulate: nil, baseURL: baseURL, rateLimit: rateLimit)
        }
        server.scheme = server.scheme == "wss" ? "https" : "http"
        server.path = ""
        var configuration = PolygonClient.Configuration(baseURL: server.string ?? url, apiKey: try feedKey(for: url))
        configuration.requestsPerMinute = try Self.rateLimit(rateLimit)
        return try PolygonClient(configuration: configuration)
    }

    /// Whether `url`'s host is this machine (loopback).
    private static func isOnThisMachine(_ url: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(URLComponents(string: url)?.host ?? "")
    }

    /// The API keys in the environment: texts a recording must never contain.
    static var secrets: [String] {
        let environment = ProcessInfo.processInfo.environment
        return ["POLYGON_API_KEY", "MASSIVE_API_KEY"].compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
