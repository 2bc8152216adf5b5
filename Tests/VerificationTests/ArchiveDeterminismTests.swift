import Adapters
import Backtest
import Foundation
import MarketData
import MarketSimulator
import TapeArchive
import Testing
import Verification

/// The committed recording was made by serving the simulator (seed 1) over HTTP and recording it through
/// the live client (`tools/record-sample.sh`): every adapter must give byte-identical results on it and on
/// the in-process simulator, and the audit must pass on it.
struct ArchiveDeterminismTests {
    static var archivePath: String { AuditFixtures.packageRoot.appendingPathComponent("recordings/sample-2024-03-15.tapedeck").path }

    @Test func inProcessSimulatorEqualsServedAndRecordedArchive() async throws {
        let signals = try AuditFixtures.sampleSignals
        let differences = try await AuditDeterminism.compare(
            .init(SimulatorSource(seed: 1), parallelism: 1), .init(try ArchiveSource(path: Self.archivePath), parallelism: 4),
            signals: signals, adapters: AdapterRegistry.builtIn.adapters, label: "simulator vs archive")
        #expect(differences.count == AdapterRegistry.builtIn.adapters.count)
        for (adapter, failure) in differences.sorted(by: { $0.key < $1.key }) {
            #expect(failure == nil, "\(adapter): \(String(describing: failure))")
        }
    }
}
