#!/usr/bin/env bash
# The engine end to end, the way a user runs it: the release `tapedeck backtest` from an archive of a very
# liquid simulated day (SPY, seed 1, 2024-03-15: about 200k trades and 2M quotes), N entries spread evenly
# over 10:00-15:50, wall time and peak RSS of the whole process (start, archive open, output written).
#
#   Benchmarks/cli/engine-entries.sh [ADAPTERS] [ENTRIES...]     (defaults: the seed's four; 10 1000 10000)
#   ADAPTERS: a comma-separated list, or `all` for every registered adapter.
#   EXTRA="--per-entry" Benchmarks/cli/engine-entries.sh …        to time the per-entry reference instead.
# The archive and signals go to ${WORK:-/tmp/tapedeck-bench}; the archive is recorded once and reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
adapters=${1:-M1EMA,M5EMA,CumDelta,TickFlow}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10 1000 10000)
work=${WORK:-/tmp/tapedeck-bench}
mkdir -p "$work"

swift build -c release --product tapedeck >&2
bin=$(swift build -c release --show-bin-path)/tapedeck
archive="$work/spy-2024-03-15.tapedeck"
if [ ! -f "$archive" ]; then
    "$bin" record --simulate 1 --symbols SPY --date 2024-03-15 --kinds bars,trades,quotes --from 04:00 --to 20:00 --archive "$archive" >&2
fi

adapterOption=()
[ "$adapters" = all ] || adapterOption=(--adapters "$adapters")
for count in "${counts[@]}"; do
    signals="$work/signals-$count.csv"
    # Entry k at 10:00 + k × (350 min / count), to the nanosecond, as New York local time.
    python3 - "$count" > "$signals" <<'PY'
import sys
n = int(sys.argv[1])
print("symbol,entry_time,id")
span = 350 * 60 * 10**9
for k in range(n):
    ns = 10 * 3600 * 10**9 + k * span // n
    s, frac = divmod(ns, 10**9)
    print(f"SPY,2024-03-15 {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{frac:09d},e{k}")
PY
    # Whatever else the adapters read (prior sessions' bars), recorded once; nothing when it is there.
    "$bin" record --simulate 1 --signals "$signals" "${adapterOption[@]}" --archive "$archive" >/dev/null 2>&1
    out="$work/out-$count.json"
    /usr/bin/time -f "%e s wall, %M KB peak RSS" -o "$work/time-$count.txt" \
        "$bin" backtest --archive "$archive" --signals "$signals" "${adapterOption[@]}" ${EXTRA:-} --format json --out "$out"
    echo "$count entries, adapters $adapters ${EXTRA:-}: $(cat "$work/time-$count.txt"), $(wc -c < "$out") bytes, md5 $(md5sum < "$out" | cut -c1-12)"
done
