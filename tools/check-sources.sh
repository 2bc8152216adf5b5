#!/usr/bin/env bash
# Checks Sources/ for constructs that turn bad input or a failed write into a trap or silent loss:
#   - `try!`, which traps on any error (use `try` with a typed error, or `try?` where nil is an answer);
#   - `FileHandle.write(_:)`, which traps when the write fails (use Console in Sources/tapedeck);
#   - `print(`, which buffers and drops write errors at exit (use Console, which checks every write).
# Comment lines (`//`, `///`) are skipped. Exits 1 listing each offending line; run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
check() {
    local pattern="$1" why="$2" hits
    # -P for \b; strip lines whose code part is a comment.
    hits=$(grep -rnP --include='*.swift' "$pattern" Sources | grep -vP '^[^:]+:\d+:\s*//' || true)
    if [ -n "$hits" ]; then
        echo "check-sources: $why:"
        echo "$hits"
        status=1
    fi
}

check 'try!' 'try! traps on an error; throw it or handle it'
check 'FileHandle\.\w+\.write\(' 'FileHandle.write(_:) traps when the write fails; use Console'
check '(?<![\w.])print\(' 'print drops write errors; use Console, which checks every write'

if [ "$status" -eq 0 ]; then echo "check-sources: OK"; fi
exit "$status"
