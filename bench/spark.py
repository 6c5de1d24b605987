#!/usr/bin/env python3
"""Run the assessment query (bench/assess.sql) on Apache Spark, the way `cargo xtask sql-check` runs it
on DuckDB (the DRIVER in xtask/src/sql.rs), and print the same CSV.

    python3 bench/spark.py PANEL_DIR SQL_FILE [--out OUT.csv] [--parquet] [--master URL] [--conf K=V ...]
    python3 bench/spark.py PANEL_DIR SQL_FILE --write DIR [--write-format csv|parquet] [--parquet] ...
    python3 bench/spark.py PANEL_DIR --to-parquet OUT_DIR [--shards N] [--master URL] [--conf K=V ...]

PANEL_DIR holds facts.csv, indicators.csv and units.csv (bench/reference/SPEC.md §1), or with
`--parquet` facts.parquet, indicators.parquet and units.parquet (files or Spark output directories,
as written by `--to-parquet`). They are read with explicit types, the same as the DuckDB driver:

    facts(indicator, region STRING, year BIGINT, kind, bound STRING, value, value_hi DOUBLE, unit STRING)
    indicators(id, domain, unit, direction STRING)      units(unit, base_unit STRING, factor DOUBLE)

(value_hi may be absent from facts; it is then a NULL double) and registered as temp views `facts`,
`indicators` and `units`. SQL_FILE runs unchanged, and the result is written as
`indicator,region,year,basis,actual_base,gap,rel_gap,tol,status`, numbers as Python repr(float),
empty for NULL, in the query's ORDER BY order, to stdout or to --out. Compare it with the engine's
assessment.csv with bench/compare_assessment.py. This collects the whole result into the driver and
Python, which suits small panels only: a result of millions of rows exceeds the driver's defaults
(spark.driver.memory and spark.driver.maxResultSize, 1g each) and fails with TaskResultLost.

`--write DIR` is the mode for big panels and clusters: Spark itself writes the result, with the
same columns, as part files into DIR (which must not exist yet; Spark creates it, and an `_SUCCESS`
file in it marks a complete result), and nothing is collected to the driver. Rows are in the query's
ORDER BY order within each part file, and across part files in file-name order (part-00000, …).
`--write-format csv` (the default): each part file is a CSV with the header line, NULL as an empty
field, RFC 4180 quoting ("" inside quotes), text written as is. Unlike stdout/--out, numbers are
Java's Double.toString, not Python's repr(float): scientific notation already below 1e-3 and from
1e7 on (`1.0E7`, `1.0E-4`, where Python writes `10000000.0`, `0.0001`; both write `5.0`), and on a
JDK older than 19 a number may now and then print with more digits than the shortest form. The values
parse back the same, so bench/compare_assessment.py (1e-9 relative) accepts them; compare
numerically, not byte for byte. One CSV: the first part file whole, then the others without their
header line. `--write-format parquet`: year BIGINT, the four numbers DOUBLE, the rest STRING (basis
NULL where the CSV has it empty), no formatting question at all.

`--to-parquet OUT_DIR` converts a CSV panel into Parquet: facts are repartitioned on `indicator` into
--shards files (default 8; every indicator's rows land in one shard) and sorted by
(indicator, region, year) within each; indicators and units are one file each.

The session: master `local[*]` unless --master or $SPARK_MASTER says otherwise; UI off; session time
zone UTC; driver bound to 127.0.0.1 in local mode (no network needed); Spark logging at ERROR. Extra
Spark settings with --conf (repeatable), e.g. `--conf spark.sql.ansi.enabled=false`. Spark's own
output is kept off stdout, so stdout holds only the CSV. Needs `pip install pyspark` and Java 17+.

`--driver-memory SIZE` (e.g. `8g`) sets spark.driver.memory, the driver JVM's heap; without it Spark's
default (1g) holds. In local mode the executors run inside the driver JVM, so this is what bounds the
whole run: a big panel wants e.g. `--write DIR --driver-memory 8g` (the 16.5 M-fact benchmark panel,
8.3 M targets, ran so in about 2.5 min on 2 cores, the JVM peaking at 5.4 GiB resident). It takes
effect only when this script starts the JVM (plain `python3`); under spark-submit, pass
spark-submit's own --driver-memory instead.

On a cluster: put the panel (better as Parquet) where every executor can read it (HDFS, S3, …), pass
its URL as PANEL_DIR and the cluster as --master (or run through spark-submit, which sets the master).
"""
import argparse
import csv
import os
import sys
import tempfile

FACT_TYPES = {"indicator": "string", "region": "string", "year": "bigint", "kind": "string", "bound": "string",
              "value": "double", "value_hi": "double", "unit": "string"}
