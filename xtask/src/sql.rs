//! `cargo xtask sql-check` and `cargo xtask spark-check`: the assessment as one SQL query
//! (bench/assess.sql), run unchanged in DuckDB or on Apache Spark (PySpark, local mode:
//! bench/spark.py), gives the same statuses, bases, gaps and tolerances as the engine, on the
//! benchmark's tiny panel and on a panel with estimates, ranges and direction `none`
//! (tests/fixtures/panel-extended).

use std::path::Path;
use std::process::Command;

/// Loads a panel into DuckDB, runs the query, prints CSV (numbers with 17 significant digits).
const DRIVER: &str = r#"
import csv, sys, duckdb
panel, sql = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
con = duckdb.connect()
header = open(f"{panel}/facts.csv", encoding="utf-8").readline().strip().split(",")
types = {"indicator": "VARCHAR", "region": "VARCHAR", "year": "BIGINT", "kind": "VARCHAR", "bound": "VARCHAR",
         "value": "DOUBLE", "value_hi": "DOUBLE", "unit": "VARCHAR"}
cols = ", ".join(f"'{c}': '{types.get(c, 'VARCHAR')}'" for c in header)
con.execute(f"CREATE VIEW raw AS SELECT * FROM read_csv('{panel}/facts.csv', header=true, auto_detect=false, columns={{{cols}}})")
hi = "value_hi" if "value_hi" in header else "CAST(NULL AS DOUBLE) AS value_hi"
con.execute(f"CREATE VIEW facts AS SELECT indicator, region, year, kind, bound, value, {hi}, unit FROM raw")
con.execute(f"CREATE VIEW indicators AS SELECT * FROM read_csv('{panel}/indicators.csv', header=true, auto_detect=false, columns={{'id': 'VARCHAR', 'domain': 'VARCHAR', 'unit': 'VARCHAR', 'direction': 'VARCHAR'}})")
con.execute(f"CREATE VIEW units AS SELECT * FROM read_csv('{panel}/units.csv', header=true, auto_detect=false, columns={{'unit': 'VARCHAR', 'base_unit': 'VARCHAR', 'factor': 'DOUBLE'}})")
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["indicator", "region", "year", "basis", "actual_base", "gap", "rel_gap", "tol", "status"])
for r in con.execute(sql).fetchall():
    indicator, domain, region, year, bound, basis, actual_base, gap, rel_gap, tol, status = r
    num = lambda x: "" if x is None else repr(float(x))
    w.writerow([indicator, region, year, basis or "", num(actual_base), num(gap), num(rel_gap), num(tol), status])
"#;

/// Where the SQL runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// DuckDB, in process (the driver above).
    DuckDb,
    /// Apache Spark in local mode through PySpark (bench/spark.py).
    Spark,
}

impl Engine {
    /// The xtask that runs it.
    pub fn task(self) -> &'static str {
        match self {
            Engine::DuckDb => "sql-check",
            Engine::Spark => "spark-check",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Engine::DuckDb => "DuckDB",
            Engine::Spark => "Spark",
        }
    }

    fn install(self) -> &'static str {
        match self {
            Engine::DuckDb => "pip install duckdb",
            Engine::Spark => "Java 17 and pip install pyspark",
        }
    }
}

/// Runs the check on both panels.
pub fn run(root: &Path, engine: Engine) -> Result<String, String> {
    let mut lines = Vec::new();
    for panel in ["tests/fixtures/bench-tiny", "tests/fixtures/panel-extended"] {
        let dir = root.join(panel);
        let out = root.join("target/sql-check").join(dir.file_name().unwrap_or_default());
        let args: Vec<String> = vec![
            "zhibiao".into(),
            "assess".into(),
            "--quiet".into(),
            "--facts".into(),
            dir.join("facts.csv").display().to_string(),
            "--indicators".into(),
            dir.join("indicators.csv").display().to_string(),
            "--units".into(),
            dir.join("units.csv").display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ];
        let mut sink = Vec::new();
        let mut errors = Vec::new();
        if zhibiao_cli::run(args, &mut sink, &mut errors) != 0 {
            return Err(format!("zhibiao assess failed on {panel}: {}", String::from_utf8_lossy(&errors)));
        }
        let mut command = Command::new("python3");
        match engine {
            Engine::DuckDb => command.args(["-c", DRIVER]),
            Engine::Spark => command.arg(root.join("bench/spark.py")),
        };
        let output = command
            .arg(&dir)
            .arg(root.join("bench/assess.sql"))
            .output()
            .map_err(|e| format!("cannot run python3: {e}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
            return Err(format!("the SQL did not run in {} (it needs {}): {last}", engine.name(), engine.install()));
        }
        let sql = String::from_utf8_lossy(&output.stdout).into_owned();
        let ours = std::fs::read_to_string(out.join("assessment.csv")).map_err(|e| e.to_string())?;
        let n = compare(&sql, &ours).map_err(|e| format!("{panel}: {e}"))?;
        lines.push(format!(
            "{panel}: {n} targets, SQL in {} and the engine agree on status, basis, gap, rel_gap and tol",
            engine.name()
        ));
    }
    Ok(lines.join("\n"))
}

fn rows(text: &str) -> Result<Vec<std::collections::HashMap<String, String>>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| e.to_string())?;
            Ok(header.iter().cloned().zip(r.iter().map(str::to_owned)).collect())
        })
        .collect()
}

fn close(a: &str, b: &str) -> bool {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1e-300),
        _ => a == b,
    }
}

fn compare(sql: &str, ours: &str) -> Result<usize, String> {
    let (sql, ours) = (rows(sql)?, rows(ours)?);
    if sql.len() != ours.len() {
        return Err(format!("{} rows from SQL, {} from the engine", sql.len(), ours.len()));
    }
    for (s, o) in sql.iter().zip(&ours) {
        let get = |m: &std::collections::HashMap<String, String>, k: &str| m.get(k).cloned().unwrap_or_default();
        for key in ["indicator", "region", "year", "status", "basis"] {
            if get(s, key) != get(o, key) {
                return Err(format!(
                    "{key}: SQL {:?} vs the engine {:?} for {:?}",
                    get(s, key),
                    get(o, key),
                    get(o, "indicator")
                ));
            }
        }
        for key in ["actual_base", "gap", "rel_gap", "tol"] {
            if !close(&get(s, key), &get(o, key)) {
                return Err(format!(
                    "{key}: SQL {} vs the engine {} for {} {} {}",
                    get(s, key),
                    get(o, key),
                    get(o, "indicator"),
                    get(o, "region"),
                    get(o, "year")
                ));
            }
        }
    }
    Ok(sql.len())
}
