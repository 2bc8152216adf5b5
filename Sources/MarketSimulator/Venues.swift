/// Where simulated trades and quotes are reported, with Polygon's exchange ids
/// (`/v3/reference/exchanges`; see `shared/reference/polygon-api.md` §6c).
///
/// Lit venues are drawn with these weights (out of 72), roughly their share of US equity volume:
/// Nasdaq (12) 18, NYSE Arca (11) 10, NYSE (10) 8, Cboe BZX (19) 7, Cboe EDGX (8) 7, MEMX (21) 5,
/// IEX (15) 4, Cboe BYX (18) 3, Cboe EDGA (7) 2, Nasdaq BX (2) 2, MIAX Pearl (20) 2, NYSE National (3) 1,
/// NYSE Chicago (9) 1, Nasdaq PHLX (17) 1, NYSE American (1) 1.
///
/// Off-exchange prints are `exchange: 4` (a FINRA TRF) with a `trf_id`: 201 (FINRA/NYSE TRF) 25%,
/// 202 (FINRA/Nasdaq TRF Carteret) 65%, 203 (FINRA/Nasdaq TRF Chicago) 10%. These `trf_id` values are
/// those seen in Polygon trade samples; Polygon's documentation does not list them.
enum Venues {
    /// Lit exchange ids, each repeated by its weight.
    static let lit: [Int] = {
        let weights: [(Int, Int)] = [
            (12, 18), (11, 10), (10, 8), (19, 7), (8, 7), (21, 5), (15, 4), (18, 3), (7, 2), (2, 2), (20, 2),
            (3, 1), (9, 1), (17, 1), (1, 1),
        ]
        return weights.flatMap { Array(repeating: $0.0, count: $0.1) }
    }()

    /// The exchange id of off-exchange (TRF) prints.
    static let offExchange = 4

    /// TRF ids, each repeated by its weight (out of 20).
    static let trfIds: [Int] =
        Array(repeating: 201, count: 5) + Array(repeating: 202, count: 13)
        + Array(repeating: 203, count: 2)
}
