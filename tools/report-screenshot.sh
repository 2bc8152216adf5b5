#!/usr/bin/env bash
# Regenerates docs/report-sample.png: the sample report (`tapedeck report` on the committed recording and
# signals, every adapter) rendered by headless Chromium — header, coverage, entries table and the first
# entry's charts.
#   bash tools/report-screenshot.sh            # needs Debian's chromium (apt-get install chromium)
# Set CHROMIUM to use another Chromium or Chrome binary; REPORT_ARGS to add options (e.g. "--audit").
set -euo pipefail
cd "$(dirname "$0")/.."
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
    echo "report-screenshot: chromium not found; install it (apt-get install chromium) or set CHROMIUM" >&2
    exit 1
fi
swift build --product tapedeck >/dev/null
bin=$(swift build --show-bin-path)/tapedeck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
"$bin" report ${REPORT_ARGS:-} --out "$work/report.html"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=1000,1900 --screenshot="$work/report.png" "file://$work/report.html" 2>/dev/null
cp "$work/report.png" docs/report-sample.png
echo "wrote docs/report-sample.png"
