/// How a trade may update a consolidated (SIP) bar.
public struct BarEligibility: Hashable, Sendable, CustomStringConvertible {
    /// The trade may set the bar's high and low.
    public var updatesHighLow: Bool
    /// The trade may set the bar's open and close (the "last" price).
    public var updatesOpenClose: Bool
    /// The trade's size counts in the bar's volume (and its price in the vwap).
    public var updatesVolume: Bool

    public init(updatesHighLow: Bool, updatesOpenClose: Bool, updatesVolume: Bool) {
        self.updatesHighLow = updatesHighLow
        self.updatesOpenClose = updatesOpenClose
        self.updatesVolume = updatesVolume
    }

    /// A regular sale: updates everything.
    public static let all = BarEligibility(updatesHighLow: true, updatesOpenClose: true, updatesVolume: true)
    /// Counts towards volume only (odd lots, Form T, average-price trades, …).
    public static let volumeOnly = BarEligibility(updatesHighLow: false, updatesOpenClose: false, updatesVolume: true)
    /// Updates nothing.
    public static let none = BarEligibility(updatesHighLow: false, updatesOpenClose: false, updatesVolume: false)

    public var description: String {
        "high/low \(updatesHighLow ? "yes" : "no"), open/close \(updatesOpenClose ? "yes" : "no"), volume \(updatesVolume ? "yes" : "no")"
    }
}

/// The one table saying which SIP sale conditions update a consolidated bar's open/close, high/low and
/// volume: the built-in table (the offline default) or the one an archive recorded from Polygon's
/// `GET /v3/reference/conditions` (see ``recorded(_:)``). The simulator builds its minute aggregates with
/// it, bars rebuilt from trades use it, and the engine's trade eligibility comes from it.
///
/// Sources of the built-in rules, in order of authority:
/// - ids 1-10: Polygon's own `GET /v3/reference/conditions?asset_class=stocks&data_type=trade` as
///   captured in polygon-io/client-python `test_rest/mocks/v3/reference/conditions&asset_class=stocks.json`
///   (`update_rules.consolidated`);
/// - ids 0 and 11-53: QuantConnect Lean's `ToolBox/Polygon/PolygonSIPTradeMappings.cs` ("SIP sale
///   conditions according to the Polygon Data Vendor", polygon.io/glossary/us/stocks/conditions-indicators),
///   whose rows for ids 1-10 agree with Polygon's fixture. See `../shared/reference/polygon-api.md` §6.
///
/// The session rule (Massive's knowledge base, "Does a Form T trade update a pre-market minute bar's
/// high, low, open and close?"): on pre-market (04:00–09:30) and after-hours (the close to 20:00) minute
/// bars a Form T trade (12) sets open, high, low and close unless another of its conditions forbids
/// prices (odd lot, say); the published `false` flags of Form T describe regular-hours minute bars and the
/// daily bar, which never take a price from it. ``eligibility(of:in:)`` applies it.
///
/// Rules TapeDeck adds, because no source states them:
/// - a trade with several conditions updates a field only if every one of its conditions allows it
///   (the CTA/UTP practice); a trade with no conditions is a regular sale;
/// - an id the sources list without flags, or do not list at all, counts towards volume only: its size
///   was traded, but a price of unknown standing must not move the bar;
/// - a recorded table answers for the ids it lists; the built-in table answers for the others.
public struct TradeConditionTable: Hashable, Sendable, CustomStringConvertible {
    /// Where the table's rules come from.
    public enum Origin: Hashable, Sendable {
        /// TapeDeck's built-in table, cited above.
        case builtIn
        /// Polygon's conditions endpoint, recorded into an archive (ids it lacks fall back to built-in).
        case recorded
    }

    public let origin: Origin
    /// The conditions the table lists itself, ascending by id (built-in ids a recorded table lacks are not here).
    public let conditions: [TradeCondition]
    /// Dense rules by id for the hot path (ids 0..<256); larger ids go through ``conditions``.
    private let dense: [BarEligibility?]

    /// A table from a recorded conditions list. Ids listed twice keep their first entry.
    public static func recorded(_ conditions: [TradeCondition]) -> TradeConditionTable {
        TradeConditionTable(origin: .recorded, conditions: conditions)
    }

    /// A table of `origin` listing `conditions`; a recorded table falls back to the built-in rules for ids
    /// it does not list. Ids listed twice keep their first entry.
    public init(origin: Origin, conditions: [TradeCondition]) {
        var unique: [TradeCondition] = []
        var seen = Set<Int32>()
        for condition in conditions where seen.insert(condition.id).inserted { unique.append(condition) }
        unique.sort { $0.id < $1.id }
        self.origin = origin
        self.conditions = unique
        var dense = [BarEligibility?](repeating: nil, count: 256)
        if origin == .recorded {
            for condition in TradeConditionTable.builtIn.conditions { dense[Int(condition.id)] = condition.consolidated }
        }
        for condition in unique where (0..<256).contains(condition.id) { dense[Int(condition.id)] = condition.consolidated }
        self.dense = dense
    }

    /// The rule for one condition id, as the conditions endpoint publishes it (`update_rules.consolidated`).
    public func eligibility(of condition: Int32) -> BarEligibility {
        if condition >= 0, condition < 256 { return dense[Int(condition)] ?? .volumeOnly }
        return conditions.first { $0.id == condition }?.consolidated ?? .volumeOnly
    }

