#!/usr/bin/env bash
# A simulated year, end to end (#18, item 5): 252 NYSE sessions of 2024 × 20 symbols of mixed liquidity
# (2 very liquid, 8 mid, 10 illiquid), bars + trades + quotes recorded with `record --simulate`, 100,000
# entries from make-signals.py, one unsharded `tapedeck backtest`, the same run sharded 4 ways as plain
# processes and through tools/slurm/sharded-backtest.sh, each merged and compared byte for byte (`cmp`)
# with the unsharded output. Wall time and peak RSS of every process (`/usr/bin/time`).
#
#   Benchmarks/year/run.sh [STAGE...]      stages: record signals backtest shards slurm (the default, in this
#                                          order), and compact, run only when named: a `record --simulate`
#                                          archive stores no raw responses, so `archive compact` has nothing
#                                          to drop (it only verifies, about 3 s per very liquid day)
#
#   TAPEDECK   the binary (default: .build/release/tapedeck; build it with `swift build -c release --product tapedeck`)
#   WORK       where the archives, signals and outputs go (default /tmp/tapedeck-year; the archives are 11.3 GB)
#   ADAPTERS   comma-separated adapters, or `all` (default) for every registered one
#   SHARDS     shard count (default 4); JOBS: recordings and plain shards run at once (default 2)
#   SEED       simulator seed (default 1); ENTRIES (default 100000); SIGNAL_SEED (default 18)
# Heavy steps run under `nice -n 19`. Nothing here reads the wall clock into an output.
set -euo pipefail
cd "$(dirname "$0")/../.."
die() { echo "Benchmarks/year/run.sh: $*" >&2; exit 1; }

tapedeck=${TAPEDECK:-.build/release/tapedeck}
work=${WORK:-/tmp/tapedeck-year}
adapters=${ADAPTERS:-all}
shards=${SHARDS:-4}
jobs=${JOBS:-2}
seed=${SEED:-1}
entries=${ENTRIES:-100000}
signalSeed=${SIGNAL_SEED:-18}
[ -x "$tapedeck" ] || die "no tapedeck binary at $tapedeck (swift build -c release --product tapedeck, or set TAPEDECK)"
tapedeck=$(cd "$(dirname "$tapedeck")" && pwd)/$(basename "$tapedeck")
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive integer, not '$shards'"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "JOBS must be a positive integer, not '$jobs'"

# The 20 symbols and their simulator profiles.
veryLiquid=(SPY QQQ)
mid=(ETSY DKNG ROKU PINS SNAP LYFT CHWY ZM)
illiquid=(CROX BOOT SHAK PLNT YETI WING CAKE JACK DENN FOXF)
profiles=()
for s in "${veryLiquid[@]}"; do profiles+=("$s=very-liquid"); done
for s in "${mid[@]}"; do profiles+=("$s=mid"); done
for s in "${illiquid[@]}"; do profiles+=("$s=illiquid"); done
# Trades and quotes for the year; bars from December 2023 too (RelativeVolume reads 5 sessions back).
days=2024-01-01..2024-12-31
barDays=2023-12-01..2024-12-31

