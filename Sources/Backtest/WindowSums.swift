import MarketData

/// Sums over an entry's window of trades, answered from one pass over the symbol-day: the mechanism
/// behind the one-pass form of calculations that add up per-trade quantities (volumes, counts) whose
/// value depends on a small running state (a tick-test reference, the prevailing quote).
///
/// The pass runs `step` over the day's merged stream from a fresh `initial` state, keeping before every
/// ``checkpointSpacing``-th trade its state, the prefix sum of the trades' contributions and where it
/// was in the quotes; a prefix between two checkpoints is the one before plus a walk of at most a
/// spacing of trades, added in the pass's order, so it is the pass's own prefix bit for bit. An
/// entry's window restarts the definition at its start (a fresh state, as the per-entry calculation
/// does), so the reader walks the window from its start with a fresh state until, at a checkpoint, that
/// state equals the pass's state before the same trade; from there on both see the same events from the
/// same state, and the rest of the window is the difference of two prefix sums. Once the two states are
/// equal they stay equal, so the walk is the few events until they meet plus at most a spacing more.
///
/// The jump is exact only when every partial sum is: each contribution an integer (share counts, trade
/// counts) and every prefix below 2⁵³. Then any grouping of the additions gives the per-entry sum bit
/// for bit. When a day has a fractional contribution (fractional-share trades), the reader walks the
/// whole window in the per-entry order instead, which is still exact and only as slow as per entry.
///
/// Up to eight sums (the lanes of a `SIMD8<Double>`); generic only over the state, and inlinable, so each
/// adapter's pass is specialized for its own state and step.
public struct WindowSums<State: Hashable & Sendable>: Sendable {
    /// Eight lanes of sums.
    public typealias Sums = SIMD8<Double>
    /// One event's effect: updates the state, returns what the event adds to the sums. Quotes must add
    /// nothing (only trades are summed); a quote that adds something makes the sums walk every window.
    public typealias Step = @Sendable (inout State, MarketEvent) -> Sums

    @usableFromInline let initial: State
    @usableFromInline let step: Step
    @usableFromInline let readsQuotes: Bool
    /// What the pass kept before trade `k × spacing`, at `k`.
    @usableFromInline let checkpoints: [Checkpoint]
    /// The sum of every fetched trade's contribution.
    @usableFromInline let dayTotal: Sums
    /// Whether every partial sum is exact, so prefix differences equal sequential sums.
    public let isExact: Bool

    /// The pass before one trade: its state, the sum of the contributions of the trades before it, and
    /// the first quote row it had not read.
    @usableFromInline
    struct Checkpoint: Sendable {
        @usableFromInline let state: State
        @usableFromInline let prefix: Sums
        @usableFromInline let nextQuote: Int

        @inlinable
        init(state: State, prefix: Sums, nextQuote: Int) {
            self.state = state
            self.prefix = prefix
            self.nextQuote = nextQuote
        }
    }

    /// Trades between two checkpoints: a state and a prefix before every trade of a day of 1.4 million
    /// trades were 140-180 MB an adapter; one in 16 costs a window at most two walks of 16 trades more.
    public static var checkpointSpacing: Int { 16 }

