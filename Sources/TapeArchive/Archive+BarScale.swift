import GRDB
import MarketData

extension Archive {
    /// The `meta` key saying which bars the archive holds: `asTraded` or `splitAdjusted`.
    static let barScaleKey = "bars"

    /// Whether the archive's bars are split-adjusted (`record --adjusted`); `false` for as-traded bars, the
    /// default, and for archives recorded before the scale was stored (their bars were requested
    /// adjusted but on days without later splits that is the same thing).
    public func barsAreSplitAdjusted() throws(TapeDeckError) -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Archive.barScaleKey]) == "splitAdjusted"
        }
    }

    /// Stores the scale of the bars being recorded, or throws if the archive holds bars of the other scale:
    /// one archive never mixes them.
    func recordBarScale(splitAdjusted: Bool) throws(TapeDeckError) {
        let value = splitAdjusted ? "splitAdjusted" : "asTraded"
        let stored = try write { db -> String? in
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Archive.barScaleKey]) {
                return stored
            }
            let hasBars = try Int.fetchOne(db, sql: "SELECT count(*) FROM coverage WHERE kind = 'bars'") ?? 0 > 0
            let initial = hasBars ? "asTraded" : value
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [Archive.barScaleKey, initial])
            return initial
        }
        guard stored == value else {
            throw TapeDeckError(
                .mixedBarScales,
                "archive \(path) holds \(stored == "splitAdjusted" ? "split-adjusted" : "as-traded") bars and these are \(splitAdjusted ? "split-adjusted" : "as traded"); one archive keeps one price scale, so record into another archive\(splitAdjusted ? " or drop --adjusted" : " or add --adjusted")"
            )
        }
    }
}

extension TapeDeckError.Code {
    /// Bars of another price scale (as traded / split-adjusted) than the archive already holds.
    public static let mixedBarScales = Self(rawValue: "mixedBarScales")
}
