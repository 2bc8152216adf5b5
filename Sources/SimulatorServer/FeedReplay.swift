import MarketData
import PolygonWire

/// Turns the source's records into the feed's events, one stretch of market time at a time: trades,
/// quotes, minute bars (`AM`, at their end) and one-second bars built from the trades (`A`), for the
/// symbols and channels subscribed, in the order the feed sends them.
struct FeedReplay: Sendable {
    let source: any MarketDataSource
    let table: TradeConditionTable
    let calendar: SessionCalendar

    /// The day's running figures of one symbol that aggregates carry (`av`, `op`, `a`).
    struct DayFigures: Sendable {
        var volume = 0.0
        var notional = 0.0
        var officialOpen: Double?
        var regularOpenSeen = false

        mutating func add(_ bar: Bar, isRegular: Bool) {
            accumulate(bar)
            if isRegular, !regularOpenSeen {
                officialOpen = bar.open
                regularOpenSeen = true
            } else if officialOpen == nil {
                officialOpen = bar.open
            }
        }

        /// Adds the bar's volume and notional to the day's (`av`, `a`), leaving the official open alone.
        mutating func accumulate(_ bar: Bar) {
            volume += bar.volume
            notional += (bar.vwap ?? bar.close) * bar.volume
        }

        var vwap: Double? { volume > 0 ? notional / volume : nil }
    }

    /// What a connection's replay keeps between stretches.
    struct State: Sendable {
        var figures: [Symbol: DayFigures] = [:]
        /// `symbol kind` pairs already reported as not recorded (reported once each).
        var reported: Set<String> = []
    }

    /// The events of `topics` in `window` of the day `sessions`, sorted as sent: by time, then aggregates,
    /// quotes, trades, then symbol, then sequence number. `notes` receives one line per gap in the source.
    func events(
        _ topics: FeedTopics, symbols: [Symbol], in window: TimeWindow, sessions: TradingSessions, state: inout State,
        notes: inout [String]
    ) async throws -> [FeedEvent] {
        // Events in generation order, and small keys to sort them by (the events are never moved twice).
        var events: [FeedEvent] = []
        var keys: [EventKey] = []
        func add(_ event: FeedEvent, _ time: Timestamp, rank: Int8, symbol: Int, sequence: Int64) {
            keys.append(EventKey(time: time.nanoseconds, rank: rank, symbol: Int32(symbol), sequence: sequence, index: Int32(events.count)))
            events.append(event)
        }
        for (position, symbol) in symbols.sorted().enumerated() {
            let wantsTrades = topics.contains(.trades, symbol)
            let wantsSeconds = topics.contains(.secondAggregates, symbol)
            let wantsMinutes = topics.contains(.minuteAggregates, symbol)
            if wantsMinutes || wantsSeconds, state.figures[symbol] == nil {
                // The day's figures start at 04:00, whenever the replay starts.
                var figures = DayFigures()
                let before = TimeWindow(uncheckedStart: sessions.preMarketOpen, end: window.start)
                if before.start < before.end {
                    for bar in try await fetch(symbol, "bars", &state, &notes, { try await source.bars(symbol, in: before) }) {
                        figures.add(bar, isRegular: isRegular(bar.start, sessions))
                    }
                }
                state.figures[symbol] = figures
            }
            if wantsTrades || wantsSeconds {
                let trades = try await fetch(symbol, "trades", &state, &notes, { try await source.trades(symbol, in: window) })
                if wantsTrades {
                    for trade in trades {
                        add(.trade(symbol, trade), trade.sipTimestamp, rank: 2, symbol: position, sequence: trade.sequenceNumber)
                    }
                }
                if wantsSeconds {
                    for aggregate in secondBars(symbol, trades, sessions: sessions, figures: state.figures[symbol] ?? DayFigures()) {
                        add(.aggregate(aggregate), aggregate.end, rank: 0, symbol: position, sequence: 1)
                    }
                }
            }
            if topics.contains(.quotes, symbol) {
                for quote in try await fetch(symbol, "quotes", &state, &notes, { try await source.quotes(symbol, in: window) }) {
                    add(.quote(symbol, quote), quote.sipTimestamp, rank: 1, symbol: position, sequence: quote.sequenceNumber)
                }
            }
            if wantsMinutes || wantsSeconds {
                var figures = state.figures[symbol] ?? DayFigures()
                for bar in try await fetch(symbol, "bars", &state, &notes, { try await source.bars(symbol, in: window) }) {
                    figures.add(bar, isRegular: isRegular(bar.start, sessions))
                    guard wantsMinutes else { continue }
                    let end = bar.start.advanced(by: Timestamp.nanosecondsPerMinute)
                    let aggregate = FeedAggregate(
                        span: .minute, symbol: symbol, bar: bar, start: bar.start, end: end, accumulatedVolume: figures.volume,
                        officialOpen: figures.officialOpen ?? bar.open, dayVWAP: figures.vwap)
                    add(.aggregate(aggregate), end, rank: 0, symbol: position, sequence: 0)
                }
                state.figures[symbol] = figures
            }
        }
        keys.sort()
        return keys.map { events[Int($0.index)] }
    }

