import MarketData

extension WireEncoder {
    /// A `/v3/reference/conditions` page of stock sale conditions:
    /// `{"results":[…],"status":"OK","request_id":…,"count":…,"next_url":…}`, `results` present even when
    /// empty, `next_url` only when given.
    ///
    /// Each condition is written in the order of Polygon's fixture, `{"id","type":"sale_condition","name",
    /// "asset_class":"stocks","update_rules":{"consolidated":{…},"market_center":{…}},"data_types":["trade"]}`,
    /// with `market_center` equal to `consolidated` (``TradeCondition`` keeps only the consolidated rule;
    /// Polygon's fixture has them equal for every id it lists). `sip_mapping` is left off, because
    /// ``TradeCondition`` does not carry it.
    /// - Parameters:
    ///   - count: Polygon's `count`; defaults to the number of conditions on this page.
    public static func conditionsPage(
        _ conditions: some Collection<TradeCondition>, requestID: String, nextURL: String? = nil, count: Int? = nil
    ) -> [UInt8] {
        let conditions = Array(conditions)
        var bound = WireSize.pageFixed + WireSize.string(requestID) + WireSize.string(nextURL)
        for condition in conditions { bound += WireSize.conditionFixed + WireSize.string(condition.name) }
        return write(bound: bound) { writer in
            writer.raw("{\"results\":[")
            for index in conditions.indices {
                if index != 0 { writer.byte(UInt8(ascii: ",")) }
                writer.condition(conditions[index])
            }
            writer.raw("],\"status\":\"OK\",\"request_id\":")
            writer.string(requestID)
            writer.raw(",\"count\":")
            writer.int(count ?? conditions.count)
            if let nextURL {
                writer.raw(",\"next_url\":")
                writer.string(nextURL)
            }
            writer.byte(UInt8(ascii: "}"))
        }
    }
}

extension ByteWriter {
    mutating func condition(_ condition: TradeCondition) {
        raw("{\"id\":")
        int(Int64(condition.id))
        raw(",\"type\":\"sale_condition\",\"name\":")
        string(condition.name)
        raw(",\"asset_class\":\"stocks\",\"update_rules\":{\"consolidated\":")
        rule(condition.consolidated)
        raw(",\"market_center\":")
        rule(condition.consolidated)
        raw("},\"data_types\":[\"trade\"]}")
    }

    /// `{"updates_high_low":…,"updates_open_close":…,"updates_volume":…}`.
    private mutating func rule(_ rule: BarEligibility) {
        raw("{\"updates_high_low\":")
        bool(rule.updatesHighLow)
        raw(",\"updates_open_close\":")
        bool(rule.updatesOpenClose)
        raw(",\"updates_volume\":")
        bool(rule.updatesVolume)
        byte(UInt8(ascii: "}"))
    }
}

extension WireSize {
    /// Keys, punctuation, the id and both rules of a condition; its name comes on top.
    static let conditionFixed = 512
}
