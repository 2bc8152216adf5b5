// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming features the
/// model server codebases enable, so that new code is written the way it will have to be.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "TapeDeck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tapedeck", targets: ["tapedeck"]),
        .library(name: "TapeDeckCLI", targets: ["TapeDeckCLI"]),
        .library(name: "AdapterTestKit", targets: ["AdapterTestKit"]),
        .library(name: "MarketData", targets: ["MarketData"]),
        .library(name: "PolygonWire", targets: ["PolygonWire"]),
        .library(name: "MarketSimulator", targets: ["MarketSimulator"]),
        .library(name: "SimulatorServer", targets: ["SimulatorServer"]),
        .library(name: "Calculations", targets: ["Calculations"]),
        .library(name: "Backtest", targets: ["Backtest"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "Adapters", targets: ["Adapters"]),
        .library(name: "PolygonClient", targets: ["PolygonClient"]),
        .library(name: "TapeCodec", targets: ["TapeCodec"]),
        .library(name: "TapeArchive", targets: ["TapeArchive"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Property-based tests (the bounded fuzz runs of Tests/FuzzTests); tests only.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Already in the graph through Hummingbird and AsyncHTTPClient; named because targets import them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Market-data model, session calendar, errors and the source protocol. No I/O, no dependencies.
        .target(name: "MarketData", swiftSettings: swiftSettings),
        // zlib from the system (Debian: zlib1g-dev).
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Polygon's JSON wire format: decoders and byte-stable encoders shared by client and server.
        .target(name: "PolygonWire", dependencies: ["MarketData"], swiftSettings: swiftSettings),
        // Deterministic generator of quotes, trades and minute aggregates.
        .target(name: "MarketSimulator", dependencies: ["MarketData"], exclude: ["README.md"], swiftSettings: swiftSettings),
        // Hummingbird app serving Polygon's endpoints from the simulator (or any MarketDataSource).
        .target(
            name: "SimulatorServer",
            dependencies: [
                "MarketData", "PolygonWire", "MarketSimulator", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Pure calculation kernels: values in, values out; no time source, I/O or engine knowledge.
        .target(name: "Calculations", dependencies: ["MarketData"], swiftSettings: swiftSettings),
        // Backtest engine: requirements, fetch-once planner, DataCache and views, merged event stream, runner.
        .target(
            name: "Backtest",
            dependencies: [
                "MarketData",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The audit (no look-ahead, declared windows only, determinism) and golden files, on the engine's
        // package-level evaluation API.
        .target(
            name: "Verification", dependencies: ["MarketData", "Backtest", "TapeCodec"],
            swiftSettings: swiftSettings),
        // The calculations bound to data requirements, and the registry of adapters by name.
        .target(name: "Adapters", dependencies: ["MarketData", "Backtest", "Calculations"], swiftSettings: swiftSettings),
        // Live MarketDataSource over Polygon's REST API (or Massive, or the simulator server).
        .target(
            name: "PolygonClient",
            dependencies: [
                "MarketData", "PolygonWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // The columnar segment codec: records to bit-packed, zlib-compressed bytes and back. Pure: no
        // SQLite, no GRDB, no I/O, so it can be fuzzed and benchmarked alone.
        .target(name: "TapeCodec", dependencies: ["MarketData", "CZlib"], swiftSettings: swiftSettings),
        // SQLite archive (raw responses, segments, coverage), Recorder, ArchiveSource, cache.
        .target(
            name: "TapeArchive",
            dependencies: [
                "MarketData", "PolygonWire", "TapeCodec", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // `tapedeck report`: a run, its audit and its market data as one self-contained HTML page.
        .target(
            name: "Report", dependencies: ["MarketData", "Backtest", "Verification", "Calculations"], exclude: ["README.md"],
            swiftSettings: swiftSettings),
        // Every `tapedeck` command, as a library: `TapeDeckCLI.main(registry:)` runs them with any registry,
        // so a user's package adds its adapters without forking (Examples/CustomCalculation).
        .target(
            name: "TapeDeckCLI",
            dependencies: [
                "MarketData", "PolygonWire", "MarketSimulator", "SimulatorServer", "Backtest", "Verification", "Adapters", "TapeArchive",
                "PolygonClient", "Report", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers for testing one's own adapter: a hand-made market, values at entries, the audit of one adapter.
        .target(
            name: "AdapterTestKit", dependencies: ["MarketData", "MarketSimulator", "Backtest", "Verification"],
            swiftSettings: swiftSettings),
        // The `tapedeck` executable: the command set with TapeDeck's own adapters.
        .executableTarget(name: "tapedeck", dependencies: ["TapeDeckCLI", "Adapters"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AdapterTestKitTests", dependencies: ["AdapterTestKit", "Adapters", "Backtest", "Verification", "MarketData", "MarketSimulator"],
            swiftSettings: swiftSettings),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData"], swiftSettings: swiftSettings),
        .testTarget(name: "PolygonWireTests", dependencies: ["PolygonWire", "MarketData"], swiftSettings: swiftSettings),
        .testTarget(name: "MarketSimulatorTests", dependencies: ["MarketSimulator", "MarketData"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SimulatorServerTests",
            dependencies: [
                "SimulatorServer", "MarketSimulator", "MarketData", "PolygonWire", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CalculationsTests", dependencies: ["Calculations", "MarketData"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BacktestTests", dependencies: ["Backtest", "Adapters", "MarketData", "MarketSimulator", "TapeArchive"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VerificationTests",
            dependencies: ["Verification", "Backtest", "Adapters", "MarketData", "MarketSimulator", "TapeArchive", "TapeCodec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AdaptersTests",
            dependencies: ["Adapters", "Backtest", "Calculations", "MarketData", "MarketSimulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PolygonClientTests",
            dependencies: [
                "PolygonClient", "SimulatorServer", "MarketSimulator", "MarketData", "PolygonWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TapeArchiveTests",
            dependencies: [
                "TapeArchive", "TapeCodec", "MarketSimulator", "PolygonWire", "MarketData", "PolygonClient", "SimulatorServer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TapeCodecTests", dependencies: ["TapeCodec", "MarketData", "MarketSimulator"], swiftSettings: swiftSettings),
        .testTarget(name: "CZlibTests", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        // Fuzz targets as property-based tests: the wire JSON reader, the segment decoder, the page cursor,
        // the signals reader and the time parser (docs/FUZZING.md).
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "MarketData", "PolygonWire", "Backtest", "TapeCodec", "TapeArchive", "MarketSimulator", "CZlib",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportTests", dependencies: ["Report", "Backtest", "Verification", "Adapters", "MarketData", "TapeArchive"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TapeDeckCLITests",
            dependencies: [
                "TapeDeckCLI", "tapedeck", "MarketData", "MarketSimulator", "SimulatorServer", "TapeArchive", "Verification", "Backtest", "Adapters",
            ],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
