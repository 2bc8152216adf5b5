import MarketData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Generates the events of one minute of a ``DayPlan`` — the hot path, written to allocate nothing per
/// event (condition codes and trade ids are inline values, ``TradeID`` a number).
///
/// Within minute `i`, all randomness comes from one ``CounterRandom`` stream keyed by
/// (seed, symbol, date, i, events), consumed in event order. The minute is laid out as follows:
/// - **Times**: `n` SIP offsets in [0, 60 s): with `n ≤ 32`, `n` uniform draws sorted; with more, one
///   uniform draw in each of `n` equal slots (stratified, hence sorted). Then each event shares the
///   SIP timestamp of the event before it with the profile's ``LiquidityProfile/sameTimestampShare``,
///   and the trades following an intermarket sweep share its timestamp, so many events carry the same
///   nanosecond.
/// - **Order of kinds**: the first event is a quote; after it, each position is a trade with
///   probability (trades left / events left) — exactly the planned counts, in random order.
/// - **Quotes**: the fair price moves from the minute's planned start to its planned end along a
///   straight line plus a small mean-reverting wiggle of whole ticks; each quote draws a spread
///   (minimum + geometric extra, × the extended-hours factor outside the regular session), puts the bid
///   at `fair − spread/2` (rounded down) and the ask `spread` above — so the NBBO is never crossed and
///   never locked. Sizes are 1…(2·mean − 1) round lots; bid and ask venues are drawn independently.
/// - **Trades** execute against the prevailing (latest) quote: at the bid or the ask with equal odds, or
///   with the profile's ``LiquidityProfile/insideShare`` strictly inside — at a whole cent when the
///   spread is 2¢ or more, or as an off-exchange midpoint print at a half cent when it is 1¢ (the only
///   sub-penny prices). A sweep (condition 14) is on a lit venue at the bid or ask, and the next 0-3
///   trades, if they follow directly, continue it on other venues at the same price and timestamp.
///   Odd lots (1-99 shares) carry 37; extended-hours trades carry 12 (Form T). Codes are ascending.
/// - **Timestamps**: participant time is 5-205 µs before SIP time on exchanges; TRF prints have a TRF
///   time 2-52 µs before SIP time and a participant time 10 µs-5 ms before that.
struct MinuteGenerator {
    let plan: DayPlan
    private let logSpreadRatio: Double
    private let logRoundLotRatio: Double
    private let quoteLotSpan: Int
    private var times: [Int64] = []

    init(plan: DayPlan) {
        self.plan = plan
        logSpreadRatio = MinuteGenerator.logGeometricRatio(mean: plan.profile.extraSpreadTicks)
        logRoundLotRatio = MinuteGenerator.logGeometricRatio(mean: plan.profile.meanRoundLots - 1)
        quoteLotSpan = max(1, Int((2 * plan.profile.meanQuoteLots - 1).rounded()))
    }

    /// `log(p)` of the geometric distribution on 0, 1, 2, … with the given mean, `p = mean / (1 + mean)`.
    private static func logGeometricRatio(mean: Double) -> Double {
        mean > 0 ? log(mean / (1 + mean)) : -.infinity
    }

    /// A geometric variate (see ``logGeometricRatio(mean:)``), at most `cap`.
    @inline(__always)
    private static func geometric(_ random: inout CounterRandom, logRatio: Double, cap: Int) -> Int {
        guard logRatio > -.infinity else { return 0 }
        let value = log(random.positiveUnit()) / logRatio
        return value >= Double(cap) ? cap : Int(value)
    }

