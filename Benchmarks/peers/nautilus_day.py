#!/usr/bin/env python3
"""NautilusTrader (pip `nautilus_trader`) replaying a day exported by `tapedeck archive export`: a peer for
TapeDeck's engine on the same day and entries.

    python3 nautilus_day.py trades.csv quotes.csv signals.csv

One BacktestEngine run over every quote and trade of the day (QuoteTick and TradeTick through its
wranglers) with a strategy that keeps what the seed's four calculations need, incrementally, as a
Nautilus user would write them: an EMA(9) of internally aggregated 1-minute and 5-minute bars
(`ExponentialMovingAverage`), a cumulative delta by the quote rule against the last quote, and uptick and
downtick volumes by the tick test. A time alert at each entry reads the values out. Prints one JSON line:
events, entries, seconds (the engine run; building the ticks is reported apart).
"""
import json
import sys
import time
from decimal import Decimal

import pandas as pd
from nautilus_trader.backtest.engine import BacktestEngine, BacktestEngineConfig
from nautilus_trader.config import LoggingConfig, StrategyConfig
from nautilus_trader.indicators import ExponentialMovingAverage
from nautilus_trader.model.currencies import USD
from nautilus_trader.model.data import BarType
from nautilus_trader.model.enums import AccountType, OmsType
from nautilus_trader.model.identifiers import Venue
from nautilus_trader.model.objects import Money
from nautilus_trader.persistence.wranglers import QuoteTickDataWrangler, TradeTickDataWrangler
from nautilus_trader.test_kit.providers import TestInstrumentProvider
from nautilus_trader.trading.strategy import Strategy

trades_csv, quotes_csv, signals_csv = sys.argv[1:4]
instrument = TestInstrumentProvider.equity(symbol="SPY", venue="XNAS")
began = time.perf_counter()
trades = pd.read_csv(trades_csv, usecols=["sip_timestamp", "price", "size", "sequence_number"])
trades.index = pd.to_datetime(trades["sip_timestamp"], unit="ns", utc=True)
trades = pd.DataFrame(
    {"price": trades["price"], "quantity": trades["size"], "trade_id": trades["sequence_number"].astype(str), "side": "NO_AGGRESSOR"},
    index=trades.index)
quotes = pd.read_csv(quotes_csv, usecols=["sip_timestamp", "bid_price", "ask_price", "bid_size", "ask_size"])
quotes.index = pd.to_datetime(quotes["sip_timestamp"], unit="ns", utc=True)
quotes = quotes[["bid_price", "ask_price", "bid_size", "ask_size"]]
trade_ticks = TradeTickDataWrangler(instrument).process(trades)
quote_ticks = QuoteTickDataWrangler(instrument).process(quotes)
signals = pd.read_csv(signals_csv, comment="#")
entries = sorted(pd.Timestamp(t, tz="America/New_York").tz_convert("UTC").value for t in signals["entry_time"])
built = time.perf_counter() - began


class SeedFourConfig(StrategyConfig, frozen=True):
    entries: tuple[int, ...] = ()


class SeedFour(Strategy):
    def __init__(self, config: SeedFourConfig):
        super().__init__(config)
        self.m1 = BarType.from_str("SPY.XNAS-1-MINUTE-LAST-INTERNAL")
        self.m5 = BarType.from_str("SPY.XNAS-5-MINUTE-LAST-INTERNAL")
        self.ema1, self.ema5 = ExponentialMovingAverage(9), ExponentialMovingAverage(9)
        self.bid = self.ask = None
        self.last = None
        self.direction = 0
        self.delta = self.up = self.down = 0.0
        self.rows = []

    def on_start(self):
        self.register_indicator_for_bars(self.m1, self.ema1)
        self.register_indicator_for_bars(self.m5, self.ema5)
        self.subscribe_bars(self.m1)
        self.subscribe_bars(self.m5)
        self.subscribe_quote_ticks(instrument.id)
        self.subscribe_trade_ticks(instrument.id)
        for index, entry in enumerate(self.config.entries):
            self.clock.set_time_alert_ns(f"entry-{index}", entry, self.read_out)

    def on_quote_tick(self, tick):
        self.bid, self.ask = tick.bid_price.as_double(), tick.ask_price.as_double()

    def on_trade_tick(self, tick):
        price, size = tick.price.as_double(), tick.size.as_double()
        if self.last is not None and price != self.last:
            self.direction = 1 if price > self.last else -1
        if self.bid and self.ask and self.bid <= self.ask and price != (self.bid + self.ask) / 2:
            self.delta += size if price > (self.bid + self.ask) / 2 else -size
        else:
            self.delta += size * self.direction
        if self.direction > 0:
            self.up += size
        elif self.direction < 0:
            self.down += size
        self.last = price

    def read_out(self, event):
        self.rows.append((event.ts_event, self.ema1.value, self.ema5.value, self.delta, self.up, self.down))


engine = BacktestEngine(BacktestEngineConfig(logging=LoggingConfig(log_level="ERROR")))
engine.add_venue(Venue("XNAS"), OmsType.NETTING, AccountType.CASH, [Money(1_000_000, USD)])
engine.add_instrument(instrument)
engine.add_data(quote_ticks)
engine.add_data(trade_ticks)
strategy = SeedFour(SeedFourConfig(entries=tuple(entries)))
engine.add_strategy(strategy)
began = time.perf_counter()
engine.run()
seconds = time.perf_counter() - began
print(json.dumps({
    "events": len(quote_ticks) + len(trade_ticks), "entries": len(entries), "entries_read": len(strategy.rows),
    "seconds": round(seconds, 3), "building_ticks_seconds": round(built, 3),
}))
