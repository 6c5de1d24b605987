#!/usr/bin/env python3
"""The floor under `zhibiao assess`'s reading phase: how fast a panel's facts.csv can be read at all
(the bytes alone) and parsed by DuckDB and polars into typed columns with no checks, in MB/s of wall
time and MB/s per second of CPU (per core). Each engine runs in a fresh process, after its import,
so the figure is the parse and nothing else.

usage: parse_floor.py DIR [ROUNDS]   (DIR holds facts.csv, e.g. target/bench-data/large)

Compare with zhibiao's own reading phase: `ZHIBIAO_TIMINGS=1 zhibiao assess …` prints when
"read and validated" ends (every row checked, located messages, the panel built).
"""
import json
import os
import subprocess
import sys

COLUMNS = {"indicator": "VARCHAR", "region": "VARCHAR", "year": "BIGINT", "kind": "VARCHAR",
           "bound": "VARCHAR", "value": "DOUBLE", "unit": "VARCHAR"}

# each child prints {"wall": s, "cpu": s, "rows": n} for the timed part only
CHILD = {
    "read": """
import time, resource, json, sys
r0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.perf_counter()
n = 0
with open(sys.argv[1], 'rb', buffering=0) as f:
    while True:
        b = f.read(8 << 20)
        if not b: break
        n += b.count(b'\\n')
t = time.perf_counter() - t0; r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": t, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime, "rows": n - 1}))
""",
    "duckdb": """
import time, resource, json, sys, duckdb
cols = json.loads(sys.argv[2])
spec = ", ".join(f"'{k}': '{v}'" for k, v in cols.items())
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
r0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.perf_counter()
con.execute(f"CREATE TABLE f AS SELECT * FROM read_csv('{sys.argv[1]}', header=true, delim=',', "
            f"quote='\\"', escape='\\"', auto_detect=false, columns={{{spec}}})")
n = con.execute("SELECT count(*) FROM f").fetchone()[0]
t = time.perf_counter() - t0; r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": t, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime, "rows": n}))
""",
    "polars": """
import time, resource, json, sys, polars as pl
types = {"VARCHAR": pl.String, "BIGINT": pl.Int64, "DOUBLE": pl.Float64}
cols = json.loads(sys.argv[2])
r0 = resource.getrusage(resource.RUSAGE_SELF); t0 = time.perf_counter()
df = pl.read_csv(sys.argv[1], schema={k: types[v] for k, v in cols.items()})
t = time.perf_counter() - t0; r = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": t, "cpu": r.ru_utime + r.ru_stime - r0.ru_utime - r0.ru_stime, "rows": df.height}))
""",
}


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = os.path.join(sys.argv[1], "facts.csv")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    mb = os.path.getsize(path) / 1e6
    with open(path, "rb") as f:  # into the page cache
        while f.read(64 << 20):
            pass
    runs = {name: [] for name in CHILD}
    for _ in range(rounds):  # interleaved, so drift touches every engine alike
        for name, code in CHILD.items():
            out = subprocess.run([sys.executable, "-c", code, path, json.dumps(COLUMNS)],
                                 capture_output=True, text=True, check=True)
            runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{path}: {mb:.0f} MB, median of {rounds} runs each")
    print("| step | rows | wall s | CPU s | MB/s (wall) | MB/s per CPU second |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rs in runs.items():
        rs.sort(key=lambda r: r["wall"])
        m = rs[len(rs) // 2]
        print(f"| {name} | {m['rows']} | {m['wall']:.2f} | {m['cpu']:.2f} | {mb / m['wall']:.0f} "
              f"| {mb / max(m['cpu'], 1e-9):.0f} |")


if __name__ == "__main__":
    main()
