#!/usr/bin/env bash
# Regenerates recordings/sample-2024-03-15.tapedeck bit for bit: the simulator (seed 1) served over HTTP by
# `tapedeck sim serve`, recorded through the live Polygon client by `tapedeck record`.
#   bash tools/record-sample.sh
# Reproducible because the simulator is deterministic, chunks are fetched one at a time (rows land in a
# fixed order) and SOURCE_DATE_EPOCH fixes the "recorded at" stamps.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product tapedeck >/dev/null
bin=$(swift build --show-bin-path)/tapedeck
out=recordings/sample-2024-03-15.tapedeck
rm -f "$out" "$out-wal" "$out-shm"

log=$(mktemp)
# A fixed port: the server's next_url pages name it, and they are part of the recorded bodies.
"$bin" sim serve --port "${TAPEDECK_SAMPLE_PORT:-18473}" --seed 1 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "^serving" "$log" && break; sleep 0.1; done
url=$(head -1 "$log" | awk '{print $NF}')

export POLYGON_API_KEY=sample-recording-key   # the simulator accepts any key; it is never stored
export SOURCE_DATE_EPOCH=1710547200           # 2024-03-16T00:00:00Z: after the recorded session closed
record() { "$bin" record --base-url "$url" --archive "$out" --concurrency 1 "$@"; }

# 1-minute bars of the day and the five sessions before it (relative volume, prior-session levels).
for day in 2024-03-08 2024-03-11 2024-03-12 2024-03-13 2024-03-14 2024-03-15; do
    record --symbols SPY,ETSY,CROX --date "$day" --kinds bars
done
# Trades and quotes: the mid and illiquid symbols all day, the very liquid one around its entries.
record --symbols ETSY,CROX --date 2024-03-15 --kinds trades,quotes
record --symbols SPY --date 2024-03-15 --kinds trades,quotes --from 09:00 --to 10:40
"$bin" archive verify "$out"
ls -l "$out"
