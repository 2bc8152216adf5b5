#!/usr/bin/env python3
"""Compare TapeDeck's NYSE calendar with exchange_calendars' XNYS calendar, 2000-2035.

An independent check, run by hand (it needs `pip install exchange_calendars`):
    python3 tools/crosscheck-calendar.py
Prints every date on which the two disagree about being a trading day or about the regular session's
open or close, and exits non-zero if there is any.
"""
import json
import subprocess
import sys

import exchange_calendars as xc

ours = json.loads(subprocess.run(
    ["swift", "run", "-q", "tapedeck", "calendar", "--from", "2000-01-01", "--to", "2035-12-31", "--format", "json"],
    check=True, capture_output=True, text=True).stdout)
mine = {r["date"]: (r["regular_open_utc"], r["regular_close_utc"]) for r in ours if r["status"] == "open"}
schedule = xc.get_calendar("XNYS", start="2000-01-01", end="2035-12-31").schedule
ref = {str(d.date()): (row["open"].strftime("%Y-%m-%dT%H:%M:%SZ"), row["close"].strftime("%Y-%m-%dT%H:%M:%SZ"))
       for d, row in schedule.iterrows()}
problems = [f"{d}: trading day only in TapeDeck" for d in sorted(set(mine) - set(ref))]
problems += [f"{d}: trading day only in exchange_calendars" for d in sorted(set(ref) - set(mine))]
problems += [f"{d}: TapeDeck {mine[d]} vs exchange_calendars {ref[d]}"
             for d in sorted(set(mine) & set(ref)) if mine[d] != ref[d]]
print("\n".join(problems) if problems else f"agree on all {len(ref)} trading days of 2000-2035")
sys.exit(1 if problems else 0)
