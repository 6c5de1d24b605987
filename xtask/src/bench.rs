//! `cargo xtask bench`: the reference benchmark (bench/reference/SPEC.md), zhibiao against the
//! reference engines, whole process, wall time and peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A size of the benchmark panel: (name, regions, years, indicators, seed).
const SIZES: &[(&str, u32, u32, u32, u32)] =
    &[("tiny", 3, 2, 8, 4), ("small", 300, 10, 100, 42), ("large", 2800, 20, 150, 42)];

/// The reference engines (`bench/reference/ref_ENGINE.py`, each needing the Python module of its
/// name); DuckDB is the one the ratios are stated against.
const REFERENCES: [&str; 3] = ["duckdb", "polars", "pandas"];

/// One measured run.
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    wall: f64,
    rss_mib: f64,
    user: f64,
    sys: f64,
}

/// Runs the benchmark; `Err` says what is missing or what differed.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut size = "small".to_owned();
    let mut reps = 3usize;
    let mut summaries_only = false;
    let mut binary: Option<PathBuf> = None;
    let mut against: Vec<String> = REFERENCES.iter().map(|e| (*e).to_owned()).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--size" => {
                size = args.get(i + 1).cloned().ok_or("--size needs tiny, small or large")?;
                i += 1;
            }
            "--reps" => {
                reps = args
                    .get(i + 1)
                    .and_then(|r| r.parse().ok())
                    .filter(|r| *r > 0)
                    .ok_or("--reps needs a number ≥ 1")?;
                i += 1;
            }
            "--summaries-only" => summaries_only = true,
            "--bin" => {
                binary = Some(PathBuf::from(args.get(i + 1).ok_or("--bin needs the path of a zhibiao binary")?));
                i += 1;
            }
            "--against" => {
                let list = args.get(i + 1).ok_or("--against needs engines, e.g. duckdb or duckdb,polars")?;
                against = list.split(',').map(str::to_owned).collect();
                if let Some(unknown) = against.iter().find(|e| !REFERENCES.contains(&e.as_str())) {
                    return Err(format!("unknown engine \"{unknown}\" (expected {})", REFERENCES.join(", ")));
                }
                if !against.iter().any(|e| e == "duckdb") {
                    return Err("--against must name duckdb: the ratios are stated against it".into());
                }
                i += 1;
            }
            other => {
                return Err(format!(
                    "unknown argument \"{other}\" (expected --size, --reps, --summaries-only, --bin, --against)"
                ));
            }
        }
        i += 1;
    }
    let &(name, regions, years, indicators, seed) =
        SIZES.iter().find(|s| s.0 == size).ok_or_else(|| format!("unknown size \"{size}\" (tiny, small, large)"))?;
    let reference = root.join("bench/reference");
    let data = root.join("target/bench-data").join(name);
    if !data.join("facts.csv").exists() {
        eprintln!("generating the {name} panel into {} …", data.display());
        let status = Command::new("python3")
            .arg(reference.join("gen_panel.py"))
            .args(["--regions", &regions.to_string(), "--years", &years.to_string()])
            .args(["--indicators", &indicators.to_string(), "--seed", &seed.to_string(), "--out"])
            .arg(&data)
            .status()
            .map_err(|e| format!("cannot run python3: {e}"))?;
        if !status.success() {
            return Err("the generator failed (it needs `pip install numpy polars`)".into());
        }
    }
    let zhibiao = match binary {
        // a binary built already (`cargo build --release -p zhibiao-cli`): building it from here
        // may rebuild every dependency, since cargo run from xtask fingerprints differently
        Some(path) => path,
        None => {
            eprintln!("building zhibiao (release) …");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = Command::new(&cargo)
                .args(["build", "--release", "--quiet", "-p", "zhibiao-cli"])
                .current_dir(root)
                .status()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if !status.success() {
                return Err("the release build failed".into());
            }
            let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
            target.join("release/zhibiao")
        }
    };
    let out_root = root.join("target/bench-data/out").join(name);

    let mut engines: Vec<(String, Vec<String>)> = vec![(
        "zhibiao".into(),
        [zhibiao.display().to_string(), "assess".into(), "--quiet".into()]
            .into_iter()
            .chain(summaries_only.then(|| "--summaries-only".to_owned()))
            .chain(["--facts", "facts.csv", "--indicators", "indicators.csv", "--units", "units.csv", "--out"].map(
                |s| {
                    if s.ends_with(".csv") { data.join(s).display().to_string() } else { s.to_owned() }
                },
            ))
            .chain([out_root.join("zhibiao").display().to_string()])
            .collect(),
    )];
    for engine in REFERENCES.into_iter().filter(|e| against.iter().any(|a| a == e)) {
        // each engine needs the Python module of its name
        let installed = Command::new("python3")
            .args(["-c", &format!("import {engine}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if installed {
            engines.push((
                engine.into(),
                vec![
                    "python3".into(),
                    reference.join(format!("ref_{engine}.py")).display().to_string(),
                    data.display().to_string(),
                    out_root.join(engine).display().to_string(),
                ],
            ));
        } else {
            eprintln!("{engine}: not installed (pip install {engine}); skipped");
        }
    }
    let timer = Path::new("/usr/bin/time");
    if !timer.exists() {
        return Err("GNU time is needed for peak memory (Debian package `time`)".into());
    }
    // warm the page cache, one untimed run each, then interleaved timed rounds
    let _ = std::fs::read(data.join("facts.csv"));
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); engines.len()];
    for round in 0..=reps {
        for (k, (engine, command)) in engines.iter().enumerate() {
            // the previous run's outputs written back first, so their write-back does not slow this one
            let _ = Command::new("sync").status();
            let run = measure(timer, command).map_err(|e| format!("{engine}: {e}"))?;
            if round > 0 {
                runs[k].push(run);
            }
        }
    }
    let median = |v: &[Run], f: fn(&Run) -> f64| spread(v.iter().map(f).collect()).map_or(f64::NAN, |s| s.1);
    // the goal is stated against DuckDB: zhibiao's time and memory as a fraction of DuckDB's
    let duck = engines.iter().position(|(e, _)| e == "duckdb").unwrap_or(0);
    let base_memory = median(&runs[duck], |r| r.rss_mib);
    println!(
        "{name} panel ({} facts), median of {reps} interleaved runs after a warm-up, whole process, {}:",
        count_lines(&data.join("facts.csv")).saturating_sub(1),
        cpu_model()
    );
    println!(
        "| engine | wall s | user s | sys s | peak MiB | wall ÷ {0}, paired (range) | memory ÷ {0} | wall runs |",
        engines[duck].0
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for (k, (engine, _)) in engines.iter().enumerate() {
        let (w, m) = (median(&runs[k], |r| r.wall), median(&runs[k], |r| r.rss_mib));
        let (u, s) = (median(&runs[k], |r| r.user), median(&runs[k], |r| r.sys));
        let all: Vec<String> = runs[k].iter().map(|r| format!("{:.2}", r.wall)).collect();
        // each round's runs follow one another, so the ratio within a round is the one the
        // machine's drift moves least: the median of those ratios is what BENCHMARKS.md quotes
        let paired = spread(runs[k].iter().zip(&runs[duck]).map(|(a, b)| a.wall / b.wall).collect());
        let ratio = paired.map(|(lo, mid, hi)| format!("{mid:.3} ({lo:.2}–{hi:.2})")).unwrap_or_default();
        println!(
            "| {engine} | {w:.2} | {u:.2} | {s:.2} | {m:.0} | {ratio} | {:.2} | {} |",
            m / base_memory,
            all.join(" ")
        );
    }
    // byte identity of the three summaries
    let files = ["by_domain_year.csv", "by_region.csv", "by_indicator.csv"];
    for (engine, _) in engines.iter().skip(1) {
        for f in files {
            let ours = std::fs::read(out_root.join("zhibiao").join(f)).map_err(|e| format!("{f}: {e}"))?;
            let theirs = std::fs::read(out_root.join(engine).join(f)).map_err(|e| format!("{engine} {f}: {e}"))?;
            if ours != theirs {
                return Err(format!("{f} differs between zhibiao and {engine}"));
            }
        }
        println!("{engine}: the three summaries are byte-identical to zhibiao's");
    }
    Ok(())
}

