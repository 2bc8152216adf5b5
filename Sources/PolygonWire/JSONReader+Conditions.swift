import MarketData

/// The reader of one `results` element of `GET /v3/reference/conditions`.
///
/// Polygon's shape (polygon-api.md §6a): `id`, `type`, `name`, `asset_class`, `sip_mapping`,
/// `update_rules.{consolidated,market_center}.{updates_high_low,updates_open_close,updates_volume}` and
/// `data_types`, plus fields TapeDeck does not use (`abbreviation`, `description`, `exchange`, `legacy`).
/// Keys may come in any order; unknown ones are skipped.
extension JSONReader {
    /// A sale condition, or `nil` for an element TapeDeck must not turn into a bar rule:
    /// - one without `update_rules.consolidated` (Polygon publishes no consolidated rule for it, so the
    ///   built-in table keeps answering for its id, see ``TradeConditionTable``);
    /// - one whose `data_types` is present and lacks `"trade"` (a quote condition: its id is not a sale
    ///   condition's id, and it must not override one).
    ///
    /// `id` (an `Int32`) and `name` are required, and a present `consolidated` object must carry all three
    /// flags: a half-stated rule is damage, not a rule.
    mutating func condition(index: Int) throws(TapeDeckError) -> TradeCondition? {
        skipWhitespace()
        let start = offset
        var id: Int32?
        var name: String?
        var consolidated: BarEligibility?
        var isTradeCondition = true
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject("'{' starting results[\(index)]") {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "id" {
                    try once(&seen, 1 << 0, "id", in: "results[\(index)]", at: keyOffset)
                    let idOffset = offset
                    let value = try int64("id")
                    guard let narrow = Int32(exactly: value) else {
                        throw TapeDeckError.malformedJSON(at: idOffset, "condition id \(value) is out of range for Int32")
                    }
                    id = narrow
                } else if key == "name" {
                    try once(&seen, 1 << 1, "name", in: "results[\(index)]", at: keyOffset)
                    name = try string("name")
                } else if key == "update_rules" {
                    try once(&seen, 1 << 2, "update_rules", in: "results[\(index)]", at: keyOffset)
                    if !null() { consolidated = try updateRules(index: index) }
                } else if key == "data_types" {
                    try once(&seen, 1 << 3, "data_types", in: "results[\(index)]", at: keyOffset)
                    if !null() { isTradeCondition = try listsTrade(index: index) }
                } else {
                    try once(key, in: &others, object: "results[\(index)]", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let id else { throw JSONReader.missingConditionField("id", index: index, at: start) }
        guard let name else { throw JSONReader.missingConditionField("name", index: index, at: start) }
        guard isTradeCondition, let consolidated else { return nil }
        return TradeCondition(id: id, name: name, consolidated: consolidated)
    }

    /// `update_rules`: returns its `consolidated` rule, or `nil` if it has none. `market_center` and any
    /// other member are checked for syntax and skipped.
    private mutating func updateRules(index: Int) throws(TapeDeckError) -> BarEligibility? {
        guard current == UInt8(ascii: "{") else {
            throw typeFailure(expected: "an object", field: "update_rules")
        }
        var consolidated: BarEligibility?
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject() {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "consolidated" {
                    try once(&seen, 1 << 0, "consolidated", in: "results[\(index)].update_rules", at: keyOffset)
                    if !null() { consolidated = try eligibility(index: index) }
                } else {
                    try once(key, in: &others, object: "results[\(index)].update_rules", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        return consolidated
    }

    /// `{"updates_high_low":…,"updates_open_close":…,"updates_volume":…}`, all three required.
    private mutating func eligibility(index: Int) throws(TapeDeckError) -> BarEligibility {
        guard current == UInt8(ascii: "{") else {
            throw typeFailure(expected: "an object", field: "consolidated")
        }
        let start = offset
        var highLow: Bool?
        var openClose: Bool?
        var volume: Bool?
        var seen: UInt32 = 0
        var others = MemberNames()
        if try beginObject() {
            repeat {
                skipWhitespace()
                let keyOffset = offset
                let key = try key()
                if key == "updates_high_low" {
                    try once(&seen, 1 << 0, "updates_high_low", in: "results[\(index)].update_rules.consolidated", at: keyOffset)
                    highLow = try bool("updates_high_low")
                } else if key == "updates_open_close" {
                    try once(&seen, 1 << 1, "updates_open_close", in: "results[\(index)].update_rules.consolidated", at: keyOffset)
                    openClose = try bool("updates_open_close")
                } else if key == "updates_volume" {
                    try once(&seen, 1 << 2, "updates_volume", in: "results[\(index)].update_rules.consolidated", at: keyOffset)
                    volume = try bool("updates_volume")
                } else {
                    try once(key, in: &others, object: "results[\(index)].update_rules.consolidated", at: keyOffset)
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let highLow else { throw JSONReader.missingRule("updates_high_low", index: index, at: start) }
        guard let openClose else { throw JSONReader.missingRule("updates_open_close", index: index, at: start) }
        guard let volume else { throw JSONReader.missingRule("updates_volume", index: index, at: start) }
        return BarEligibility(updatesHighLow: highLow, updatesOpenClose: openClose, updatesVolume: volume)
    }

    /// Whether a `data_types` array of strings contains `"trade"`.
    private mutating func listsTrade(index: Int) throws(TapeDeckError) -> Bool {
        guard current == UInt8(ascii: "[") else {
            throw typeFailure(expected: "an array of strings", field: "data_types")
        }
        var found = false
        if try beginArray() {
            repeat {
                if try string("data_types") == "trade" { found = true }
            } while try nextElement()
        }
        return found
    }

    private static func missingConditionField(_ field: StaticString, index: Int, at offset: Int) -> TapeDeckError {
        .malformedJSON(at: offset, "expected \"\(field)\" in results[\(index)], which starts here, but it is missing")
    }

    private static func missingRule(_ field: StaticString, index: Int, at offset: Int) -> TapeDeckError {
        .malformedJSON(
            at: offset,
            "expected \"\(field)\" in results[\(index)].update_rules.consolidated, which starts here, but it is missing")
    }
}
