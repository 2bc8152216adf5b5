/// One trade print, with every field of Polygon's `/v3/trades` result.
public struct Trade: Hashable, Sendable {
    // `sequenceNumber` is declared first only so that the synthesized memberwise initialiser (labels
    // `sequenceNumber:sipTimestamp:…`) differs from the public one, which lives in an extension below and
    // forwards to it: an initialiser that assigns fields one by one made the optimiser build every record
    // through a temporary copy (26 ns instead of 9 ns per record when the archive decodes a segment).
    /// Increasing and unique per ticker within a session.
    public var sequenceNumber: Int64
    /// When the SIP processed the trade: the time the market could know it (`sip_timestamp`).
    public var sipTimestamp: Timestamp
    /// When the exchange executed it (`participant_timestamp`); earlier than the SIP time, never used for
    /// visibility.
    public var participantTimestamp: Timestamp?
    /// When a trade reporting facility saw it (`trf_timestamp`), for off-exchange prints.
    public var trfTimestamp: Timestamp?
    public var price: Double
    /// Shares (Polygon sends a number).
    public var size: Double
    /// Polygon exchange id (4 = a FINRA TRF, i.e. off-exchange).
    public var exchange: Int
    /// Tape: 1 = A (NYSE), 2 = B (Arca/American/regional), 3 = C (Nasdaq).
    public var tape: Int?
    /// SIP sale-condition ids; `nil` when the field was absent (a regular sale).
    public var conditions: ConditionCodes?
    /// Trade id, unique only per (ticker, exchange, TRF).
    public var id: TradeID
    /// Correction indicator (`correction`).
    public var correction: Int?
    /// Which TRF reported an off-exchange trade (`trf_id`).
    public var trfId: Int?

    /// How this trade may update a regular-hours consolidated bar, by the built-in ``TradeConditionTable``
    /// (the engine uses an archive's recorded table instead where it has one).
    public var barEligibility: BarEligibility {
        TradeConditionTable.builtIn.eligibility(of: conditions ?? [])
    }
}

extension Trade {
    /// Every field of a trade; the optional ones default to absent.
    public init(
        sipTimestamp: Timestamp, participantTimestamp: Timestamp? = nil, trfTimestamp: Timestamp? = nil,
        price: Double, size: Double, exchange: Int, tape: Int? = nil, conditions: ConditionCodes? = nil,
        id: TradeID, sequenceNumber: Int64, correction: Int? = nil, trfId: Int? = nil
    ) {
        self.init(
            sequenceNumber: sequenceNumber, sipTimestamp: sipTimestamp, participantTimestamp: participantTimestamp,
            trfTimestamp: trfTimestamp, price: price, size: size, exchange: exchange, tape: tape, conditions: conditions,
            id: id, correction: correction, trfId: trfId
        )
    }
}
