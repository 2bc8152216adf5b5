import Backtest
import MarketData

/// A deterministic change to market data in one region of time, used by the audit to show what an
/// adapter's outputs depend on.
///
/// The future region of an entry at E is everything not visible at E: trades and quotes with SIP time
/// ≥ E, and 1-minute bars that have not closed by E (end > E, so a bar that straddles E counts as future,
/// as the visibility rule says). The past region is the visible data inside [start, E). Perturbations
/// keep every stream sorted by time with unique (time, sequence number) keys, so they test what an
/// adapter reads, not whether the engine copes with broken input.
package struct AuditPerturbation: Hashable, Sendable, CustomStringConvertible {
    /// What is done to the records in the region.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Every record in the region is dropped.
        case removed
        /// Prices shifted by 5 % plus a few cents varying by record; sizes and volumes doubled.
        case shiftedPrices
        /// Extra trades and quotes (one at the region's first instant, one after each existing one) and
        /// extra 1-minute bars in the minutes that had none; existing bars gain volume and range, and
        /// close 3 cents higher (the extra trade printed last).
        case extraTrades
        /// The records' contents reversed over their timestamps: the same instants, other events.
        case reordered
    }

    /// Which records are changed.
    package enum Region: Hashable, Sendable {
        /// Not visible at the instant: trades/quotes at or after it, bars ending after it.
        case notVisible(at: Timestamp)
        /// Visible at `end` and inside [start, end): trades/quotes with SIP time in it, bars starting at
        /// or after `start` and ending at or before `end`.
        case visible(from: Timestamp, at: Timestamp)
    }

    package var kind: Kind
    package var region: Region

    package init(_ kind: Kind, _ region: Region) {
        self.kind = kind
        self.region = region
    }

    package var description: String {
        switch region {
        case .notVisible(let entry): "\(kind.rawValue) at/after \(entry)"
        case .visible(let start, let entry): "\(kind.rawValue) in [\(start), \(entry))"
        }
    }

    /// An offset that keeps extra records' sequence numbers apart from real ones.
    static let extraSequenceOffset: Int64 = 1 << 40

    // MARK: - Applying

    /// `trades` (sorted by SIP time) with the region changed.
    package func apply(to trades: [Trade]) -> [Trade] {
        let range = indices(of: trades.map(\.sipTimestamp.nanoseconds), barDuration: nil)
        var out = Array(trades[..<range.lowerBound])
        let inside = trades[range]
        switch kind {
        case .removed:
            break
        case .shiftedPrices:
            for (offset, var trade) in inside.enumerated() {
                trade.price = Self.shift(trade.price, offset)
                trade.size *= 2
                out.append(trade)
            }
        case .extraTrades:
            if let first = inside.first {
                var planted = first
                planted.sipTimestamp = regionStart
                planted.price = (first.price * 1.1 * 100).rounded() / 100
                planted.size = 10_000
                planted.sequenceNumber += Self.extraSequenceOffset * 2
                planted.id = "audit-planted"
                out.append(planted)
            }
            for var trade in inside {
                out.append(trade)
                trade.price += 0.03
                trade.size = 500
                trade.sequenceNumber += Self.extraSequenceOffset
                trade.id = TradeID(trade.id.description + "-audit")
                out.append(trade)
            }
            out[range.lowerBound...].sort { ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber) }
        case .reordered:
            let reversed = Array(inside.reversed())
            for (slot, var trade) in zip(inside, reversed) {
                trade.sipTimestamp = slot.sipTimestamp
                trade.participantTimestamp = slot.participantTimestamp
                trade.sequenceNumber = slot.sequenceNumber
                out.append(trade)
            }
        }
        out += trades[range.upperBound...]
        return out
    }

    /// `quotes` (sorted by SIP time) with the region changed.
    package func apply(to quotes: [Quote]) -> [Quote] {
        let range = indices(of: quotes.map(\.sipTimestamp.nanoseconds), barDuration: nil)
        var out = Array(quotes[..<range.lowerBound])
        let inside = quotes[range]
        switch kind {
        case .removed:
            break
        case .shiftedPrices:
            for (offset, var quote) in inside.enumerated() {
                quote.bidPrice = Self.shift(quote.bidPrice, offset + 3)
                quote.askPrice = Self.shift(quote.askPrice, offset)
                quote.bidSize *= 2
                out.append(quote)
            }
        case .extraTrades:
            if let first = inside.first {
                var planted = first
                planted.sipTimestamp = regionStart
                planted.bidPrice = (first.bidPrice * 0.9 * 100).rounded() / 100
                planted.askPrice = (first.askPrice * 0.9 * 100).rounded() / 100
                planted.sequenceNumber += Self.extraSequenceOffset * 2
                out.append(planted)
            }
            for var quote in inside {
                out.append(quote)
                quote.bidPrice += 0.02
                quote.askPrice += 0.04
                quote.sequenceNumber += Self.extraSequenceOffset
                out.append(quote)
            }
            out[range.lowerBound...].sort { ($0.sipTimestamp, $0.sequenceNumber) < ($1.sipTimestamp, $1.sequenceNumber) }
        case .reordered:
            for (slot, var quote) in zip(inside, inside.reversed()) {
                quote.sipTimestamp = slot.sipTimestamp
                quote.participantTimestamp = slot.participantTimestamp
                quote.sequenceNumber = slot.sequenceNumber
                out.append(quote)
            }
        }
        out += quotes[range.upperBound...]
        return out
    }

    /// 1-minute `bars` (sorted by start) with the region changed.
    package func apply(to bars: [Bar]) -> [Bar] {
        let minute = Timestamp.nanosecondsPerMinute
        let range = indices(of: bars.map(\.start.nanoseconds), barDuration: minute)
        var out = Array(bars[..<range.lowerBound])
        let inside = bars[range]
        switch kind {
        case .removed:
            break
        case .shiftedPrices:
            for (offset, var bar) in inside.enumerated() {
                bar.open = Self.shift(bar.open, offset)
                bar.high = Self.shift(bar.high, offset) + 0.05
                bar.low = Self.shift(bar.low, offset) - 0.05
                bar.close = Self.shift(bar.close, offset + 1)
                bar.vwap = bar.vwap.map { Self.shift($0, offset) }
                bar.volume *= 2
                out.append(bar)
            }
        case .extraTrades:
            var existing = Set(inside.map(\.start.nanoseconds))
            var added = Array(inside)
            if let first = inside.first, let last = inside.last {
                var start = first.start.nanoseconds
                start = min(start, regionStart.nanoseconds / minute * minute)
                while start <= last.start.nanoseconds {
                    if !existing.contains(start) {
                        existing.insert(start)
                        var bar = first
                        bar.start = Timestamp(nanoseconds: start)
                        bar.close = (first.close * 1.07 * 100).rounded() / 100
                        bar.high = max(bar.high, bar.close)
                        added.append(bar)
                    }
                    start += minute
                }
            }
            for var bar in added.sorted(by: { $0.start < $1.start }) {
                // As if the extra trade after each real one (+3 cents) had printed last in the minute.
                bar.close += 0.03
                bar.volume += 1_000_000
                bar.high = max(bar.high, bar.close) + 1
                bar.transactions = bar.transactions.map { $0 + 1000 }
                out.append(bar)
            }
        case .reordered:
            for (slot, var bar) in zip(inside, inside.reversed()) {
                bar.start = slot.start
                out.append(bar)
            }
        }
        out += bars[range.upperBound...]
        return out
    }

    // MARK: - Helpers

    /// The first instant of the region, where planted records go: no trade or quote before it changes.
    package var regionStart: Timestamp {
        switch region {
        case .notVisible(let entry): entry
        case .visible(let start, _): start
        }
    }

    /// The index range of the region in `times` (SIP times; bar starts when `barDuration` is given).
    private func indices(of times: [Int64], barDuration: Int64?) -> Range<Int> {
        func firstAtLeast(_ value: Int64) -> Int {
            var low = 0
            var high = times.count
            while low < high {
                let mid = (low + high) / 2
                if times[mid] < value { low = mid + 1 } else { high = mid }
            }
            return low
        }
        let duration = barDuration ?? 0
        switch region {
        case .notVisible(let entry):
            // Ticks at or after E; bars with start + duration > E, i.e. start > E - duration.
            let lower = barDuration == nil ? firstAtLeast(entry.nanoseconds) : firstAtLeast(entry.nanoseconds - duration + 1)
            return lower..<times.count
        case .visible(let start, let entry):
            let lower = firstAtLeast(start.nanoseconds)
            let upper = barDuration == nil ? firstAtLeast(entry.nanoseconds) : firstAtLeast(entry.nanoseconds - duration + 1)
            return lower..<max(lower, upper)
        }
    }

    /// `price` moved by 5 % and 1 to 7 cents depending on `offset`, on the cent grid.
    static func shift(_ price: Double, _ offset: Int) -> Double {
        ((price * 1.05 + Double(offset % 7 + 1) * 0.01) * 100).rounded() / 100
    }
}
