//! Project automation, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! With no argument it lists the tasks. Automation lives here, in Rust, not in shell scripts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A task: its name, a one-line description, and what runs it.
struct Task {
    name: &'static str,
    about: &'static str,
    run: fn(&[String]) -> ExitCode,
}

const TASKS: &[Task] = &[
    Task {
        name: "report",
        about: "validate data/ and regenerate data/summaries/ and data/panel/ (--check: fail naming stale files; --excel: summaries' CSVs with a BOM)",
        run: report,
    },
    Task {
        name: "coverage",
        about: "which numbers of each source no fact quotes, and why (--write updates data/sources/*.uncovered.csv; -v lists exclusions)",
        run: coverage,
    },
    Task {
        name: "panel",
        about: "extract every corpus report into data/panel/ (facts, assessment, wide, escalation, by_year), reviews applied (--check: fail naming stale files)",
        run: panel,
    },
    Task {
        name: "bench",
        about: "the reference benchmark: zhibiao assess vs DuckDB/polars/pandas (--size tiny|small|large, --reps N, --summaries-only, --bin PATH, --against duckdb[,polars,pandas])",
        run: bench,
    },
    Task {
        name: "sql-check",
        about: "run bench/assess.sql in DuckDB and require the engine's results (needs pip install duckdb)",
        run: sql_check,
    },
    Task {
        name: "spark-check",
        about: "run bench/assess.sql on Apache Spark in local mode and require the engine's results (needs Java 17 and pip install pyspark)",
        run: spark_check,
    },
    Task {
        name: "extract-eval",
        about: "precision and recall of the extractor on the curated sources",
        run: extract_eval,
    },
    Task {
        name: "browser-check",
        about: "open data/summaries/report.html in headless Chromium: no console messages, one bullet chart per assessed target",
        run: browser_check,
    },
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, rest)) = args.split_first() else {
        list_tasks();
        return ExitCode::SUCCESS;
    };
    match TASKS.iter().find(|t| t.name == name) {
        Some(task) => (task.run)(rest),
        None => {
            eprintln!("error: unknown task \"{name}\"");
            list_tasks();
            ExitCode::from(2)
        }
    }
}

fn list_tasks() {
    eprintln!("usage: cargo xtask <task> [args]\n\ntasks:");
    for t in TASKS {
        eprintln!("  {:<10} {}", t.name, t.about);
    }
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn report(args: &[String]) -> ExitCode {
    let mut mode = zhibiao_report::Mode::Write;
    let mut options = zhibiao_report::Options::default();
    for a in args {
        match a.as_str() {
            "--check" => mode = zhibiao_report::Mode::Check,
            "--excel" => options.excel = true,
            other => {
                eprintln!("error: unknown argument \"{other}\" (expected --check or --excel)");
                return ExitCode::from(2);
            }
        }
    }
    let summaries = match summaries::run(&root().join("data"), mode, &options) {
        Ok(fresh) => fresh,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let panel = run_panel(mode);
    if summaries && panel { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

mod summaries;

fn panel(args: &[String]) -> ExitCode {
    let mut mode = zhibiao_report::Mode::Write;
    for a in args {
        match a.as_str() {
            "--check" => mode = zhibiao_report::Mode::Check,
            other => {
                eprintln!("error: unknown argument \"{other}\" (expected --check)");
                return ExitCode::from(2);
            }
        }
    }
    if run_panel(mode) { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Regenerates (or checks) `data/panel/`; true when written, or when nothing is stale in check mode.
fn run_panel(mode: zhibiao_report::Mode) -> bool {
    let started = std::time::Instant::now();
    match zhibiao_cli::panel::regenerate(&root().join("data"), mode, zhibiao_extract::eval::HEADLINE) {
        Ok(done) => {
            for (id, why) in &done.unread {
                eprintln!("warning: {id}: not read: {why}");
            }
            for why in &done.refused {
                eprintln!("left out (breaks the facts contract): {why}");
            }
            eprintln!(
                "{} reports ({} unread), {} candidate figures, {} facts ({} reviewed), {} restatements set aside, {} under names their region's reports use for a broader measure, {} refused by the contract; {} targets, {} met; {:.1} s",
                done.reports,
                done.unread.len(),
                done.candidates,
                done.facts,
                done.reviewed,
                done.restatements,
                done.broader,
                done.refused.len(),
                done.targets,
                done.met,
                started.elapsed().as_secs_f64()
            );
            for p in &done.stale {
                match mode {
                    zhibiao_report::Mode::Write => println!("  updated {}", p.display()),
                    zhibiao_report::Mode::Check => eprintln!("error: {} is stale", p.display()),
                }
            }
            if mode == zhibiao_report::Mode::Check && !done.stale.is_empty() {
                eprintln!("run `cargo xtask panel` to regenerate the panel");
                return false;
            }
            true
        }
        Err(message) => {
            eprintln!("{message}");
            false
        }
    }
}

fn browser_check(args: &[String]) -> ExitCode {
    if let Some(extra) = args.first() {
        eprintln!("error: browser-check takes no argument (got \"{extra}\")");
        return ExitCode::from(2);
    }
    match browser::run(&root().join("data")) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

mod browser;

fn bench(args: &[String]) -> ExitCode {
    match bench::run(&root(), args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

mod bench;

fn sql_check(args: &[String]) -> ExitCode {
    sql_check_on(args, sql::Engine::DuckDb)
}

fn spark_check(args: &[String]) -> ExitCode {
    sql_check_on(args, sql::Engine::Spark)
}

fn sql_check_on(args: &[String], engine: sql::Engine) -> ExitCode {
    if let Some(extra) = args.first() {
        eprintln!("error: {} takes no argument (got \"{extra}\")", engine.task());
        return ExitCode::from(2);
    }
    match sql::run(&root(), engine) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

mod sql;

fn extract_eval(args: &[String]) -> ExitCode {
    if let Some(extra) = args.first() {
        eprintln!("error: extract-eval takes no argument (got \"{extra}\")");
        return ExitCode::from(2);
    }
    let curated = extract_eval::run(&root().join("data"));
    let gold = extract_eval::run_gold(&root().join("tests/gold"));
    let held_out = extract_eval::run_gold(&root().join("tests/heldout"));
    match curated.and_then(|c| gold.and_then(|g| held_out.map(|h| (c, g, h)))) {
        Ok(((curated, _), (gold, _), (held_out, _))) => {
            println!(
                "the curated sources (data/):\n{curated}\n\nthe development set (tests/gold/):\n{gold}\n\n\
                 the held-out set (tests/heldout/: scored, never tuned on):\n{held_out}"
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

mod extract_eval;

fn coverage(args: &[String]) -> ExitCode {
    let mut write = false;
    let mut verbose = false;
    for a in args {
        match a.as_str() {
            "--write" => write = true,
            "-v" | "--verbose" => verbose = true,
            other => {
                eprintln!("error: unknown argument \"{other}\" (expected --write or -v)");
                return ExitCode::from(2);
            }
        }
    }
    match coverage::run(&root().join("data"), write, verbose) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

mod coverage;