    /// The pass: `step` over `day`'s trades (and quotes when `quotes`), in stream order.
    @inlinable
    public init(_ day: DayContext, quotes: Bool, initial: State, step: @escaping Step) throws(TapeDeckError) {
        let trades = try day.trades()
        let quoteView = quotes ? try day.quotes() : nil
        var stream = ColumnMerge(quotes: quoteView, trades: trades)
        precondition(trades.lower == 0, "a day's trade view starts at the first fetched trade")
        var state = initial
        var checkpoints: [Checkpoint] = []
        checkpoints.reserveCapacity(trades.count / Self.checkpointSpacing + 1)
        var sum = Sums.zero
        var nextQuote = quoteView?.lower ?? 0
        var exact = true
        let limit = Double(1 << 53)
        while let row = stream.next() {
            switch row {
            case .trade(let trade):
                if trade % Self.checkpointSpacing == 0 { checkpoints.append(Checkpoint(state: state, prefix: sum, nextQuote: nextQuote)) }
                let contribution = step(&state, .trade(trades.columns.record(at: trade)))
                sum = sum + contribution
                if exact {
                    for lane in contribution.indices where contribution[lane] != contribution[lane].rounded() || abs(sum[lane]) >= limit {
                        exact = false
                    }
                }
            case .quote(let quote):
                nextQuote = quote + 1
                if step(&state, .quote(quoteView!.columns.record(at: quote))) != .zero { exact = false }
            }
        }
        self.initial = initial
        self.step = step
        self.readsQuotes = quotes
        self.checkpoints = checkpoints
        self.dayTotal = sum
        self.isExact = exact
    }

    /// The pass's prefix before trade `upper`: the checkpoint at or before it, then the pass's own walk
    /// (the same events, the same additions in the same order) up to it.
    @inlinable
    func prefix(upTo upper: Int, trades: TradeColumns, quotes: QuoteColumns?) -> Sums {
        let index = upper / Self.checkpointSpacing
        guard index < checkpoints.count else { return dayTotal }
        let checkpoint = checkpoints[index]
        var sum = checkpoint.prefix
        var state = checkpoint.state
        var remaining = upper - index * Self.checkpointSpacing
        var stream = ColumnMerge(
            quotes: quotes, rows: checkpoint.nextQuote..<(quotes?.count ?? 0), trades: trades, rows: (index * Self.checkpointSpacing)..<upper)
        while remaining > 0, let row = stream.next() {
            switch row {
            case .trade(let trade):
                sum = sum + step(&state, .trade(trades.record(at: trade)))
                remaining -= 1
            case .quote(let quote):
                _ = step(&state, .quote(quotes!.record(at: quote)))
            }
        }
        return sum
    }

    /// The sums over `context`'s declared window of trades (and the quotes before them): what a walk of
    /// the window from a fresh state adds up, in the same order.
    @inlinable
    public func sums(_ context: EntryContext) throws(TapeDeckError) -> Sums {
        let trades = try context.trades()
        let quotes = readsQuotes ? try context.quotes() : nil
        var stream = ColumnMerge(quotes: quotes, trades: trades)
        var state = initial
        var total = Sums.zero
        while let row = stream.next() {
            switch row {
            case .trade(let trade):
                if isExact, trade % Self.checkpointSpacing == 0, case let checkpoint = checkpoints[trade / Self.checkpointSpacing],
                    state == checkpoint.state
                {
                    return total + (prefix(upTo: trades.upper, trades: trades.columns, quotes: quotes?.columns) - checkpoint.prefix)
                }
                total += step(&state, .trade(trades.columns.record(at: trade)))
            case .quote(let quote):
                total += step(&state, .quote(quotes!.columns.record(at: quote)))
            }
        }
        return total
    }

    /// The reader of a one-pass adapter whose outputs are a function of its window's sums.
    @inlinable
    public func reader(_ outputs: @escaping @Sendable (Sums) -> [Double?]) -> any EntryReader {
        SumsReader(sums: self, outputs: outputs)
    }
}

/// Answers each entry with a function of its window's sums (``WindowSums/reader(_:)``).
@usableFromInline
struct SumsReader<State: Hashable & Sendable>: EntryReader {
    @usableFromInline let sums: WindowSums<State>
    @usableFromInline let outputs: @Sendable (WindowSums<State>.Sums) -> [Double?]

    @usableFromInline
    init(sums: WindowSums<State>, outputs: @escaping @Sendable (WindowSums<State>.Sums) -> [Double?]) {
        self.sums = sums
        self.outputs = outputs
    }

    @inlinable
    func outputs(_ context: EntryContext) throws -> [Double?] {
        outputs(try sums.sums(context))
    }
}
