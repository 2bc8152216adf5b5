// swift-tools-version: 6.1
// Benchmarks live in their own package so that the main build and CI never compile ordo-one/benchmark.
// Run from this folder: `swift package benchmark` (release build); figures go to ../BENCHMARKS.md.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the checkout is called.
let tapeDeck = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "TapeDeckBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: []
)

/// One executable target per suite under Benchmarks/<Name>/.
func suite(_ name: String, _ products: [String], extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: tapeDeck) } + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    suite("WireBenchmarks", ["PolygonWire", "MarketData"]),
    suite("SimulatorBenchmarks", ["MarketSimulator", "MarketData"]),
    suite("ArchiveBenchmarks", ["TapeArchive", "TapeCodec", "MarketSimulator", "MarketData"]),
    suite(
        "ServerBenchmarks", ["SimulatorServer", "TapeArchive", "PolygonClient", "PolygonWire", "MarketSimulator", "MarketData"],
        extra: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    suite("EngineBenchmarks", ["Backtest", "Adapters", "Calculations", "MarketSimulator", "MarketData", "TapeArchive"]),
    suite("ClientBenchmarks", ["PolygonClient", "SimulatorServer", "MarketSimulator", "MarketData"]),
    suite("AdapterBenchmarks", ["Backtest", "Adapters", "MarketSimulator", "MarketData"]),
    suite("AuditBenchmarks", ["Backtest", "Verification", "Adapters", "MarketSimulator", "MarketData"]),
    suite("RecordBenchmarks", ["TapeArchive", "PolygonClient", "SimulatorServer", "MarketSimulator", "MarketData"]),
]
