#!/usr/bin/env bash
# TapeDeck against its peers on one day and one set of entries, in one run (BENCHMARKS.md, "Peers"):
# the release `tapedeck backtest` with the seed's four adapters, NautilusTrader replaying the exported day
# with the same four calculations kept incrementally (nautilus_day.py), and the seed's pattern in pandas
# (seed_pattern.py, on the first PANDAS_ENTRIES entries only: it costs about half a second per entry).
#
#   Benchmarks/peers/run.sh [ENTRIES]        (default 1000; needs `pip install nautilus_trader pandas`)
# Uses the archive and signals of Benchmarks/cli/engine-entries.sh in ${WORK:-/tmp/tapedeck-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-1000}
pandasCount=${PANDAS_ENTRIES:-10}
work=${WORK:-/tmp/tapedeck-bench}
Benchmarks/cli/engine-entries.sh M1EMA,M5EMA,CumDelta,TickFlow "$count" >/dev/null
bin=$(swift build -c release --show-bin-path)/tapedeck
archive="$work/spy-2024-03-15.tapedeck"
for kind in trades quotes bars; do
    [ -f "$work/day-$kind.csv" ] || "$bin" archive export "$archive" --symbol SPY --kind "$kind" --format csv > "$work/day-$kind.csv"
done

start=$(date +%s.%N)
"$bin" backtest --archive "$archive" --signals "$work/signals-$count.csv" --adapters M1EMA,M5EMA,CumDelta,TickFlow --format json --out "$work/peers-tapedeck.json" 2>/dev/null
tapedeck=$(echo "$(date +%s.%N) - $start" | bc)
echo "tapedeck: $count entries in ${tapedeck} s (process start to output written)"

start=$(date +%s.%N)
nautilus=$(python3 Benchmarks/peers/nautilus_day.py "$work/day-trades.csv" "$work/day-quotes.csv" "$work/signals-$count.csv")
nautilusWall=$(echo "$(date +%s.%N) - $start" | bc)
echo "nautilus: $nautilus, ${nautilusWall} s wall with loading"

pandas=$(python3 Benchmarks/peers/seed_pattern.py "$work/day-trades.csv" "$work/day-quotes.csv" "$work/day-bars.csv" "$work/signals-$count.csv" "$pandasCount")
echo "pandas seed pattern: $pandas"
python3 - "$tapedeck" "$nautilus" "$pandas" "$count" <<'PY'
import json, sys
tapedeck, nautilus, pandas, count = float(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
per_entry = pandas["seconds"] / pandas["entries"]
print(f"ratios at {count} entries: NautilusTrader's engine run / TapeDeck's whole process = {nautilus['seconds'] / tapedeck:.1f}x; "
      f"pandas seed pattern ({per_entry:.3f} s per entry, x{count}) / TapeDeck = {per_entry * count / tapedeck:.0f}x")
PY
