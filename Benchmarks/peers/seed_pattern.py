#!/usr/bin/env python3
"""The seed's own pattern (shared/seed/backtesting-data-architecture.md) in pandas, on a day exported by
`tapedeck archive export`, for the seed's four calculations: a peer for TapeDeck's engine, timed on the
same day and entries.

    python3 seed_pattern.py trades.csv quotes.csv bars.csv signals.csv [LIMIT]

Per entry, as the seed does: the data of the entry's window is taken from the day (its "one fetch for all
calculations": 150 minutes of bars, 30 of trades and quotes before the entry) into DataFrames and the
lists of dicts its adapters read; each adapter then feeds its calculation with the seed's loops:
`iterrows()` over 1-minute bars and over bars resampled to 5 minutes (M1EMA, M5EMA: EMA 9 seeded by the
first 9 closes), the trades with `datetime.fromtimestamp` and `if trade_time > entry_time: break`
(TickFlow: the tick test), and quotes and trades merged and sorted by timestamp (CumDelta: Lee-Ready).
The seed's look-ahead (`>` instead of `>=`, a bar stamped with its start) is kept: this measures the
pattern's cost, not its values. Prints one JSON line: entries, seconds (the loop only, loading excluded).
Needs pandas.
"""
import json
import sys
import time
from datetime import datetime, timezone

import pandas as pd

trades_csv, quotes_csv, bars_csv, signals_csv = sys.argv[1:5]
limit = int(sys.argv[5]) if len(sys.argv) > 5 else None

trades = pd.read_csv(trades_csv, usecols=["sip_timestamp", "price", "size", "conditions"])
trades["conditions"] = trades["conditions"].fillna("")
quotes = pd.read_csv(quotes_csv, usecols=["sip_timestamp", "bid_price", "ask_price"])
bars = pd.read_csv(bars_csv)
bars = bars[bars["timeframe"] == "1min"]
bars.index = pd.to_datetime(bars["t"], unit="ns", utc=True)
signals = pd.read_csv(signals_csv, comment="#")
entries = [pd.Timestamp(t, tz="America/New_York").tz_convert("UTC") for t in signals["entry_time"]]
if limit:
    entries = entries[:limit]
MINUTE = 60 * 10**9


class EMA:
    def __init__(self, period=9):
        self.period, self.seed, self.value = period, [], None

    def process_bar(self, bar):
        close = bar["c"]
        if self.value is None:
            self.seed.append(close)
            if len(self.seed) == self.period:
                self.value = sum(self.seed) / self.period
        else:
            alpha = 2 / (self.period + 1)
            self.value = alpha * close + (1 - alpha) * self.value


class TickFlow:
    def __init__(self):
        self.last, self.direction, self.up, self.down = None, 0, 0.0, 0.0

    def process_trade(self, trade):
        price = trade["price"]
        if self.last is not None and price != self.last:
            self.direction = 1 if price > self.last else -1
        if self.direction > 0:
            self.up += trade["size"]
        elif self.direction < 0:
            self.down += trade["size"]
        self.last = price


class CumDelta:
    def __init__(self):
        self.bid, self.ask, self.tick, self.delta = None, None, TickFlow(), 0.0

    def update_quote(self, quote):
        self.bid, self.ask = quote["bid_price"], quote["ask_price"]

    def process_trade(self, trade):
        price, size = trade["price"], trade["size"]
        if self.bid and self.ask and self.bid <= self.ask and price != (self.bid + self.ask) / 2:
            self.delta += size if price > (self.bid + self.ask) / 2 else -size
        else:
            direction = self.tick.direction
            self.delta += size if direction > 0 else -size if direction < 0 else 0
        self.tick.process_trade(trade)


def merge_quote_trade_stream(quotes, trades):
    events = [dict(q, type="quote") for q in quotes] + [dict(t, type="trade") for t in trades]
    return sorted(events, key=lambda e: e["timestamp"])


began = time.perf_counter()
results = []
for entry in entries:
    e = entry.value
    # The entry's one fetch, shared by its calculations (the seed's data cache).
    window = trades[(trades.sip_timestamp >= e - 30 * MINUTE) & (trades.sip_timestamp < e + MINUTE)]
    trade_list = [{"timestamp": t, "price": p, "size": s} for t, p, s in zip(window.sip_timestamp, window.price, window["size"])]
    qwindow = quotes[(quotes.sip_timestamp >= e - 30 * MINUTE) & (quotes.sip_timestamp < e + MINUTE)]
    quote_list = [{"timestamp": t, "bid_price": b, "ask_price": a} for t, b, a in zip(qwindow.sip_timestamp, qwindow.bid_price, qwindow.ask_price)]
    cache = {"1min_bars": bars[(bars.index >= entry - pd.Timedelta(minutes=150)) & (bars.index <= entry + pd.Timedelta(minutes=1))]}
    cache["5min_bars"] = cache["1min_bars"].resample("5min").agg({"o": "first", "h": "max", "l": "min", "c": "last", "v": "sum"}).dropna()
    row = {}
    for name, key in (("M1EMA", "1min_bars"), ("M5EMA", "5min_bars")):
        ema = EMA()
        for timestamp, bar in cache[key].iterrows():
            if timestamp > entry:
                break  # the seed's rule
            ema.process_bar(bar)
        row[name] = ema.value
    flow = TickFlow()
    for trade in trade_list:
        trade_time = datetime.fromtimestamp(trade["timestamp"] / 1e9, tz=timezone.utc)
        if trade_time > entry:
            break
        flow.process_trade(trade)
    row["TickFlow"] = (flow.up, flow.down)
    delta = CumDelta()
    for event in merge_quote_trade_stream(quote_list, trade_list):
        if datetime.fromtimestamp(event["timestamp"] / 1e9, tz=timezone.utc) > entry:
            break
        if event["type"] == "quote":
            delta.update_quote(event)
        else:
            delta.process_trade(event)
    row["CumDelta"] = delta.delta
    results.append(row)
print(json.dumps({"entries": len(entries), "seconds": round(time.perf_counter() - began, 3)}))
