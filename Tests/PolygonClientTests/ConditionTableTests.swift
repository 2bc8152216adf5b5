import MarketData
import PolygonClient
import PolygonWire
import SimulatorServer
import Testing

/// `conditionTable()`: Polygon's `/v3/reference/conditions` rules, every page logged for the recorder.
struct ConditionTableTests {
    @Test(arguments: ResponseShape.allCases)
    func readsTheServersTable(shapes: ResponseShape) async throws {
        let server = try await LoopbackServer.start { $0.shapes = shapes }
        defer { Task { await server.stop() } }
        let log = ResponseLog()
        let table = try await makeClient(server.base).conditionTable(log: log)
        #expect(table.origin == .recorded)
        #expect(table.conditions == TradeConditionTable.builtIn.conditions)
        #expect(log.responses.map(\.request) == ["/v3/reference/conditions?asset_class=stocks&data_type=trade&limit=1000"])
        #expect(try WireDecoder.conditionsPage(log.responses[0].body).results == table.conditions)
    }

    /// More than 1000 conditions: the client follows `next_url`, and the recorder gets every page.
    @Test func followsNextURL() async throws {
        let many = (0..<2500).map { id in
            TradeCondition(id: Int32(id), name: "Condition \(id)", consolidated: id % 3 == 0 ? .volumeOnly : .all)
        }
        let server = try await LoopbackServer.start {
            $0.conditionTable = .recorded(many)
            $0.shapes = .real
        }
        defer { Task { await server.stop() } }
        let log = ResponseLog()
        let table = try await makeClient(server.base).conditionTable(log: log)
        #expect(table.conditions == many)
        #expect(table.eligibility(of: 300) == .volumeOnly && table.eligibility(of: 301) == .all)
        #expect(log.responses.count == 3)
        #expect(log.responses.dropFirst().allSatisfy { $0.request.hasPrefix("/v3/reference/conditions?cursor=") })
    }

    /// A 404 on a reference endpoint names the request, not a ticker.
    @Test func notFoundIsARejectedRequest() async throws {
        let server = try await ScriptedServer.start { _ in
            .json(#"{"status":"NOT_FOUND","request_id":"r","message":"not found"}"#, status: 404)
        }
        defer { Task { await server.stop() } }
        let error = await #expect(throws: TapeDeckError.self) { try await makeClient(server.base).conditionTable() }
        #expect(error?.code == .requestRejected)
        #expect(error?.message.contains("GET /v3/reference/conditions?asset_class=stocks&data_type=trade&limit=1000") == true)
    }
}
