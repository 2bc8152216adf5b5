import Adapters
import Backtest
import MarketData
import MarketSimulator
import Testing
import Verification

/// The audit checks adapter names before it reads anything, with the same error as the backtest.
struct AuditContractTests {
    @Test func twoAdaptersOfOneNameAreRefusedBeforeAnyRead() async throws {
        let ema = EMAAdapter(name: "M1EMA", timeframe: .minute1)
        let signal = Signal(symbol: try Symbol("CROX"), entry: try Timestamp(parsing: "2024-03-15 10:00"))
        let audit = await #expect(throws: TapeDeckError.self) {
            try await AuditRunner(source: AuditSource(label: "x") { SimulatorSource(seed: 1) }, adapters: [ema, ema]).run([signal])
        }
        #expect(audit?.code == .invalidAdapter)
        #expect(audit?.message.hasPrefix("adapter \"M1EMA\" cannot run: two adapters have this name") == true)
    }
}
