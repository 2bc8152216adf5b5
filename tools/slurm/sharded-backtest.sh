#!/usr/bin/env bash
# Runs `tapedeck backtest` sharded N ways as a Slurm job array on a single-node Slurm that this script starts
# and stops itself, then joins the shards with `tapedeck merge` (docs/SCALE.md).
#
#   tools/slurm/sharded-backtest.sh TAPEDECK N OUTPUT [BACKTEST OPTIONS...]
#
#   TAPEDECK  the tapedeck binary (e.g. .build/release/tapedeck)
#   N         the number of shards, 1-1000: array task K runs `tapedeck backtest --shard K/N`
#   OUTPUT    the merged output file; byte for byte what one unsharded `tapedeck backtest` writes
#   BACKTEST OPTIONS are passed to every shard unchanged (--archive, --signals, --adapters, --format json|csv,
#   --parallelism, --per-entry, …); --signals also goes to `tapedeck merge`. --out, --shard, --stream and
#   --format table are refused: the script sets --out and --shard itself.
#
# What it does, as root on Debian 12 without systemd (verified recipe: a one-node cluster on 127.0.0.1):
#   1. installs `slurm-wlm` and `munge` with apt-get when sbatch, slurmctld, slurmd or munged is missing
#      (SLURM_INSTALL=0 refuses instead: the test suite sets it, so a test never reaches the network);
#   2. starts munged (unless one answers already), slurmctld and slurmd with a slurm.conf written to a
#      temporary folder (SLURM_CONF; node = `hostname -s`, CPUs = `nproc`), and waits until `sinfo` shows the
#      node idle (polling, up to SLURM_READY_TIMEOUT seconds, default 180);
#   3. `sbatch --array=1-N --wait`: task K writes shard-K.<format> into the temporary folder;
#   4. `tapedeck merge --signals S shard-1 … shard-N --out OUTPUT`;
#   5. stops every daemon it started, by process id, on success, error or interruption, and removes the
#      temporary folder (KEEP_SLURM_DIR=1 keeps it, for the daemons' and tasks' logs).
# One run at a time per machine (a lock: the daemons use Slurm's fixed ports 6817 and 6818).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: tools/slurm/sharded-backtest.sh TAPEDECK N OUTPUT [BACKTEST OPTIONS...]
  Runs `TAPEDECK backtest --shard K/N --out DIR/shard-K.FMT [BACKTEST OPTIONS]` for K = 1…N as a job array
  (`sbatch --array=1-N --wait`) on a single-node Slurm it starts and stops, then `TAPEDECK merge` into OUTPUT.
  e.g. tools/slurm/sharded-backtest.sh .build/release/tapedeck 4 /tmp/results.csv \
         --archive recordings/sample-2024-03-15.tapedeck --signals recordings/sample-signals.csv --format csv
EOF
}
die() { echo "sharded-backtest.sh: $*" >&2; exit 2; }

case ${1:-} in -h | --help) usage; exit 0 ;; esac
[ $# -ge 3 ] || { usage >&2; die "expected TAPEDECK N OUTPUT [BACKTEST OPTIONS...], got $# argument(s)"; }
tapedeck=$1 shards=$2 output=$3
shift 3
if ! [ -f "$tapedeck" ] || ! [ -x "$tapedeck" ]; then die "TAPEDECK '$tapedeck' is not an executable file"; fi
if ! [[ $shards =~ ^[1-9][0-9]{0,3}$ ]] || [ "$shards" -gt 1000 ]; then die "N must be an integer from 1 to 1000, not '$shards'"; fi
[ -n "$output" ] || die "OUTPUT must not be empty"
outputDir=$(dirname -- "$output")
[ -d "$outputDir" ] || die "the folder of OUTPUT '$output' does not exist"
tapedeck=$(cd "$(dirname -- "$tapedeck")" && pwd)/$(basename -- "$tapedeck")
output=$(cd "$outputDir" && pwd)/$(basename -- "$output")

# Read the passthrough options only as far as the script needs: the format (the shards' file extension) and
# the signals file (for merge). Everything else reaches `tapedeck backtest` as given.
format=json
signals=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
        --out | --out=* | --shard | --shard=* | --stream | --stream=*)
            die "${args[i]%%=*} is set by the script (or not supported through it); pass OUTPUT and N instead" ;;
        --format) format=${args[i + 1]:-} ;;
        --format=*) format=${args[i]#--format=} ;;
        --signals) signals=(--signals "${args[i + 1]:-}") ;;
        --signals=*) signals=(--signals "${args[i]#--signals=}") ;;
    esac
