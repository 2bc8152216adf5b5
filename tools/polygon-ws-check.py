#!/usr/bin/env python3
"""Read the stocks WebSocket feed of a Polygon-compatible server with Polygon's official client.

Used by the test suite against `tapedeck sim serve`, unchanged apart from the feed host:
    python3 tools/polygon-ws-check.py 127.0.0.1:PORT SUBSCRIPTIONS COUNT
e.g. `T.MID,Q.MID 200`. Prints one JSON object: the first COUNT events as the client parsed them.
Needs `pip install polygon-api-client` (the `massive` package is its renamed successor; either works).
"""
import asyncio
import json
import logging
import sys

from websockets.exceptions import ConnectionClosedError

try:
    from polygon import WebSocketClient
    from polygon.websocket.models import EquityAgg, EquityQuote, EquityTrade
except ImportError:  # the renamed client
    from massive import WebSocketClient
    from massive.websocket.models import EquityAgg, EquityQuote, EquityTrade

feed, subscriptions, count = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
# No reconnects: a connection that ends early must fail the check, not replay the feed from the start.
client = WebSocketClient(api_key="python-ws-key", feed=feed, market="stocks", secure=False,
                         subscriptions=subscriptions, max_reconnects=0)
events = []
closing = False
# The client logs to stdout; keep stdout for the one JSON line the test reads.
for handler in logging.getLogger("WebSocketClient").handlers:
    if isinstance(handler, logging.StreamHandler):
        handler.setStream(sys.stderr)


async def handle(messages):
    for m in messages:
        if isinstance(m, EquityTrade):
            events.append({"ev": "T", "sym": m.symbol, "p": repr(m.price), "s": m.size, "t": m.timestamp,
                           "q": m.sequence_number, "x": m.exchange, "i": m.id})
        elif isinstance(m, EquityQuote):
            events.append({"ev": "Q", "sym": m.symbol, "bp": repr(m.bid_price), "ap": repr(m.ask_price),
                           "t": m.timestamp, "q": m.sequence_number})
        elif isinstance(m, EquityAgg):
            events.append({"ev": m.event_type, "sym": m.symbol, "c": repr(m.close), "v": m.volume,
                           "av": m.accumulated_volume, "s": m.start_timestamp, "e": m.end_timestamp})
    global closing
    if len(events) >= count and not closing:
        closing = True  # batches already received still arrive; close once
        await client.close()


async def main():
    try:
        # The server may still be writing a large max-speed frame when we close: give the closing
        # handshake time on a loaded machine (the client's default is 1 s, then it reconnects).
        await client.connect(handle, close_timeout=30)
    except ConnectionClosedError:
        if len(events) < count:
            raise  # the server ended the connection before COUNT events arrived


asyncio.run(asyncio.wait_for(main(), timeout=120))
print(json.dumps({"events": events[:count]}))