FACT_COLUMNS = ["indicator", "region", "year", "kind", "bound", "value", "value_hi", "unit"]
INDICATORS = [("id", "string"), ("domain", "string"), ("unit", "string"), ("direction", "string")]
UNITS = [("unit", "string"), ("base_unit", "string"), ("factor", "double")]
HEADER = ["indicator", "region", "year", "basis", "actual_base", "gap", "rel_gap", "tol", "status"]

# log4j2 configuration for the driver JVM: only errors, on stderr, one line each.
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
# A logger configured under org.apache.spark at the root's level keeps Spark's shell logic from
# resetting the level to WARN and printing "Setting default log level to ..." at start-up.
logger.spark.name = org.apache.spark
logger.spark.level = error
"""


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run bench/assess.sql on Spark and print the assessment CSV.")
    p.add_argument("panel", metavar="PANEL_DIR")
    p.add_argument("sql", metavar="SQL_FILE", nargs="?")
    p.add_argument("--out", metavar="OUT.csv", help="write the CSV here instead of stdout")
    p.add_argument("--write", metavar="DIR",
                   help="let Spark write the result as part files into DIR (must not exist); nothing is collected")
    p.add_argument("--write-format", choices=["csv", "parquet"],
                   help="format of --write's part files (default csv)")
    p.add_argument("--parquet", action="store_true", help="read facts/indicators/units.parquet instead of CSV")
    p.add_argument("--to-parquet", metavar="OUT_DIR", help="convert the CSV panel to Parquet in OUT_DIR and exit")
    p.add_argument("--shards", type=int, default=8, help="facts files written by --to-parquet (default 8)")
    p.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[*]"),
                   help="Spark master (default $SPARK_MASTER or local[*])")
    p.add_argument("--driver-memory", metavar="SIZE",
                   help="spark.driver.memory, e.g. 8g (default: Spark's, 1g); bounds a local-mode run")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark setting")
    args = p.parse_args(argv)
    if args.to_parquet and (args.sql or args.parquet or args.out or args.write or args.write_format):
        p.error("--to-parquet takes only PANEL_DIR (and --shards/--driver-memory/--master/--conf)")
    if not args.to_parquet and not args.sql:
        p.error("SQL_FILE is required (unless --to-parquet)")
    if args.write and args.out:
        p.error("--write and --out exclude each other")
    if args.write_format and not args.write:
        p.error("--write-format needs --write DIR")
    if args.write and "://" not in args.write and os.path.lexists(args.write):
        # Checked before the session starts; Spark would refuse too (mode errorifexists), only later.
        p.error(f"--write {args.write}: already exists (remove it, or choose a new directory)")
    for kv in args.conf:
        if "=" not in kv:
            p.error(f"--conf {kv!r}: expected KEY=VALUE")
    return args


def session(args, scratch):
    # Imported here so that `--help` and argument errors work without pyspark.
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    log4j = os.path.join(scratch, "log4j2.properties")
    with open(log4j, "w", encoding="utf-8") as f:
        f.write(LOG4J2)
    local = args.master.startswith("local")
    b = (SparkSession.builder.master(args.master).appName("zhibiao-assess")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.warehouse.dir", os.path.join(scratch, "warehouse"))
         .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log4j}"))
    if args.driver_memory:
        # Read by spark-submit when pyspark launches the JVM (-Xmx); set before getOrCreate().
        b = b.config("spark.driver.memory", args.driver_memory)
    if local:
        # One machine: no hostname lookup, and few shuffle partitions (the default 200 is for clusters).
        b = (b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2))))
    for kv in args.conf:
        k, v = kv.split("=", 1)
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def join(base, name):
    return base.rstrip("/") + "/" + name


def first_line(spark, path):
    """The CSV header: read locally when the file is local, else through Spark (hdfs://, s3a://, …)."""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.readline().strip()
    return spark.read.text(path).limit(1).collect()[0][0].strip()


def facts_frame(df, present):
    """facts with the driver's columns, in order; value_hi a NULL double when the input lacks it."""
    from pyspark.sql import functions as F

    missing = [c for c in FACT_COLUMNS if c != "value_hi" and c not in present]
    if missing:
        raise SystemExit(f"facts lacks the column(s) {', '.join(missing)}")
    return df.select([F.col(c).cast(FACT_TYPES[c]).alias(c) if c in present
                      else F.lit(None).cast(FACT_TYPES[c]).alias(c) for c in FACT_COLUMNS])


def typed(df, columns):
    from pyspark.sql import functions as F

    return df.select([F.col(c).cast(t).alias(c) for c, t in columns])


def load_csv(spark, panel):
    def read(name, columns):
        schema = ", ".join(f"`{c}` {t}" for c, t in columns)
        # header=true with an explicit schema: the header line is skipped and the schema is applied by
        # position (enforceSchema), hence the schema follows the header's own order. FAILFAST: a value
        # that does not parse is an error (as in DuckDB), not a silent NULL.
        return (spark.read.option("header", "true").option("encoding", "UTF-8").option("mode", "FAILFAST")
                .schema(schema).csv(join(panel, name)))

    header = first_line(spark, join(panel, "facts.csv")).split(",")
    raw = read("facts.csv", [(c, FACT_TYPES.get(c, "string")) for c in header])
    facts = facts_frame(raw, set(header))
    indicators = typed(read("indicators.csv", INDICATORS), INDICATORS)
    units = typed(read("units.csv", UNITS), UNITS)
    return facts, indicators, units


def load_parquet(spark, panel):
    raw = spark.read.parquet(join(panel, "facts.parquet"))
    facts = facts_frame(raw, set(raw.columns))
    indicators = typed(spark.read.parquet(join(panel, "indicators.parquet")), INDICATORS)
    units = typed(spark.read.parquet(join(panel, "units.parquet")), UNITS)
    return facts, indicators, units


def to_parquet(spark, panel, out, shards):
    facts, indicators, units = load_csv(spark, panel)
    (facts.repartition(shards, "indicator").sortWithinPartitions("indicator", "region", "year")
     .write.mode("overwrite").parquet(join(out, "facts.parquet")))
    indicators.coalesce(1).write.mode("overwrite").parquet(join(out, "indicators.parquet"))
    units.coalesce(1).write.mode("overwrite").parquet(join(out, "units.parquet"))


def num(x):
    return "" if x is None else repr(float(x))


def assess(spark, panel, sql_file, parquet):
    """The query's DataFrame, ordered by its ORDER BY (collect() and the writers keep that order)."""
    with open(sql_file, encoding="utf-8") as f:
        sql = f.read()
    facts, indicators, units = (load_parquet if parquet else load_csv)(spark, panel)
    facts.createOrReplaceTempView("facts")
    indicators.createOrReplaceTempView("indicators")
    units.createOrReplaceTempView("units")
    # Spark's parser takes one statement; a trailing `;` is allowed.
    return spark.sql(sql)


def write_dir(df, out, fmt):
    """--write: Spark writes the HEADER columns as part files into `out`; nothing reaches the driver."""
    result = df.select(*HEADER)
    if fmt == "parquet":
        result.write.mode("errorifexists").parquet(out)
        return
    # The stdout CSV's rules as far as Spark's writer goes: header line, NULL as an empty field (the
    # default nullValue), an empty string also unquoted (emptyValue; Spark writes `""` by default),
    # quotes doubled as in RFC 4180 / Python's csv (Spark escapes with a backslash by default), no
    # trimming of leading/trailing blanks (Spark's writer trims by default), "\n" line ends, UTF-8.
    # Doubles are Java's Double.toString (see the module docstring).
    (result.write.mode("errorifexists")
     .option("header", "true").option("encoding", "UTF-8").option("lineSep", "\n")
     .option("quote", '"').option("escape", '"').option("emptyValue", "")
     .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
     .csv(out))


def write(rows, sink):
    """The DuckDB driver's CSV (xtask/src/sql.rs): same header, repr(float) numbers, empty for NULL."""
    w = csv.writer(sink, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        indicator, domain, region, year, bound, basis, actual_base, gap, rel_gap, tol, status = r
        w.writerow([indicator, region, year, basis or "", num(actual_base), num(gap), num(rel_gap), num(tol), status])


def main(argv):
    args = parse_args(argv)
    # Keep stdout for the CSV alone: the JVM inherits this process's fd 1, so point fd 1 at stderr for
    # everything else and write the CSV to a duplicate of the original stdout.
    sys.stdout.flush()
    csv_fd = os.dup(1)
    os.dup2(2, 1)
    with tempfile.TemporaryDirectory(prefix="zhibiao-spark-") as scratch:
        spark = session(args, scratch)
        try:
            if args.to_parquet:
                to_parquet(spark, args.panel, args.to_parquet, args.shards)
                return 0
            if args.write:
                write_dir(assess(spark, args.panel, args.sql, args.parquet), args.write, args.write_format or "csv")
                return 0
            rows = assess(spark, args.panel, args.sql, args.parquet).collect()
            # Written only once the query has succeeded: a failed run leaves no partial --out file.
            if args.out:
                with open(args.out, "w", encoding="utf-8", newline="") as sink:
                    write(rows, sink)
            else:
                with os.fdopen(csv_fd, "w", encoding="utf-8", newline="") as sink:
                    write(rows, sink)
            return 0
        finally:
            spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
