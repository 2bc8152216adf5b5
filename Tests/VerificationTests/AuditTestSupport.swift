import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Verification

/// Shared fixtures of the audit and golden tests.
enum AuditFixtures {
    /// The package root (this file lives in Tests/VerificationTests/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The committed sample signals.
    static var sampleSignals: [Signal] {
        get throws { try SignalReader.read(contentsOf: packageRoot.appendingPathComponent("recordings/sample-signals.csv").path) }
    }

    /// A few cheap entries: the illiquid and mid symbols, one entry on a minute boundary, one inside a
    /// minute (so a bar straddles it), one late enough for every EMA to be warm.
    static let smallSignals: [Signal] = [
        Signal(symbol: symbol("CROX"), entry: time("2024-03-15 10:00"), id: "crox-1"),
        Signal(symbol: symbol("ETSY"), entry: time("2024-03-15 09:45:30"), id: "etsy-x"),
        Signal(symbol: symbol("ETSY"), entry: time("2024-03-15 11:15"), id: "etsy-2"),
    ]

    /// The committed recording, as the default `tapedeck audit` names it.
    static var sampleArchive: AuditSource {
        let path = packageRoot.appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path
        return AuditSource(label: "archive:recordings/sample-2024-03-15.tapedeck") { try ArchiveSource(path: path) }
    }

    /// The simulator with seed `seed`, as the audit takes sources.
    static func simulator(_ seed: UInt64 = 1) -> AuditSource {
        AuditSource(label: "simulate:\(seed)") { SimulatorSource(seed: seed) }
    }
}

func symbol(_ text: String) -> Symbol { try! Symbol(text) }
func time(_ text: String) -> Timestamp { try! Timestamp(parsing: text) }
