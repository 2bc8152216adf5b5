import Foundation
import MarketData
import PolygonWire
import SimulatorServer
import Testing

/// `GET /v3/reference/conditions`: Polygon's parameters, limits, paging and error bodies over the
/// server's condition table.
struct ConditionsEndpointTests {
    static let builtIn = TradeConditionTable.builtIn.conditions

    /// Follows `next_url` from `first`, decoding every page.
    static func all(_ server: TestServer, _ first: String) async throws -> (conditions: [TradeCondition], pages: Int) {
        let (records, pages) = try await PagingTests.pageThrough(server, first, decode: WireDecoder.conditionsPage)
        return (records, pages)
    }

    /// Polygon's default limit is 10: the built-in table comes in pages of ten, in id order, then ends.
    @Test func defaultLimitPagesByTen() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let first = try await server.get("/v3/reference/conditions?asset_class=stocks&data_type=trade")
        #expect(first.status == 200)
        let page = try WireDecoder.conditionsPage(Array(first.body))
        #expect(page.results == Array(Self.builtIn.prefix(10)))
        #expect(page.count == 10)
        #expect(page.nextURL?.hasPrefix(server.base + "/v3/reference/conditions?cursor=") == true)
        let all = try await Self.all(server, "/v3/reference/conditions?asset_class=stocks&data_type=trade")
        #expect(all.conditions == Self.builtIn)
        #expect(all.pages == (Self.builtIn.count + 9) / 10)
    }

    /// `limit=1000` (what TapeDeck's client sends) is one page holding the whole table.
    @Test func limit1000IsOnePage() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/reference/conditions?asset_class=stocks&data_type=trade&limit=1000")
        let page = try WireDecoder.conditionsPage(Array(reply.body))
        #expect(page.results == Self.builtIn)
        #expect(page.nextURL == nil)
        #expect(page.status == "OK" && page.requestID?.count == 32)
        // Polygon's shape, as client-python's models read it.
        let first = try #require((reply.json["results"] as? [[String: Any]])?.first)
        #expect(first["type"] as? String == "sale_condition")
        #expect(first["asset_class"] as? String == "stocks")
        #expect(first["data_types"] as? [String] == ["trade"])
        let rules = try #require(first["update_rules"] as? [String: [String: Bool]])
        #expect(rules["consolidated"] == rules["market_center"])
        #expect(rules["consolidated"]?["updates_volume"] == true)
    }

    @Test(
        arguments: [
            ("id=37", [37]), ("id=999", []), ("asset_class=options", []), ("asset_class=crypto&data_type=trade", []),
            ("data_type=bbo", []), ("data_type=nbbo", []), ("sip=CTA", []), ("asset_class=stocks&id=12", [12]),
        ] as [(String, [Int32])])
    func filters(_ query: String, _ ids: [Int32]) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/reference/conditions?\(query)&limit=1000")
        #expect(reply.status == 200)
        let page = try WireDecoder.conditionsPage(Array(reply.body))
        #expect(page.results.map(\.id) == ids)
        #expect(page.count == ids.count)
    }

    @Test func orderAndSort() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let descending = try await Self.all(server, "/v3/reference/conditions?order=desc&limit=7")
        #expect(descending.conditions == Self.builtIn.reversed())
        let byName = try await Self.all(server, "/v3/reference/conditions?sort=name&limit=4")
        #expect(byName.conditions.map(\.name) == Self.builtIn.map(\.name).sorted())
        let byType = try await Self.all(server, "/v3/reference/conditions?sort=type&order=asc&limit=1000")
        #expect(byType.conditions == Self.builtIn)
    }

    /// A table given in the configuration is served instead of the built-in one.
    @Test func configuredTableIsServed() async throws {
        let custom = [
            TradeCondition(id: 7, name: "Cash Sale", consolidated: .all),
            TradeCondition(id: 300, name: "Beyond the dense range", consolidated: .none),
        ]
        let server = try await TestServer.start { $0.conditionTable = .recorded(custom) }
        defer { Task { await server.stop() } }
        let all = try await Self.all(server, "/v3/reference/conditions?limit=1")
        #expect(all.conditions == custom)
        #expect(all.pages == 2)
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("asset_class=bonds", "asset_class"),
        ("data_type=quote", "data_type"), ("id=abc", "id"), ("order=up", "order"), ("sort=price", "sort"),
        ("sip=XYZ", "sip"), ("cursor=%21%21", "cursor"),
    ])
    func badParametersAre400WithPolygonsBody(_ query: String, _ named: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/reference/conditions?\(query)")
        #expect(reply.status == 400)
        #expect(reply.json["status"] as? String == "ERROR")
        #expect((reply.json["error"] as? String)?.contains("'\(named)'") == true, "\(reply.json)")
        #expect(reply.json.keys.sorted() == ["error", "request_id", "status"])
    }

    @Test func missingKeyIs401() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v3/reference/conditions", bearer: nil)
        #expect(reply.status == 401)
        #expect(reply.json["error"] as? String == "API Key was not provided")
    }
}
