import MarketData
import MarketSimulator
import Synchronization
import TapeArchive
import Testing

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Timestamp>
    init(_ start: Timestamp) { instant = Mutex(start) }
    func advance(hours: Int64) { instant.withLock { $0 = $0.advanced(by: hours * Timestamp.nanosecondsPerHour) } }
    var clock: WallClock { WallClock { self.instant.withLock { $0 } } }
}

struct TieredCacheTests {
    static func cache(_ file: TemporaryArchive, _ source: CountingSource, clock: WallClock, capacity: Int = 100) throws
        -> TieredCache
    {
        let recorder = Recorder(
            archive: try Archive(path: file.path), source: source,
            configuration: RecorderConfiguration(tickChunkDuration: 4 * Timestamp.nanosecondsPerHour, clock: clock))
        return TieredCache(recorder: recorder, capacity: capacity)
    }

    @Test func keysFollowTheSeedFormat() {
        #expect(TieredCache.key(Fixture.spy, .bars, .minute5, Fixture.day) == "SPY_bars_5min_2024-03-15")
        #expect(TieredCache.key(Fixture.spy, .trades, nil, Fixture.day) == "SPY_trades_tick_2024-03-15")
    }

    @Test func finishedSessionsNeverExpire() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let clock = ManualClock(NewYorkTime.instant(Fixture.day, hour: 21, minute: 0))  // after the post-market
        let source = CountingSource(SimulatorSource(seed: 7, profileOverrides: Fixture.overrides))
        let cache = try Self.cache(file, source, clock: clock.clock)
        let first = try await cache.bars(Fixture.mid, on: Fixture.day)
        #expect(first.count > 300 && first.count <= 960)  // minutes with trades
        clock.advance(hours: 24 * 400)
        #expect(try await cache.bars(Fixture.mid, on: Fixture.day) == first)
        #expect(source.calls(.bars) == 1)
        #expect(await cache.hits == 1)
        // A new cache over the same archive (the disk tier) does not fetch either.
        let cold = try Self.cache(file, source, clock: clock.clock)
        let fiveMinute = try await cold.bars(Fixture.mid, .minute5, on: Fixture.day)
        #expect(fiveMinute.count > 60 && fiveMinute.count <= 192)
        #expect(source.calls(.bars) == 1)
    }

    @Test func dataFetchedWhileTheSessionWasOpenExpiresAfter24Hours() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let clock = ManualClock(NewYorkTime.instant(Fixture.day, hour: 11, minute: 0))  // session open
        let source = CountingSource(SimulatorSource(seed: 7, profileOverrides: Fixture.overrides))
        let cache = try Self.cache(file, source, clock: clock.clock)
        _ = try await cache.trades(Fixture.mid, on: Fixture.day)
        let chunks = source.calls(.trades)
        #expect(chunks == 4)  // 04:00-20:00 in 4-hour chunks
        clock.advance(hours: 23)
        _ = try await cache.trades(Fixture.mid, on: Fixture.day)
        #expect(source.calls(.trades) == chunks)
        clock.advance(hours: 2)
        _ = try await cache.trades(Fixture.mid, on: Fixture.day)
        #expect(source.calls(.trades) == 2 * chunks)  // expired in memory and on disk: fetched again
        // Now recorded after the close: final, never fetched again.
        clock.advance(hours: 24 * 30)
        _ = try await cache.trades(Fixture.mid, on: Fixture.day)
        #expect(source.calls(.trades) == 2 * chunks)
        #expect(try Archive(path: file.path).verify().isValid)
    }

    @Test func leastRecentlyUsedDayIsEvicted() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let source = CountingSource(SimulatorSource(seed: 7, profileOverrides: Fixture.overrides))
        let cache = try Self.cache(file, source, clock: Fixture.later, capacity: 2)
        _ = try await cache.bars(Fixture.mid, on: Fixture.day)
        _ = try await cache.bars(Fixture.mid, .minute15, on: Fixture.day)
        _ = try await cache.bars(Fixture.mid, on: Fixture.day)
        _ = try await cache.bars(Fixture.mid, .hour1, on: Fixture.day)
        #expect(await cache.keys == ["MIDX_bars_1min_2024-03-15", "MIDX_bars_1hour_2024-03-15"])
    }

    @Test func closedDayIsAClearError() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let source = CountingSource(SimulatorSource(seed: 7))
        let cache = try Self.cache(file, source, clock: Fixture.later)
        await #expect {
            _ = try await cache.trades(Fixture.spy, on: LocalDate(year: 2024, month: 12, day: 25)!)
        } throws: { ($0 as? TapeDeckError)?.code == .marketClosed }
        #expect(source.totalCalls == 0)
    }

    @Test func windowsInsideACachedOneComeFromMemoryAndTheArchiveServesTheRest() async throws {
        let file = TemporaryArchive()
        defer { file.remove() }
        let source = CountingSource(SimulatorSource(seed: 7, profileOverrides: Fixture.overrides))
        let cache = try Self.cache(file, source, clock: Fixture.later)
        let expected = try await SimulatorSource(seed: 7, profileOverrides: Fixture.overrides).trades(Fixture.mid, in: Fixture.window((10, 0), (11, 0)))
        // A miss records from the source; a window inside it is a hit, sliced exactly.
        #expect(try await cache.trades(Fixture.mid, in: Fixture.window((10, 0), (11, 0)), progress: nil) == expected)
        let calls = source.totalCalls
        let inside = try await cache.trades(Fixture.mid, in: Fixture.window((10, 15), (10, 30)), progress: nil)
        #expect(inside == expected.filter { Fixture.window((10, 15), (10, 30)).contains($0.sipTimestamp) })
        #expect(await cache.hits == 1 && source.totalCalls == calls)
        // A fresh cache over the same archive: a miss in memory, a hit on disk, no call to the source.
        let cold = try Self.cache(file, source, clock: Fixture.later)
        #expect(try await cold.trades(Fixture.mid, in: Fixture.window((10, 0), (10, 45)), progress: nil).count > 0)
        let (misses, diskHits, fetched) = (await cold.misses, await cold.diskHits, await cold.chunksFetched)
        #expect(misses == 1 && diskHits == 1 && fetched == 0)
        #expect(source.totalCalls == calls)
        // Widening the window fetches only what is missing and keeps the union in memory.
        _ = try await cold.trades(Fixture.mid, in: Fixture.window((10, 30), (11, 30)), progress: nil)
        #expect(await cold.chunksFetched > 0)
        _ = try await cold.trades(Fixture.mid, in: Fixture.window((10, 5), (11, 25)), progress: nil)
        #expect(await cold.hits == 1)
        #expect(try await cold.conditionTable() == .builtIn)
    }
}