fn measure(timer: &Path, command: &[String]) -> Result<Run, String> {
    let output = Command::new(timer).arg("-v").args(command).output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).lines().take(5).collect::<Vec<_>>().join("\n"));
    }
    let report = String::from_utf8_lossy(&output.stderr);
    let mut run = Run::default();
    for line in report.lines().map(str::trim) {
        if let Some(v) = line.strip_prefix("Elapsed (wall clock) time (h:mm:ss or m:ss): ") {
            run.wall = v.split(':').filter_map(|p| p.parse::<f64>().ok()).fold(0.0, |acc, p| acc * 60.0 + p);
        } else if let Some(v) = line.strip_prefix("Maximum resident set size (kbytes): ") {
            run.rss_mib = v.parse::<f64>().unwrap_or(0.0) / 1024.0;
        } else if let Some(v) = line.strip_prefix("User time (seconds): ") {
            run.user = v.parse().unwrap_or(0.0);
        } else if let Some(v) = line.strip_prefix("System time (seconds): ") {
            run.sys = v.parse().unwrap_or(0.0);
        }
    }
    Ok(run)
}

/// The CPU model, for the figures' record.
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned()))
        })
        .unwrap_or_else(|| "CPU unknown".to_owned())
}

fn count_lines(path: &Path) -> usize {
    std::fs::read(path).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count())
}

/// The least, the median (the upper one of an even count) and the greatest of `xs`; `None` when
/// there are none.
fn spread(mut xs: Vec<f64>) -> Option<(f64, f64, f64)> {
    xs.sort_by(f64::total_cmp);
    Some((*xs.first()?, *xs.get(xs.len() / 2)?, *xs.last()?))
}