    /// A uniform integer in 0..<bound from 64 random bits (Lemire's multiply-shift, bias < 2⁻³²).
    @inline(__always)
    private static func bounded(_ bits: UInt64, _ bound: Int) -> Int {
        Int(truncatingIfNeeded: bits.multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A probability draw from 12 bits of `bits` starting at `shift`: true with probability ≈ `p`.
    @inline(__always)
    private static func chance(_ bits: UInt64, _ shift: UInt64, _ p: Double) -> Bool {
        Double((bits >> shift) & 0xFFF) < p * 4096
    }

    /// Generates minute `index`: appends its trades and quotes whose SIP timestamps lie in `window`
    /// (when wanted) and feeds every trade of the minute to `bar` (when wanted).
    mutating func generate(
        minute index: Int, in window: TimeWindow, trades: inout [Trade], quotes: inout [Quote],
        bar: inout BarBuilder, wantTrades: Bool, wantQuotes: Bool, wantBar: Bool
    ) {
        let tradeTotal = Int(plan.tradeCounts[index])
        let quoteTotal = Int(plan.quoteCounts[index])
        let total = tradeTotal + quoteTotal
        guard total > 0 else { return }
        let profile = plan.profile
        var random = CounterRandom(
            key: CounterRandom.key(
                seed: plan.seed, symbol: plan.symbolHash, day: plan.date.daysSinceEpoch, minute: index, stream: .events
            )
        )
        prepareTimes(count: total, random: &random)

        let minuteStart = plan.sessions.preMarketOpen.nanoseconds + Int64(index) * Timestamp.nanosecondsPerMinute
        let lower = window.start.nanoseconds
        let upper = window.end.nanoseconds
        let isExtended = !plan.isRegular(minute: index)
        let spreadFactor = isExtended ? profile.extendedHoursSpreadFactor : 1
        let minimumSpread = profile.minimumSpreadTicks
        let startFair = plan.fairCents[index]
        let fairChange = plan.fairCents[index + 1] - startFair
        let tape = plan.tape
        let lit = Venues.lit
        let trfIds = Venues.trfIds
        let wiggle = Int64(max(1, minimumSpread / 2))

        var tradesLeft = tradeTotal
        var quotesDone = 0
        var deviation: Int64 = 0
        var bid: Int64 = 0
        var ask: Int64 = 0
        var sequence = plan.eventsBefore[index]
        var tradeOrdinal = plan.tradesBefore[index]
        var previousTime: Int64 = 0
        var sweepFollowers = 0
        var sweepPriceHalfCents: Int64 = 0

        for position in 0..<total {
            sequence += 1
            let isTrade = position > 0 && MinuteGenerator.bounded(random.next(), total - position) < tradesLeft
            let flags = random.next()
            var time = times[position]
            if position > 0 {
                if (isTrade && sweepFollowers > 0) || MinuteGenerator.chance(flags, 0, profile.sameTimestampShare) {
                    time = previousTime
                }
            }
            previousTime = time
            let sip = minuteStart + time
            let isInWindow = sip >= lower && sip < upper

            if !isTrade {
                sweepFollowers = 0
                quotesDone += 1
                let target = startFair + fairChange * Int64(quotesDone) / Int64(quoteTotal)
                let step = (flags >> 12) & 3
                deviation = deviation - deviation / 4 + (step == 0 ? -wiggle : (step == 3 ? wiggle : 0))
                let fair = max(100, target + deviation)
                let extra = MinuteGenerator.geometric(&random, logRatio: logSpreadRatio, cap: 40)
                let spread =
                    isExtended
                    ? Int64((Double(minimumSpread + extra) * spreadFactor).rounded()) : Int64(minimumSpread + extra)
                bid = fair - spread / 2
                ask = bid + spread
                // Draw every number whether or not the quote is kept, so that the stream stays aligned.
                let bits = random.next()
                let latencyBits = random.next()
                if wantQuotes, isInWindow {
                    let bidLots = 1 + MinuteGenerator.bounded(bits, quoteLotSpan)
                    let askLots = 1 + MinuteGenerator.bounded(bits << 16, quoteLotSpan)
                    let bidExchange = lit[MinuteGenerator.bounded(bits << 32, lit.count)]
                    let askExchange = lit[MinuteGenerator.bounded(bits << 48, lit.count)]
                    let latency = 5_000 + Int64(MinuteGenerator.bounded(latencyBits, 200_000))
                    quotes.append(
                        Quote(
                            sipTimestamp: Timestamp(nanoseconds: sip),
                            participantTimestamp: Timestamp(nanoseconds: sip - latency),
                            bidPrice: Double(bid) / 100, bidSize: Double(bidLots), bidExchange: bidExchange,
                            askPrice: Double(ask) / 100, askSize: Double(askLots), askExchange: askExchange,
                            sequenceNumber: sequence, tape: tape
                        )
                    )
                }
                continue
            }

            tradesLeft -= 1
            tradeOrdinal += 1
            var isSweep = false
            var isOffExchange = false
            let priceHalfCents: Int64
            if sweepFollowers > 0 {
                sweepFollowers -= 1
                isSweep = true
                priceHalfCents = sweepPriceHalfCents
            } else if MinuteGenerator.chance(flags, 16, profile.insideShare) {
                let spread = ask - bid
                if spread >= 2 {
                    let cents = bid + 1 + Int64(MinuteGenerator.bounded(random.next(), Int(spread - 1)))
                    priceHalfCents = 2 * cents
                    isOffExchange = MinuteGenerator.chance(flags, 28, profile.offExchangeShare)
                } else {
                    priceHalfCents = 2 * bid + 1
                    isOffExchange = true
                }
            } else {
                priceHalfCents = 2 * ((flags >> 40) & 1 == 0 ? bid : ask)
                if MinuteGenerator.chance(flags, 44, profile.sweepShare) {
                    isSweep = true
                    sweepFollowers = Int((flags >> 56) & 3)
                    sweepPriceHalfCents = priceHalfCents
                } else {
                    isOffExchange = MinuteGenerator.chance(flags, 28, profile.offExchangeShare)
                }
            }
            let isOddLot = MinuteGenerator.chance(flags, 52, profile.oddLotShare)
            let sizeBits = random.next()
            let size: Int
            if isOddLot {
                size = 1 + MinuteGenerator.bounded(sizeBits, 99)
            } else {
                let lots = 1 + MinuteGenerator.geometric(&random, logRatio: logRoundLotRatio, cap: 200)
                // One round-lot trade in ten is a mixed lot (e.g. 250 shares): not an odd lot, no condition.
                let mixed = (sizeBits >> 60) == 0 ? 1 + MinuteGenerator.bounded(sizeBits, 99) : 0
                size = lots * 100 + mixed
            }
            var conditions = ConditionCodes()
            if isExtended { conditions.append(TradeConditionTable.formT) }
            if isSweep { conditions.append(TradeConditionTable.intermarketSweep) }
            if isOddLot { conditions.append(TradeConditionTable.oddLot) }
            let price = Double(priceHalfCents) / 200
            if wantBar {
                bar.add(
                    price: price, size: Double(size),
                    eligibility: TradeConditionTable.builtIn.eligibility(of: conditions, in: isExtended ? .extended : .regular))
            }
            let venueBits = random.next()
            guard wantTrades, isInWindow else { continue }
            let participant: Int64
            let trfTimestamp: Timestamp?
            let trfId: Int?
            let exchange: Int
            if isOffExchange {
                let trf = sip - 2_000 - Int64(MinuteGenerator.bounded(venueBits, 50_000))
                trfTimestamp = Timestamp(nanoseconds: trf)
                participant = trf - 10_000 - Int64(MinuteGenerator.bounded(venueBits << 20, 5_000_000))
                trfId = trfIds[MinuteGenerator.bounded(venueBits << 44, trfIds.count)]
                exchange = Venues.offExchange
            } else {
                participant = sip - 5_000 - Int64(MinuteGenerator.bounded(venueBits, 200_000))
                trfTimestamp = nil
                trfId = nil
                exchange = lit[MinuteGenerator.bounded(venueBits << 32, lit.count)]
            }
            trades.append(
                Trade(
                    sipTimestamp: Timestamp(nanoseconds: sip), participantTimestamp: Timestamp(nanoseconds: participant),
                    trfTimestamp: trfTimestamp, price: price, size: Double(size), exchange: exchange, tape: tape,
                    conditions: conditions.isEmpty ? nil : conditions, id: TradeID(tradeOrdinal),
                    sequenceNumber: sequence, trfId: trfId
                )
            )
        }
    }

    /// Fills `times` with `count` sorted SIP offsets in [0, 60 s).
    private mutating func prepareTimes(count: Int, random: inout CounterRandom) {
        let span = Timestamp.nanosecondsPerMinute
        times.removeAll(keepingCapacity: true)
        times.reserveCapacity(count)
        if count <= 32 {
            for _ in 0..<count {
                times.append(Int64(MinuteGenerator.bounded(random.next(), Int(span))))
            }
            // Insertion sort: at most 32 elements.
            for i in 1..<max(1, count) {
                let value = times[i]
                var j = i - 1
                while j >= 0, times[j] > value {
                    times[j + 1] = times[j]
                    j -= 1
                }
                times[j + 1] = value
            }
        } else {
            let n = Int64(count)
            for i in 0..<n {
                let low = i * span / n
                let high = (i + 1) * span / n
                times.append(low + Int64(MinuteGenerator.bounded(random.next(), Int(high - low))))
            }
        }
    }
}
