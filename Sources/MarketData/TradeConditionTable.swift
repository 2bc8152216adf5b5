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
/// volume. The simulator builds its minute aggregates with it, and bar aggregation from trades uses it.
///
/// Sources, in order of authority:
/// - ids 1-10: Polygon's own `GET /v3/reference/conditions?asset_class=stocks&data_type=trade` as
///   captured in polygon-io/client-python `test_rest/mocks/v3/reference/conditions&asset_class=stocks.json`
///   (`update_rules.consolidated`);
/// - ids 0 and 11-53: QuantConnect Lean's `ToolBox/Polygon/PolygonSIPTradeMappings.cs` ("SIP sale
///   conditions according to the Polygon Data Vendor", polygon.io/glossary/us/stocks/conditions-indicators),
///   whose rows for ids 1-10 agree with Polygon's fixture. See `../shared/reference/polygon-api.md` §6.
///
/// Rules TapeDeck adds, because no source states them:
/// - a trade with several conditions updates a field only if every one of its conditions allows it
///   (the CTA/UTP practice); a trade with no conditions is a regular sale;
/// - an id the sources list without flags, or do not list at all, counts towards volume only: its size
///   was traded, but a price of unknown standing must not move the bar. A live replay should prefer the
///   conditions endpoint over this table.
public enum TradeConditionTable {
    /// The rule for one condition id.
    public static func eligibility(of condition: Int32) -> BarEligibility {
        guard condition >= 0, Int(condition) < rules.count, let rule = rules[Int(condition)] else { return .volumeOnly }
        return rule
    }

    /// The rule for a trade's conditions: a field is updated only if all conditions allow it.
    public static func eligibility(of conditions: ConditionCodes) -> BarEligibility {
        var result = BarEligibility.all
        for condition in conditions {
            let rule = eligibility(of: condition)
            result.updatesHighLow = result.updatesHighLow && rule.updatesHighLow
            result.updatesOpenClose = result.updatesOpenClose && rule.updatesOpenClose
            result.updatesVolume = result.updatesVolume && rule.updatesVolume
        }
        return result
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

    /// Name and rule per id; `nil` where no source gives flags.
    static let named: [(id: Int32, name: String, rule: BarEligibility)] = [
        (0, "Regular Sale", .all),
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
    ]

    /// The name of a condition id, or `nil` if the table does not know it.
    public static func name(of condition: Int32) -> String? {
        named.first(where: { $0.id == condition })?.name
    }

    private static func rule(highLow: Bool, openClose: Bool, volume: Bool) -> BarEligibility {
        BarEligibility(updatesHighLow: highLow, updatesOpenClose: openClose, updatesVolume: volume)
    }

    /// Dense lookup by id for the hot path.
    private static let rules: [BarEligibility?] = {
        var table = [BarEligibility?](repeating: nil, count: 64)
        for entry in named { table[Int(entry.id)] = entry.rule }
        return table
    }()
}