    /// One-second bars of `trades` (one symbol, sorted by SIP time) under the conditions table; `av` and
    /// `a` continue the day's minute figures at the start of the stretch.
    private func secondBars(_ symbol: Symbol, _ trades: [Trade], sessions: TradingSessions, figures: DayFigures) -> [FeedAggregate] {
        var result: [FeedAggregate] = []
        var figures = figures
        var builder: BarBuilder?
        func flush() {
            guard let finished = builder, let bar = finished.bar else { return }
            figures.accumulate(bar)
            let end = finished.start.advanced(by: Timestamp.nanosecondsPerSecond)
            result.append(
                FeedAggregate(
                    span: .second, symbol: symbol, bar: bar, start: finished.start, end: end, accumulatedVolume: figures.volume,
                    officialOpen: figures.officialOpen ?? bar.open, dayVWAP: figures.vwap))
        }
        for trade in trades {
            let second = Timestamp(nanoseconds: trade.sipTimestamp.nanoseconds - trade.sipTimestamp.nanoseconds % Timestamp.nanosecondsPerSecond)
            if builder?.start != second {
                flush()
                builder = BarBuilder(start: second)
            }
            let session: BarSession = isRegular(trade.sipTimestamp, sessions) ? .regular : .extended
            builder?.add(trade, session: session, table: table)
        }
        flush()
        return result
    }

    private func isRegular(_ instant: Timestamp, _ sessions: TradingSessions) -> Bool {
        instant >= sessions.regularOpen && instant < sessions.regularClose
    }

    /// Runs a fetch; a closed day is no events, as on the REST endpoints, and a window the source did not
    /// record is no events plus one note per symbol and kind.
    private func fetch<Record>(
        _ symbol: Symbol, _ kind: String, _ state: inout State, _ notes: inout [String], _ body: () async throws -> [Record]
    ) async throws -> [Record] {
        do {
            return try await SimulatorServer.emptyWhenClosed(body)
        } catch let error as TapeDeckError where error.code == .notRecorded {
            if state.reported.insert("\(symbol) \(kind)").inserted { notes.append(error.message) }
            return []
        }
    }

    /// The order events are sent in: time, then aggregates (they close at their end, before what happens
    /// then), quotes, trades, then symbol (by name), then sequence number. `index` finds the event.
    struct EventKey: Comparable {
        var time: Int64
        var rank: Int8
        /// The symbol's position among the stretch's symbols sorted by name.
        var symbol: Int32
        var sequence: Int64
        var index: Int32

        static func < (a: EventKey, b: EventKey) -> Bool {
            (a.time, a.rank, a.symbol, a.sequence, a.index) < (b.time, b.rank, b.symbol, b.sequence, b.index)
        }
    }
}
