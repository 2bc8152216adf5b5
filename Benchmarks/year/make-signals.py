#!/usr/bin/env python3
"""Deterministic signals for the simulated year (Benchmarks/year/run.sh): ENTRIES entries spread over every
symbol-day of SESSIONS x SYMBOLS, as CSV `symbol,entry_time,id` in New York local time.

    make-signals.py --seed 18 --entries 100000 --sessions sessions.txt SPY QQQ ETSY ...

SESSIONS is a file of trading days, one `YYYY-MM-DD HH:MM` a line: the day and its regular close in New
York time (run.sh writes it from `tapedeck calendar`; 13:00 on an early close). Every symbol-day gets
entries // symbol-days entries, and the remainder one more each, on symbol-days drawn without replacement;
entry times are whole seconds drawn uniformly from 10:00:00 to 10 minutes before the close (15:49:59 on a
full day), distinct within a symbol-day. Rows are sorted by day, symbol and time. Only the seed decides the output: the same
arguments give the same bytes on every machine (Python's `random.Random` with an integer seed is stable
across versions for `randrange`, `sample` and `shuffle`); no clock is read.
"""

import argparse
import random
import re
import sys

FIRST_SECOND = 10 * 3600  # 10:00:00
BEFORE_CLOSE = 10 * 60  # entries end 10 minutes before the regular close


def fail(message: str) -> None:
    print(f"make-signals.py: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    parser = argparse.ArgumentParser(description="Deterministic signals over symbol-days.")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--sessions", required=True, help="file of trading days, one YYYY-MM-DD a line")
    parser.add_argument("symbols", nargs="+")
    args = parser.parse_args()

    try:
        with open(args.sessions, encoding="utf-8") as file:
            lines = [line.strip() for line in file if line.strip()]
    except OSError as error:
        fail(f"cannot read --sessions {args.sessions}: {error.strerror}")
    last_second = {}
    for line in lines:
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})", line)
        if not match:
            fail(f"--sessions {args.sessions}: '{line}' is not 'YYYY-MM-DD HH:MM' (day and regular close)")
        day, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
        if day in last_second:
            fail(f"--sessions {args.sessions} lists {day} twice")
        last_second[day] = hour * 3600 + minute * 60 - BEFORE_CLOSE
        if last_second[day] <= FIRST_SECOND:
            fail(f"--sessions {args.sessions}: {day} closes at {hour:02d}:{minute:02d}, too early for entries from 10:00")
    if not last_second:
        fail(f"--sessions {args.sessions} lists no trading day")
    for symbol in args.symbols:
        if not re.fullmatch(r"[A-Z][A-Z0-9.]*", symbol):
            fail(f"symbol '{symbol}' is not an uppercase ticker")
    if len(set(args.symbols)) != len(args.symbols):
        fail("a symbol is named twice")
    symbol_days = [(day, symbol) for day in sorted(last_second) for symbol in args.symbols]
    shortest = min(last_second.values()) - FIRST_SECOND
    if args.entries < 1 or args.entries > len(symbol_days) * shortest:
        fail(f"--entries must be from 1 to {len(symbol_days) * shortest}, not {args.entries}")

    rng = random.Random(args.seed)
    base, extra = divmod(args.entries, len(symbol_days))
    counts = [base] * len(symbol_days)
    for index in rng.sample(range(len(symbol_days)), extra):
        counts[index] += 1

    out = sys.stdout
    out.write("symbol,entry_time,id\n")
    number = 0
    for (day, symbol), count in zip(symbol_days, counts):
        for second in sorted(rng.sample(range(FIRST_SECOND, last_second[day]), count)):
            number += 1
            out.write(f"{symbol},{day} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d},y{number:06d}\n")


if __name__ == "__main__":
    main()
