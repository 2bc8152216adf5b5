import MarketData

/// The three timestamp columns trades and quotes share, in their segment order: SIP time (the first
/// time as a signed varint, then the deltas' two's-complement bit patterns as an ``IntegerColumn``:
/// records come in time order, so deltas are never negative in practice, and a negative one is still
/// stored exactly, as a 64-bit value), and the zig-zag offsets
/// `sip − participant` and `sip − trf` as integer columns holding values only for the records that have
/// those times (trait bits 1 and 2 of both kinds).
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

    /// Adds one record's times; returns its presence bits (1 participant, 2 TRF).
    @inline(__always)
    mutating func append(sip: Timestamp, participant: Timestamp?, trf: Timestamp?) -> UInt8 {
        let value = sip.nanoseconds
        // The first time is written whole; deltas start at 0, so the blocks stay as narrow as the
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
        IntegerColumn.write(sipDeltas.map { UInt64(bitPattern: $0) }, to: &sip)
        IntegerColumn.writeSigned(participantOffsets, differenced: false, to: &participant)
        IntegerColumn.writeSigned(trfOffsets, differenced: false, to: &trf)
        return [sip, participant, trf]
    }

    // MARK: Reading

    /// Reads the three columns of `count` records; `nil` when they are malformed.
    init?(sip: ColumnReader, participant: ColumnReader, trf: ColumnReader, count: Int) {
        var sip = sip, participant = participant, trf = trf
        time = sip.signed()
        guard !sip.failed,
            let deltas = IntegerColumn.read(&sip, maximumCount: count, as: .bitPattern),
            deltas.count == count, sip.isAtEnd,
            let participantOffsets = IntegerColumn.read(&participant, maximumCount: count, as: .zigZag),
            participant.isAtEnd,
            let trfOffsets = IntegerColumn.read(&trf, maximumCount: count, as: .zigZag), trf.isAtEnd
        else { return nil }
        sipDeltas = deltas
        self.participantOffsets = participantOffsets
        self.trfOffsets = trfOffsets
    }

    /// Record `index`'s times, given its presence bits; `nil` when the bits ask for more offsets than
    /// the columns hold. Call once per record, in order.
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