    /// The rule for a trade's conditions: a field is updated only if all conditions allow it. This is the
    /// rule of a regular-hours minute bar and of the daily bar, and the one calculations use.
    public func eligibility(of conditions: ConditionCodes) -> BarEligibility {
        var result = BarEligibility.all
        for condition in conditions {
            let rule = eligibility(of: condition)
            result.updatesHighLow = result.updatesHighLow && rule.updatesHighLow
            result.updatesOpenClose = result.updatesOpenClose && rule.updatesOpenClose
            result.updatesVolume = result.updatesVolume && rule.updatesVolume
        }
        return result
    }

    /// The rule for a trade's conditions on a minute bar of `session`: as ``eligibility(of:)-(ConditionCodes)``,
    /// except that on an extended-hours minute bar Form T (12) may set every price.
    public func eligibility(of conditions: ConditionCodes, in session: BarSession) -> BarEligibility {
        guard session == .extended, conditions.contains(Self.formT) else { return eligibility(of: conditions) }
        var result = BarEligibility.all
        for condition in conditions {
            var rule = eligibility(of: condition)
            if condition == Self.formT {
                rule.updatesHighLow = true
                rule.updatesOpenClose = true
            }
            result.updatesHighLow = result.updatesHighLow && rule.updatesHighLow
            result.updatesOpenClose = result.updatesOpenClose && rule.updatesOpenClose
            result.updatesVolume = result.updatesVolume && rule.updatesVolume
        }
        return result
    }

    /// The name of a condition id, or `nil` if the table (and, for a recorded one, the built-in table) does not know it.
    public func name(of condition: Int32) -> String? {
        if let listed = conditions.first(where: { $0.id == condition }) { return listed.name }
        return origin == .recorded ? TradeConditionTable.builtIn.name(of: condition) : nil
    }

    /// A short fingerprint of the rules (FNV-1a of their canonical text), to tell tables apart in messages.
    public var fingerprint: String {
        var text = ""
        for condition in conditions {
            let rule = condition.consolidated
            text += "\(condition.id):\(rule.updatesHighLow ? 1 : 0)\(rule.updatesOpenClose ? 1 : 0)\(rule.updatesVolume ? 1 : 0);"
        }
        let hash = StableHash.fnv1a64(text)
        return String(hash >> 32, radix: 16).leftPadded(to: 8) + String(hash & 0xFFFF_FFFF, radix: 16).leftPadded(to: 8)
    }

    public var description: String {
        switch origin {
        case .builtIn: "built-in (\(conditions.count) conditions, \(fingerprint))"
        case .recorded: "recorded from /v3/reference/conditions (\(conditions.count) conditions, \(fingerprint))"
        }
    }

    /// Well-known ids, named for readable code and tests.
    public static let regularSale: Int32 = 0
    public static let formT: Int32 = 12
    public static let extendedHoursOutOfSequence: Int32 = 13
    public static let intermarketSweep: Int32 = 14
    public static let marketCenterOfficialClose: Int32 = 15
    public static let marketCenterOfficialOpen: Int32 = 16
    public static let openingPrints: Int32 = 25
    public static let oddLot: Int32 = 37
    public static let closingPrints: Int32 = 8
    public static let averagePrice: Int32 = 2
    public static let qualifiedContingent: Int32 = 53

    /// The built-in table: the offline default, and the fallback for ids a recorded table lacks.
    public static let builtIn = TradeConditionTable(
        origin: .builtIn,
        conditions: [
            (0, "Regular Sale", BarEligibility.all),
            (1, "Acquisition", .all),
            (2, "Average Price Trade", .volumeOnly),
            (3, "Automatic Execution", .all),
            (4, "Bunched Trade", .all),
            (5, "Bunched Sold Trade", rule(highLow: true, openClose: false, volume: true)),
            (6, "CAP Election", .all),
            (7, "Cash Sale", .volumeOnly),
            (8, "Closing Prints", .all),
            (9, "Cross Trade", .all),
            (10, "Derivatively Priced", rule(highLow: true, openClose: false, volume: true)),
            (11, "Distribution", .all),
            (12, "Form T", .volumeOnly),
            (13, "Extended Trading Hours (Sold Out of Sequence)", .volumeOnly),
            (14, "Intermarket Sweep", .all),
            (15, "Market Center Official Close", .none),
            (16, "Market Center Official Open", .none),
            (20, "Next Day", .volumeOnly),
            (21, "Price Variation Trade", .volumeOnly),
            (22, "Prior Reference Price", rule(highLow: true, openClose: false, volume: true)),
            (23, "Rule 155 Trade (AMEX)", .all),
            (25, "Opening Prints", .all),
            (27, "Stopped Stock (Regular Trade)", .all),
            (28, "Re-Opening Prints", .all),
            (29, "Seller", rule(highLow: true, openClose: false, volume: true)),
            (30, "Sold Last", .all),
            (33, "Sold (Out of Sequence)", rule(highLow: true, openClose: false, volume: true)),
            (34, "Split Trade", .all),
            (36, "Yellow Flag Regular Trade", .all),
            (37, "Odd Lot Trade", .volumeOnly),
            (38, "Corrected Consolidated Close", rule(highLow: true, openClose: true, volume: false)),
            (52, "Contingent Trade", .volumeOnly),
            (53, "Qualified Contingent Trade", .volumeOnly),
        ].map { TradeCondition(id: $0.0, name: $0.1, consolidated: $0.2) }
    )

    private static func rule(highLow: Bool, openClose: Bool, volume: Bool) -> BarEligibility {
        BarEligibility(updatesHighLow: highLow, updatesOpenClose: openClose, updatesVolume: volume)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