archives=$work/archive          # one archive per symbol, read as one with `--archive DIR`
signals=$work/signals.csv
results=$work/results-${adapters//,/-}   # outputs per adapter list: results-all, results-M1EMA-M5EMA-…
adapterOption=()
[ "$adapters" = all ] || adapterOption=(--adapters "$adapters")
timed() { # timed LABEL COMMAND...: run niced, append "LABEL: N s M KB" to $work/times.txt
    local label=$1; shift
    /usr/bin/time -f '%e s %M KB' -o "$work/time.tmp" nice -n 19 "$@"
    echo "$label: $(cat "$work/time.tmp")" | tee -a "$work/times.txt"
}

stage_record() {
    mkdir -p "$archives"
    local started=$SECONDS
    # shellcheck disable=SC2016 # the inner script's variables are its own arguments
    printf '%s\n' "${profiles[@]}" | nice -n 19 xargs -P "$jobs" -I{} bash -c '
        set -euo pipefail
        symbol=${1%%=*}
        archive=$2/$symbol.tapedeck
        /usr/bin/time -f "%e s %M KB" -o "$2/$symbol.time" "$3" record --simulate "$4" --symbols "$symbol" --profile "$1" \
            --dates "$5" --kinds bars --archive "$archive" > "$2/$symbol.log" 2>&1
        /usr/bin/time -a -f "%e s %M KB" -o "$2/$symbol.time" "$3" record --simulate "$4" --symbols "$symbol" --profile "$1" \
            --dates "$6" --kinds trades,quotes --archive "$archive" >> "$2/$symbol.log" 2>&1
        echo "record $symbol ($1): $(tr "\n" " " < "$2/$symbol.time")$(stat -c %s "$archive") bytes"
    ' _ {} "$archives" "$tapedeck" "$seed" "$barDays" "$days" | tee -a "$work/times.txt"
    echo "record all: $((SECONDS - started)) s wall with $jobs at once, $(du -cb "$archives"/*.tapedeck | tail -1 | cut -f1) bytes" \
        | tee -a "$work/times.txt"
}

stage_compact() {
    local before after
    before=$(du -cb "$archives"/*.tapedeck | tail -1 | cut -f1)
    for archive in "$archives"/*.tapedeck; do
        nice -n 19 "$tapedeck" archive compact "$archive" > /dev/null
    done
    after=$(du -cb "$archives"/*.tapedeck | tail -1 | cut -f1)
    echo "compact: $before -> $after bytes" | tee -a "$work/times.txt"
}

stage_signals() {
    "$tapedeck" calendar --from 2024-01-01 --to 2024-12-31 --format json \
        | python3 -c 'import json, sys; [print(d["date"], d["regular_close_new_york"][11:16]) for d in json.load(sys.stdin) if d["status"] == "open"]' \
        > "$work/sessions.txt"
    python3 Benchmarks/year/make-signals.py --seed "$signalSeed" --entries "$entries" --sessions "$work/sessions.txt" \
        "${veryLiquid[@]}" "${mid[@]}" "${illiquid[@]}" > "$signals"
    echo "signals: $(($(wc -l < "$signals") - 1)) entries over $(wc -l < "$work/sessions.txt") sessions, md5 $(md5sum < "$signals" | cut -c1-12)" \
        | tee -a "$work/times.txt"
}

stage_backtest() {
    mkdir -p "$results"
    timed "backtest unsharded ($adapters)" "$tapedeck" backtest --archive "$archives" --signals "$signals" "${adapterOption[@]}" \
        --format csv --out "$results/unsharded.csv"
    echo "unsharded ($adapters): $(wc -c < "$results/unsharded.csv") bytes, md5 $(md5sum < "$results/unsharded.csv" | cut -c1-12)" | tee -a "$work/times.txt"
}

stage_shards() {
    mkdir -p "$results/shards"
    local started=$SECONDS outputs=()
    # shellcheck disable=SC2016 # the inner script's variables are its own arguments
    seq 1 "$shards" | xargs -P "$jobs" -I{} bash -c '
        /usr/bin/time -f "%e s %M KB" -o "$1/shards/time-$2" nice -n 19 "$3" backtest --archive "$4" --signals "$5" --shard "$2/$6" \
            "${@:7}" --format csv --out "$1/shards/shard-$2.csv"
        echo "shard $2/$6 (${*:7}): $(cat "$1/shards/time-$2"), $(($(wc -l < "$1/shards/shard-$2.csv") - 1)) rows"
    ' _ "$results" {} "$tapedeck" "$archives" "$signals" "$shards" "${adapterOption[@]}" | tee -a "$work/times.txt"
    for k in $(seq 1 "$shards"); do outputs+=("$results/shards/shard-$k.csv"); done
    "$tapedeck" merge --signals "$signals" "${outputs[@]}" --out "$results/shards/merged.csv"
    echo "shards ($adapters): $((SECONDS - started)) s wall with $jobs at once" | tee -a "$work/times.txt"
    cmp "$results/unsharded.csv" "$results/shards/merged.csv"
    echo "shards merged == unsharded ($adapters, cmp)" | tee -a "$work/times.txt"
}

stage_slurm() {
    local started=$SECONDS wrapper=$results/timed-tapedeck
    mkdir -p "$results"
    # Each array task (and the merge) times itself: the script runs this wrapper as its TAPEDECK.
    cat > "$wrapper" <<EOF
#!/usr/bin/env bash
/usr/bin/time -f '%e s %M KB' -o "$results/slurm-time.\$\$" "$tapedeck" "\$@"
status=\$?
echo "slurm task: \$(tr '\n' ' ' < "$results/slurm-time.\$\$")tapedeck \$1 \$2 \$3" >> "$results/slurm-times.txt"
rm -f "$results/slurm-time.\$\$"
exit \$status
EOF
    chmod 755 "$wrapper"
    rm -f "$results/slurm-times.txt"
    nice -n 19 tools/slurm/sharded-backtest.sh "$wrapper" "$shards" "$results/slurm-merged.csv" \
        --archive "$archives" --signals "$signals" "${adapterOption[@]}" --format csv
    echo "slurm ($adapters): $((SECONDS - started)) s wall, $shards array tasks" | tee -a "$work/times.txt"
    tee -a "$work/times.txt" < "$results/slurm-times.txt"
    cmp "$results/unsharded.csv" "$results/slurm-merged.csv"
    echo "slurm merged == unsharded ($adapters, cmp)" | tee -a "$work/times.txt"
}

stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(record signals backtest shards slurm)
mkdir -p "$work"
for stage in "${stages[@]}"; do
    case $stage in
        record | compact | signals | backtest | shards | slurm) "stage_$stage" ;;
        *) die "unknown stage '$stage' (record, compact, signals, backtest, shards, slurm)" ;;
    esac
done
