#!/usr/bin/env python3
"""Compare a SQL driver's CSV with the engine's assessment.csv, by the rules of `compare()` in
xtask/src/sql.rs (what `cargo xtask sql-check` requires of the DuckDB run):

* the same number of rows, compared row by row in order;
* indicator, region, year, status and basis equal as text;
* actual_base, gap, rel_gap and tol equal within 1e-9 relative (|a - b| <= 1e-9 * max(|a|, |b|, 1e-300))
  when both parse as numbers, otherwise equal as text (so empty = empty, i.e. NULL = NULL).

Usage: python3 bench/compare_assessment.py DRIVER.csv ENGINE_ASSESSMENT.csv
Prints `N targets agree` and exits 0, or prints the first difference and exits 1 (2 on bad input).
Either file may be `-` for stdin.
"""
import csv
import re
import sys

KEYS = ["indicator", "region", "year", "status", "basis"]
NUMBERS = ["actual_base", "gap", "rel_gap", "tol"]

# What Rust's `str::parse::<f64>` accepts: an optional sign, then a decimal with optional exponent,
# or inf / infinity / nan (any case). No surrounding spaces and no `_`, unlike Python's float().
_F64 = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)\Z", re.IGNORECASE)


def parse_f64(text):
    return float(text) if _F64.match(text) else None


def close(a, b):
    x, y = parse_f64(a), parse_f64(b)
    if x is None or y is None:
        return a == b
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-300)


def rows(path):
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return []
        out = []
        for n, record in enumerate(reader, start=2):
            if not record:  # the Rust csv reader skips empty lines
                continue
            if len(record) != len(header):
                raise ValueError(f"{path}: line {n} has {len(record)} fields, the header has {len(header)}")
            out.append(dict(zip(header, record)))
        return out


def compare(driver, engine):
    """Returns (number of rows, None) when they agree, else (None, first difference)."""
    if len(driver) != len(engine):
        return None, f"{len(driver)} rows from SQL, {len(engine)} from the engine"
    for s, o in zip(driver, engine):
        for key in KEYS:
            if s.get(key, "") != o.get(key, ""):
                return None, f"{key}: SQL {s.get(key, '')!r} vs engine {o.get(key, '')!r} for {o.get('indicator', '')!r}"
        for key in NUMBERS:
            if not close(s.get(key, ""), o.get(key, "")):
                return None, (f"{key}: SQL {s.get(key, '')} vs engine {o.get(key, '')} for "
                              f"{o.get('indicator', '')} {o.get('region', '')} {o.get('year', '')}")
    return len(driver), None


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        driver, engine = rows(argv[1]), rows(argv[2])
    except (OSError, ValueError, csv.Error) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    n, difference = compare(driver, engine)
    if difference is not None:
        print(difference)
        return 1
    print(f"{n} targets agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
