#!/usr/bin/env python3
"""List aggregates, trades, quotes and trade conditions from a Polygon-compatible server with Polygon's official client.

Used by the test suite against TapeDeck's simulator server, unchanged apart from the base URL:
    python3 tools/polygon-client-check.py http://127.0.0.1:PORT SYMBOL FROM_NS TO_NS
Prints one JSON object: the records as the client parsed them (following next_url itself).
Needs `pip install polygon-api-client` (the `massive` package is its renamed successor; either works).
"""
import json
import logging
import sys

try:
    from polygon import RESTClient
except ImportError:  # the renamed client
    from massive import RESTClient

# The client logs to stdout; keep stdout for the one JSON line the test reads.
for handler in logging.getLogger("RESTClient").handlers:
    if isinstance(handler, logging.StreamHandler):
        handler.setStream(sys.stderr)

base, symbol, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = RESTClient(api_key="python-client-key", base=base, retries=0)
aggs = [
    {"t": a.timestamp, "o": a.open, "h": a.high, "l": a.low, "c": a.close, "v": a.volume, "vw": a.vwap,
     "n": a.transactions}
    for a in client.list_aggs(symbol, 1, "minute", start // 1_000_000, (end - 1) // 1_000_000, limit=7)
]
trades = [
    {"sip": t.sip_timestamp, "participant": t.participant_timestamp, "price": t.price, "size": t.size,
     "exchange": t.exchange, "conditions": t.conditions, "id": t.id, "seq": t.sequence_number, "tape": t.tape}
    for t in client.list_trades(symbol, timestamp_gte=start, timestamp_lt=end, order="asc", limit=50)
]
quotes = [
    {"sip": q.sip_timestamp, "bid": q.bid_price, "ask": q.ask_price, "bid_size": q.bid_size,
     "ask_size": q.ask_size, "seq": q.sequence_number}
    for q in client.list_quotes(symbol, timestamp_gte=start, timestamp_lt=end, order="desc", limit=333)
]
conditions = [
    {"id": c.id, "name": c.name, "type": c.type, "asset_class": c.asset_class, "data_types": c.data_types,
     "high_low": c.update_rules.consolidated.updates_high_low,
     "open_close": c.update_rules.consolidated.updates_open_close,
     "volume": c.update_rules.consolidated.updates_volume}
    for c in client.list_conditions(asset_class="stocks", data_type="trade")
]


def exact(value):
    """Floats as their shortest repr text: some JSON readers (Foundation's on Linux) round doubles."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact(v) for v in value]
    return value


print(json.dumps(exact({"aggs": aggs, "trades": trades, "quotes": quotes, "conditions": conditions})))
