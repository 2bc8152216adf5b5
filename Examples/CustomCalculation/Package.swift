// swift-tools-version: 6.1
// A calculation of one's own, run by every `tapedeck` command without forking TapeDeck
// (docs/WRITING-ADAPTERS.md walks through it). CI builds this package and runs its tests.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the TapeDeck checkout is called.
let tapeDeck = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "CustomCalculation",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A real project names TapeDeck's repository and a version here instead of a path.
        .package(path: "../..")
    ],
    targets: [
        // Step 1 and 2: the kernel (values in, values out) and the adapter binding it to data.
        .target(
            name: "TradeRange",
            dependencies: [
                .product(name: "MarketData", package: tapeDeck), .product(name: "Backtest", package: tapeDeck),
            ]
        ),
        // Step 4: registration. `custom-tapedeck` is `tapedeck` with the adapter added.
        .executableTarget(
            name: "custom-tapedeck",
            dependencies: [
                "TradeRange", .product(name: "TapeDeckCLI", package: tapeDeck), .product(name: "Adapters", package: tapeDeck),
            ]
        ),
        .testTarget(
            name: "TradeRangeTests",
            dependencies: [
                "TradeRange", "custom-tapedeck", .product(name: "AdapterTestKit", package: tapeDeck), .product(name: "Backtest", package: tapeDeck),
                .product(name: "MarketData", package: tapeDeck), .product(name: "Verification", package: tapeDeck),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
