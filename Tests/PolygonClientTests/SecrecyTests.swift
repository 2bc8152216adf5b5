import MarketData
import MarketSimulator
import PolygonClient
import PolygonWire
import SimulatorServer
import Testing

extension LoopbackTests {
    /// The key appears in no log line, error, progress event or recorded response — under faults, with
    /// retries, and when it is rejected.
    @Test func keyLeaksNowhere() async throws {
        let server = try await LoopbackServer.start {
            $0.apiKey = testKey
            $0.faults = try! FaultPlan(parsing: "5xx=0.1,drop=0.05,truncate=0.05,seed=11")
        }
        defer { Task { await server.stop() } }
        let logs = LogCapture()
        let progress = ProgressCapture()
        let recording = ResponseLog()
        let client = try makeClient(server.base) {
            $0.logger = logs.logger
            $0.pageLimit = 500
        }
        let span = window(at(15, 0), at(16, 0))
        let quotes = try await client.quotes(mid, in: span, progress: progress.handler, log: recording)
        #expect(quotes == simulator.quotes(mid, in: span))

        // The same key in a wrong place: a different server key makes the client's key "wrong".
        let strict = try await LoopbackServer.start { $0.apiKey = "another-key" }
        defer { Task { await strict.stop() } }
        let rejected = try makeClient(strict.base) { $0.logger = logs.logger }
        var errors: [String] = []
        do {
            _ = try await rejected.quotes(mid, in: span, progress: progress.handler)
        } catch {
            errors.append("\(error)")
            errors.append(String(reflecting: error))
        }
        #expect(errors.count == 2)

        let texts =
            logs.all + errors + progress.all.map { String(reflecting: $0) }
            + recording.responses.map { $0.request + String(decoding: $0.body, as: UTF8.self) }
        #expect(logs.all.contains { $0.contains("retrying") })
        #expect(!recording.responses.isEmpty)
        #expect(!progress.all.isEmpty)
        for text in texts {
            #expect(!text.contains(testKey), "key leaked in: \(text.prefix(200))")
        }
    }

    /// Every response used is recorded with its canonical request (path, sorted query, no credentials),
    /// and the recorded bodies decode to exactly the records returned. The volume lookup that picks the
    /// chunk length is not archive data and is not recorded.
    @Test func responsesAreRecorded() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let client = try makeClient(server.base) { $0.pageLimit = 1000 }
        let log = ResponseLog()
        let span = window(at(9, 30), at(9, 50))
        let quotes = try await client.quotes(mid, in: span, progress: nil, log: log)
        let chunks = log.responses
        #expect(await server.server.statistics.requestLog.first?.hasPrefix("/v2/aggs/ticker/MID/range/1/day/2024-03-05/2024-03-14?") == true)
        #expect(chunks.allSatisfy { $0.status == 200 && $0.request.hasPrefix("/v3/quotes/MID?") })
        #expect(chunks.contains { $0.request.contains("cursor=") })
        #expect(
            chunks.contains {
                $0.request == "/v3/quotes/MID?limit=1000&order=asc&sort=timestamp&timestamp.gte=\(span.start.nanoseconds)"
                    + "&timestamp.lt=\(at(9, 40).nanoseconds)"
            })
        var decoded: [Quote] = []
        for response in chunks {
            decoded += try WireDecoder.quotesPage(response.body).results
        }
        #expect(decoded.sorted { ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber) } == quotes)
    }
}