done
[ "$format" = json ] || [ "$format" = csv ] || die "--format must be json or csv for shards that are merged, not '$format'"

# 1. Slurm and munge, installed when missing (root only: the test never installs; .ci/run does).
missingTools=()
for tool in sbatch sinfo scancel slurmctld slurmd munged munge unmunge; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missingTools+=("$tool")
done
if [ ${#missingTools[@]} -gt 0 ]; then
    [ "${SLURM_INSTALL:-1}" != 0 ] || die "${missingTools[*]} missing and SLURM_INSTALL=0: install Debian's slurm-wlm and munge first"
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        die "${missingTools[*]} missing: install Debian's slurm-wlm and munge (apt-get install slurm-wlm munge) as root"
    fi
    echo "sharded-backtest.sh: installing slurm-wlm munge (missing: ${missingTools[*]})" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >&2 \
        || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >&2; } \
        || die "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" -eq 0 ] || die "starting slurmctld, slurmd and munged needs root (SlurmUser=root); run as root"
PATH=$PATH:/usr/sbin:/sbin

# One run at a time: the lock is released when this process exits.
lockFile=/run/lock/tapedeck-slurm.lock
[ -d /run/lock ] && [ -w /run/lock ] || lockFile=/tmp/tapedeck-slurm.lock
exec 9>"$lockFile"
flock -w "${SLURM_LOCK_TIMEOUT:-1800}" 9 || die "another sharded-backtest.sh run holds the Slurm lock"

work=$(mktemp -d /tmp/tapedeck-slurm.XXXXXX)
chmod 755 "$work"
started=()   # "name pid" of every daemon this run started, stopped in reverse order
jobID=
sbatchPid=
stepsBefore=$(pgrep -x slurmstepd 2>/dev/null | tr '\n' ' ' || true)

