import MarketData

/// The three timestamp columns trades and quotes share, in their segment order: SIP time (the first
/// time as a signed varint, then the deltas as a ``PlaneColumn``), and the offsets `sip − participant`
/// and `sip − trf` as plane columns holding values only for the records that have those times (flag bits
/// 1 and 2 of both kinds).
struct EventTimeColumns {
    var sipDeltas: [Int64] = []
    var participantOffsets: [Int64] = []
    var trfOffsets: [Int64] = []
    private var firstTime: Int64?
    private var time: Int64 = 0
    private var participantIndex = 0
    private var trfIndex = 0

    // MARK: Writing

    init(capacity: Int) {
        sipDeltas.reserveCapacity(capacity)
        participantOffsets.reserveCapacity(capacity)
    }

    /// Adds one record's times; returns its flag bits (1 participant, 2 TRF).
    @inline(__always)
    mutating func append(sip: Timestamp, participant: Timestamp?, trf: Timestamp?) -> UInt8 {
        let value = sip.nanoseconds
        // The first time is written whole; deltas start at 0, so the planes stay as narrow as the
        // largest gap between records.
        if firstTime == nil { firstTime = value; time = value }
        sipDeltas.append(value &- time)
        time = value
        var bits: UInt8 = 0
        if let participant {
            bits |= 1
            participantOffsets.append(value &- participant.nanoseconds)
        }
        if let trf {
            bits |= 2
            trfOffsets.append(value &- trf.nanoseconds)
        }
        return bits
    }

    /// The SIP, participant and TRF columns.
    func columns() -> [ColumnWriter] {
        var sip = ColumnWriter(capacity: 4 * sipDeltas.count + 16)
        var participant = ColumnWriter(capacity: 3 * participantOffsets.count + 16)
        var trf = ColumnWriter()
        sip.signed(firstTime ?? 0)
        PlaneColumn.write(sipDeltas, to: &sip)
        PlaneColumn.write(participantOffsets, to: &participant)
        PlaneColumn.write(trfOffsets, to: &trf)
        return [sip, participant, trf]
    }

    // MARK: Reading

    /// Reads the three columns of `count` records; `nil` when they are malformed.
    init?(sip: ColumnReader, participant: ColumnReader, trf: ColumnReader, count: Int) {
        var sip = sip
        time = sip.signed()
        guard !sip.failed, let deltas = PlaneColumn.read(sip, maximumCount: count), deltas.count == count,
            let participant = PlaneColumn.read(participant, maximumCount: count),
            let trf = PlaneColumn.read(trf, maximumCount: count)
        else { return nil }
        sipDeltas = deltas
        participantOffsets = participant
        trfOffsets = trf
    }

    /// Record `index`'s times, given its flag bits; `nil` when the flags ask for more offsets than the
    /// columns hold. Call once per record, in order.
    @inline(__always)
    mutating func next(_ index: Int, bits: UInt8) -> (sip: Timestamp, participant: Timestamp?, trf: Timestamp?)? {
        time = time &+ sipDeltas[index]
        var participant: Timestamp?
        if bits & 1 != 0 {
            guard participantIndex < participantOffsets.count else { return nil }
            participant = Timestamp(nanoseconds: time &- participantOffsets[participantIndex])
            participantIndex += 1
        }
        var trf: Timestamp?
        if bits & 2 != 0 {
            guard trfIndex < trfOffsets.count else { return nil }
            trf = Timestamp(nanoseconds: time &- trfOffsets[trfIndex])
            trfIndex += 1
        }
        return (Timestamp(nanoseconds: time), participant, trf)
    }

    /// Every offset was used by some record.
    var isComplete: Bool { participantIndex == participantOffsets.count && trfIndex == trfOffsets.count }
}