alive() { # alive PID: the process exists and has not exited (a zombie, exited but not yet reaped by its
    # parent, counts as gone: munged daemonizes, so its parent is init, which reaps when it will)
    local state
    state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

stopPid() { # stopPid NAME PID: TERM, up to 15 s, then KILL; returns once the process has exited
    local name=$1 pid=$2
    alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
        alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    echo "sharded-backtest.sh: $name (pid $pid) ignored TERM for 15 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [ -z "$sbatchPid" ] || kill "$sbatchPid" 2>/dev/null || true
    if [ -n "$jobID" ] && [ $status -ne 0 ]; then
        scancel "$jobID" 2>/dev/null || true
        # Steps still running hold the node; give them a moment to end after the cancel.
        for _ in $(seq 1 50); do
            squeue -h -j "$jobID" 2>/dev/null | grep -q . || break
            sleep 0.2
        done
    fi
    for ((j = ${#started[@]} - 1; j >= 0; j--)); do
        stopPid "${started[j]% *}" "${started[j]#* }"
    done
    # A task's slurmstepd that outlived its slurmd (an interrupted run) is this run's: none ran before it.
    for pid in $(pgrep -x slurmstepd 2>/dev/null || true); do
        [[ " $stepsBefore " == *" $pid "* ]] || stopPid slurmstepd "$pid"
    done
    if [ $status -ne 0 ]; then
        for log in "$work"/slurmctld.log "$work"/slurmd.log "$work"/task-*.log; do
            [ -s "$log" ] || continue
            echo "---- last lines of $log" >&2
            tail -n 15 "$log" >&2
        done
    fi
    if [ "${KEEP_SLURM_DIR:-0}" = 1 ]; then echo "sharded-backtest.sh: kept $work" >&2; else rm -rf "$work"; fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 2a. munge: a key once, then the daemon as the munge user, unless one already answers.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /etc/munge /var/log/munge /run/munge /var/lib/munge
    [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
    chown -R munge:munge /etc/munge /var/log/munge /run/munge /var/lib/munge
    chmod 700 /etc/munge /var/log/munge /var/lib/munge
    chmod 755 /run/munge
    chmod 400 /etc/munge/munge.key
    rm -f /run/munge/munged.pid
    runuser -u munge -- munged --force || die "munged did not start (see /var/log/munge/munged.log)"
    for _ in $(seq 1 100); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
    [ -s /run/munge/munged.pid ] || die "munged wrote no pid file"
    started+=("munged $(cat /run/munge/munged.pid)")
    munge -n | unmunge >/dev/null || die "munge -n | unmunge failed after starting munged"
fi

# 2b. slurm.conf in the temporary folder; every Slurm command below reads it through SLURM_CONF.
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/slurmctld" "$work/slurmd"
cat > "$work/slurm.conf" <<EOF
ClusterName=tapedeck
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
SlurmUser=root
StateSaveLocation=$work/slurmctld
SlurmdSpoolDir=$work/slurmd
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=2000 State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf
# Nothing else may answer on Slurm's ports: a stale controller would take the job.
if sinfo -h >/dev/null 2>&1; then die "a Slurm controller already answers on this machine; stop it first"; fi

slurmctld -D -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
started+=("slurmctld $!")
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
started+=("slurmd $!")

# Ready when sinfo shows the node idle; polled, so a loaded machine only waits longer.
deadline=$((SECONDS + ${SLURM_READY_TIMEOUT:-180}))
until [ "$(sinfo -h -N -o %t 2>/dev/null | head -n 1)" = idle ]; do
    for daemon in "${started[@]}"; do
        alive "${daemon#* }" || die "${daemon% *} exited while starting (log in $work)"
    done
    [ $SECONDS -lt $deadline ] || die "the node was not idle after ${SLURM_READY_TIMEOUT:-180} s (sinfo: $(sinfo -h -N 2>&1 | head -n 1))"
    sleep 0.5
done

# 3. The job array: task K of N writes shard-K.<format>.
{
    echo '#!/usr/bin/env bash'
    echo 'set -euo pipefail'
    # shellcheck disable=SC2016 # $SLURM_ARRAY_TASK_ID is expanded by the task, not here
    printf 'exec %q backtest --shard "$SLURM_ARRAY_TASK_ID/%d" --out %q/shard-"$SLURM_ARRAY_TASK_ID".%s' "$tapedeck" "$shards" "$work" "$format"
    [ ${#args[@]} -eq 0 ] || printf ' %q' "${args[@]}"
    echo
} > "$work/task.sh"
chmod 755 "$work/task.sh"
# `--wait` blocks until every task has ended and returns the job's status; sbatch prints the job id at
# submission, read from its output file so that cleanup can cancel the job if this script is interrupted.
status=0
sbatch --parsable --wait --array="1-$shards" --job-name=tapedeck-shards --output="$work/task-%a.log" \
    --chdir="$PWD" --export=ALL "$work/task.sh" >"$work/sbatch.out" 2>"$work/sbatch.err" &
sbatchPid=$!
until [ -s "$work/sbatch.out" ] || ! kill -0 "$sbatchPid" 2>/dev/null; do sleep 0.2; done
jobID=$(head -n 1 "$work/sbatch.out" | cut -d';' -f1)
wait "$sbatchPid" || status=$?
[ -n "$jobID" ] || die "sbatch refused the job array: $(head -n 1 "$work/sbatch.err")"
[ $status -eq 0 ] || die "job array $jobID failed (sbatch --wait status $status; a task's log follows)"
for ((k = 1; k <= shards; k++)); do
    [ -f "$work/shard-$k.$format" ] || die "array task $k of job $jobID wrote no shard (log: task-$k.log)"
done

# 4. Merge in shard order.
outputs=()
for ((k = 1; k <= shards; k++)); do outputs+=("$work/shard-$k.$format"); done
"$tapedeck" merge "${signals[@]}" "${outputs[@]}" --out "$output"
echo "sharded-backtest.sh: $shards shards (Slurm job $jobID) merged into $output" >&2
