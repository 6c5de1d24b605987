//! The `zhibiao` command line, and the one place where domains are registered.
//!
//! [`domains`] lists the domain crates this program knows; every command, `cargo xtask` and the
//! tests iterate over it. Adding a domain means writing its crate and adding one line there.
//!
//! [`run`] is the whole program behind `main`: it parses the arguments, writes data to `stdout` and
//! messages to `stderr`, and returns the exit code (0 ok, 1 bad data, 2 usage), so tests drive the
//! real command in process.
//!
//! # Example
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let code = zhibiao_cli::run(["zhibiao", "check", "no/such/folder"], &mut out, &mut err);
//! assert_eq!(code, 1);
//! assert_eq!(String::from_utf8(err).unwrap(), "no/such/folder: no such data folder\nerror: 1 problem in no/such/folder\n");
//! ```

pub mod panel;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use zhibiao_core::assess::{Status, Tolerance};
use zhibiao_core::output::Staging;
use zhibiao_core::units::Normalise;
use zhibiao_core::{Domain, Kind, dataset};
use zhibiao_frame::assess::Scope;

/// Every domain this program registers, in the order summaries list them.
pub fn domains() -> Vec<&'static dyn Domain> {
    vec![
        &zhibiao_economy::Economy,
        &zhibiao_ecology::Ecology,
        &zhibiao_agriculture::Agriculture,
        &zhibiao_livelihood::Livelihood,
    ]
}

/// The successions every registered domain declares (statistics that replaced others under names
/// that do not say which), for extraction's `Options::successions`.
pub fn successions() -> Vec<zhibiao_core::domain::Succession> {
    domains().iter().flat_map(|d| d.successions().iter().copied()).collect()
}

/// Exit code: success.
pub const OK: u8 = 0;
/// Exit code: the input data is invalid.
pub const BAD_DATA: u8 = 1;
/// Exit code: the command line is wrong.
pub const USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "zhibiao",
    version,
    about = "Provenance-checked indicators from Chinese government work reports (政府工作报告)",
    after_help = "Examples:\n  zhibiao check                 validate the dataset in ./data\n  zhibiao check path/to/data    validate another dataset folder\n  zhibiao assess --facts panel/facts.csv --indicators panel/indicators.csv --out out/\n  zhibiao corpus import ../gov  import a clone of lawtext/gov into data/corpus/\n\nExit codes: 0 ok, 1 invalid data, 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a dataset folder and summarise it (or list every problem, located).
    #[command(after_help = "Checks sources.csv (and each source's sha256), regions.csv, every domain's catalogue and \
facts/<domain>.csv: header, types, vocabularies, units, keys, shares, counts, ranges, encodings, and that each \
quote is in its source and writes its value.\n\nExamples:\n  zhibiao check\n  zhibiao check data\n\nExit codes: 0 valid, 1 invalid (every problem printed to stderr as file:line:column: message), 2 usage error.")]
    Check {
        /// The dataset folder.
        #[arg(default_value = "data")]
        data_dir: PathBuf,
    },
    /// Extract candidate facts, with their quotes, from the plain text of a government work report.
    #[command(after_help = "Writes CSV (stdout by default): the facts columns plus label_zh (what is measured: the \
indicator's noun phrase, with 增长 / 下降 for a change), measure (level, growth, share, rank, change, index …), part \
(opening, review, five_year_review, five_year_goals, plan), layout (how sure the kind and year are: headings, \
headings_undated, phrases, none) and matched_by (name, none, or broader: the label names an indicator but the report uses it for a broader measure, so the indicator is empty), start and end (character offsets of the quote, counted in Unicode scalar values from 0), in text order; \
indicator is filled when the label matches a catalogued indicator. The years come from the text (headings such as \
一、2023年工作回顾 and 二、2024年工作安排, or the date line); --year-reviewed overrides them.\n\n\
Examples:\n  zhibiao extract report.txt\n  zhibiao extract report.txt --source xn2024 --region 421200 --out facts.csv\n\n\
Exit codes: 0 ok, 1 unreadable text or no review/plan structure, 2 usage error.")]
    Extract {
        /// The report's text (UTF-8).
        report: PathBuf,
        /// Source id to record in each fact.
        #[arg(long)]
        source: Option<String>,
        /// Region code to record in each fact.
        #[arg(long)]
        region: Option<String>,
        /// The year the report reviews (overrides the text).
        #[arg(long)]
        year_reviewed: Option<i32>,
        /// Write the CSV here instead of stdout (replaced only when complete).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Instead of the CSV, list the candidates not yet in this curated dataset and the curated
        /// facts of the same source (--source, or the source whose text this is) not extracted.
        #[arg(long)]
        diff: Option<PathBuf>,
    },
    /// Assess every target of a panel against its result and write the assessment and summaries.
    #[command(after_help = "Pairs each target with the result (actual, else estimate) for the same indicator, region \
and year, compares them in base units and writes OUT/assessment.csv (one row per target: gap, rel_gap, tol, status \
met/near/missed/pending) and the summaries OUT/by_domain_year.csv, OUT/by_region.csv and OUT/by_indicator.csv. \
The files are replaced together or not at all.\n\nNormalisation: exact (decimal) by default; with --units, float64 \
(value × factor as one float multiply, the reference benchmark's rule) unless --normalise says otherwise.\n\n\
Examples:\n  zhibiao assess --facts facts.csv --indicators indicators.csv --out results/\n  \
zhibiao assess --facts facts.csv --indicators indicators.csv --units units.csv --out results/\n\n\
Exit codes: 0 ok, 1 invalid input (every problem printed to stderr as file:line:column: message), 2 usage error.")]
    Assess {
        /// Facts CSV (indicator,region,year,kind,bound,value,unit; value_hi, source, quote, note optional).
        #[arg(long)]
        facts: PathBuf,
        /// Indicator catalogue CSV (at least id,domain,unit,direction).
        #[arg(long)]
        indicators: PathBuf,
        /// Units CSV (unit,base_unit,factor); default: the built-in unit registry.
        #[arg(long)]
        units: Option<PathBuf>,
        /// Output folder (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// How values become base values (default: exact, or float64 with --units).
        #[arg(long, value_enum)]
        normalise: Option<NormaliseArg>,
        /// Tolerance in percentage points for % indicators.
        #[arg(long, default_value_t = 0.5)]
        tol_pp: f64,
        /// Relative tolerance for other units (a fraction of |target|).
        #[arg(long, default_value_t = 0.05)]
        tol_rel: f64,
        /// Write only the three summaries, not assessment.csv (one row per target can be a
        /// gigabyte for a national panel).
        #[arg(long)]
        summaries_only: bool,
        /// No progress on stderr (it is shown only when stderr is a terminal anyway).
        #[arg(long, short)]
        quiet: bool,
        /// The format of the facts file and of the outputs (the catalogue and units stay CSV).
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Import a corpus of government work reports laid out like lawtext/gov.
    Corpus {
        #[command(subcommand)]
        command: CorpusCommand,
    },
}

#[derive(Subcommand, Debug)]
enum CorpusCommand {
    /// Import a tree laid out like lawtext/gov into DATA/corpus/ and DATA/corpus.csv.
    #[command(after_help = "Reads a tree laid out like the repository lawtext/gov (政府工作报告-国务院/<year>.md, \
政府工作报告-省自治区/<省>/<year>.md, 政府工作报告-主要城市/<市>/<year>.md, 政府工作报告-其他地市/<市>/<year>.md) and \
writes DATA/corpus/<id>.txt, the plain texts (front matter and Markdown marks removed, nothing else changed), and \
DATA/corpus.csv: id (<region code>-<file stem>), level (national, province, city), region (GB/T 2260; the nation \
100000), region_name, year_delivered, year_reviewed, year_planned (from the text's date line and headings where they \
state them, else the file name: years_from), delivered (the date on the date line), origin (repository, commit, \
path), sha256, characters, and the flags abridged, duplicate_of and year_mismatch. Files whose bytes would not \
change are left alone, so importing twice changes nothing. Any problem (a file that is not UTF-8, has no body, names \
an unknown region or a year after this one, a file name that is not a year, a link out of DIR, an id twice) is \
printed, located, and nothing is written. zhibiao check then verifies every text against its sha256.\n\n\
Examples:\n  zhibiao corpus import ../gov --commit fc1a2f67a589763dc905aaa90f2b1ba356bbccde\n  \
zhibiao corpus import ~/src/gov --data path/to/data\n\n\
Exit codes: 0 imported, 1 a problem in the tree (every one printed to stderr as file:line:column: message) or the \
data folder cannot be written, 2 usage error.")]
    Import {
        /// The tree to read (a clone of lawtext/gov, or a copy laid out like it).
        dir: PathBuf,
        /// The dataset folder to write corpus.csv and corpus/ into (it must exist).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// The repository the tree is a clone of, recorded as each text's origin.
        #[arg(long, default_value = zhibiao_corpus::DEFAULT_REPOSITORY)]
        repository: String,
        /// The commit of that repository (7 to 40 hex digits), recorded as each text's origin.
        #[arg(long, value_parser = commit_hash)]
        commit: Option<String>,
    },
}

/// A git commit hash: 7 to 40 lowercase hex digits (upper case is lowered).
fn commit_hash(text: &str) -> Result<String, String> {
    let hash = text.to_ascii_lowercase();
    if (7..=40).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hash)
    } else {
        Err(format!("\"{text}\" is not a commit hash (7 to 40 hex digits)"))
    }
}

/// Runs the program with `args` (the first is the program name) and returns its exit code.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = u8::try_from(err.exit_code()).unwrap_or(USAGE);
            let text = err.render().to_string();
            let sink: &mut dyn Write = if err.use_stderr() { stderr } else { stdout };
            let _ = sink.write_all(text.as_bytes());
            return code;
        }
    };
    let result = match cli.command {
        Command::Check { data_dir } => check(&data_dir, stdout, stderr),
        Command::Extract { report, source, region, year_reviewed, out, diff } => {
            let options = zhibiao_extract::Options {
                source,
                region,
                year_reviewed,
                year_delivered: None,
                successions: successions(),
            };
            match diff {
                Some(data) => extract_diff(&report, options, &data, stdout, stderr),
                None => extract(&report, options, out.as_deref(), stdout, stderr),
            }
        }
        Command::Corpus { command: CorpusCommand::Import { dir, data, repository, commit } } => {
            corpus_import(&dir, &data, repository, commit, stderr)
        }
        Command::Assess {
            facts,
            indicators,
            units,
            out,
            normalise,
            tol_pp,
            tol_rel,
            summaries_only,
            quiet,
            format,
        } => {
            let mode = match normalise {
                Some(NormaliseArg::Float64) => Normalise::Float64,
                Some(NormaliseArg::Exact) => Normalise::Exact,
                None if units.is_some() => Normalise::Float64,
                None => Normalise::Exact,
            };
            if !(tol_pp.is_finite() && tol_pp >= 0.0 && tol_rel.is_finite() && tol_rel >= 0.0) {
                let _ = writeln!(stderr, "error: tolerances must be finite and ≥ 0");
                return USAGE;
            }
            let tolerance = Tolerance { percent_points: tol_pp, relative: tol_rel };
            let progress = !quiet && (std::io::stderr().is_terminal() || std::env::var_os("ZHIBIAO_TIMINGS").is_some());
            assess(
                &AssessArgs {
                    facts,
                    indicators,
                    units,
                    out,
                    mode,
                    tolerance,
                    scope: if summaries_only { Scope::SummariesOnly } else { Scope::Everything },
                    progress: if progress { Progress::Shown } else { Progress::Hidden },
                    format,
                },
                stdout,
                stderr,
            )
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot write output: {err}");
            BAD_DATA
        }
    }
}

struct AssessArgs {
    facts: PathBuf,
    indicators: PathBuf,
    units: Option<PathBuf>,
    out: PathBuf,
    mode: Normalise,
    tolerance: Tolerance,
    scope: Scope,
    progress: Progress,
    format: Format,
}

/// How values become base values (`--normalise`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum NormaliseArg {
    /// Exact decimal conversion.
    Exact,
    /// value × factor as one float multiply (the reference benchmark's rule).
    Float64,
}

/// The format of a panel's facts and of the outputs (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// CSV.
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// Whether progress goes to stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Progress {
    Shown,
    Hidden,
}

fn assess(args: &AssessArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> std::io::Result<u8> {
    let started = std::time::Instant::now();
    let show = args.progress == Progress::Shown;
    let phase = |stderr: &mut dyn Write, what: &str| {
        if show {
            let _ = writeln!(stderr, "\r{:>8.2}s  {what}", started.elapsed().as_secs_f64());
        }
    };
    let mut last = std::time::Instant::now();
    let mut rows_read = |rows: usize| {
        if show && last.elapsed().as_millis() >= 500 {
            last = std::time::Instant::now();
            let _ = write!(std::io::stderr(), "\r{:>8.2}s  reading: {rows} facts", started.elapsed().as_secs_f64());
        }
    };
    let loaded = if args.format == Format::Parquet {
        match zhibiao_frame::assess::parquet_records(&args.facts) {
            Ok((names, records)) => zhibiao_panel::load_panel_records(
                &args.facts,
                &names,
                records,
                &args.indicators,
                args.units.as_deref(),
                args.mode,
            ),
            Err(err) => Err(zhibiao_core::Diagnostics::one(zhibiao_core::Diagnostic::new(
                zhibiao_core::Location::file(&args.facts),
                format!("cannot read the Parquet file: {err}"),
            ))),
        }
    } else {
        zhibiao_panel::load_panel(&args.facts, &args.indicators, args.units.as_deref(), args.mode, &mut rows_read)
    };
    let panel = match loaded {
        Ok(panel) => panel,
        Err(problems) => {
            writeln!(stderr, "{problems}")?;
            let n = problems.len();
            writeln!(stderr, "error: {n} problem{} in the input; nothing was written", if n == 1 { "" } else { "s" })?;
            return Ok(BAD_DATA);
        }
    };
    phase(stderr, &format!("read and validated {} facts", panel.len()));
    // CSV: the dense engine, no data frames; Parquet: the polars pipeline, which writes Arrow
    let (targets, counts) = if args.format == Format::Csv {
        let Some(judged) = zhibiao_frame::dense::pair(panel, args.tolerance) else {
            writeln!(stderr, "error: more than 4,294,967,294 facts in one panel; split it by indicator")?;
            return Ok(BAD_DATA);
        };
        let summaries = judged.summaries();
        phase(stderr, "assessed");
        if let Err(err) = write_dense(&args.out, &judged, &summaries, args.scope) {
            return write_failed(stderr, &args.out, &err);
        }
        (judged.len(), summaries.counts)
    } else {
        let outputs = match zhibiao_frame::assess::run_with(panel, args.tolerance, args.scope) {
            Ok(outputs) => outputs,
            Err(err) => {
                writeln!(stderr, "error: the assessment failed: {err}")?;
                return Ok(BAD_DATA);
            }
        };
        phase(stderr, "assessed");
        if let Err(err) = write_parquet(&args.out, &outputs, args.scope) {
            return write_failed(stderr, &args.out, &err);
        }
        (outputs.assessment.height(), outputs.counts())
    };
    phase(stderr, "written");
    let count = |status: Status| counts.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
    writeln!(
        stdout,
        "assessed {} targets: {} met, {} near, {} missed, {} pending → {}",
        targets,
        count(Status::Met),
        count(Status::Near),
        count(Status::Missed),
        count(Status::Pending),
        args.out.display()
    )?;
    Ok(OK)
}

/// Says that the outputs could not be written (the previous ones stand): exit 1.
fn write_failed(stderr: &mut dyn Write, dir: &std::path::Path, err: &std::io::Error) -> std::io::Result<u8> {
    writeln!(stderr, "error: cannot write to {}: {err}; the previous outputs are unchanged", dir.display())?;
    Ok(BAD_DATA)
}

/// Writes the CSV outputs of the dense engine, all or nothing.
fn write_dense(
    dir: &std::path::Path,
    judged: &zhibiao_frame::dense::Judged,
    summaries: &zhibiao_frame::dense::Summaries,
    scope: Scope,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut staging = Staging::new();
    if scope == Scope::Everything {
        let mut file = staging.create_large(&dir.join("assessment.csv"))?;
        judged.write_assessment_csv(&mut file)?;
        file.finish()?;
    }
    for (name, text) in ["by_domain_year.csv", "by_region.csv", "by_indicator.csv"].iter().zip(&summaries.csv) {
        staging.write(&dir.join(name), text.as_bytes())?;
    }
    staging.commit()
}

/// Writes the Parquet outputs of the polars pipeline, all or nothing.
fn write_parquet(dir: &std::path::Path, outputs: &zhibiao_frame::assess::Outputs, scope: Scope) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut staging = Staging::new();
    zhibiao_frame::assess::write_parquet(outputs, dir, &mut staging, scope).map_err(std::io::Error::other)?;
    staging.commit()
}

fn extract(
    report: &std::path::Path,
    options: zhibiao_extract::Options,
    out: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<u8> {
    let mut problems = Vec::new();
    let Some(text) = dataset::read_text(report, &mut problems) else {
        for p in problems {
            writeln!(stderr, "{p}")?;
        }
        writeln!(stderr, "error: cannot read {}", report.display())?;
        return Ok(BAD_DATA);
    };
    let catalogue: Vec<zhibiao_core::Indicator> =
        domains().iter().filter_map(|d| zhibiao_core::domain::catalogue(*d).ok()).flatten().collect();
    let found = match zhibiao_extract::extract(&text, &catalogue, &options) {
        Ok(found) => found,
        Err(err) => {
            writeln!(stderr, "{}: {err}", report.display())?;
            return Ok(BAD_DATA);
        }
    };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let header = zhibiao_core::facts::FACTS.columns.iter().map(|c| c.name).chain([
        "label_zh",
        "measure",
        "part",
        "layout",
        "matched_by",
        "start",
        "end",
    ]);
    w.write_record(header).map_err(std::io::Error::other)?;
    for e in &found {
        let f = &e.fact;
        let cell = |s: &str| zhibiao_core::output::cell(s).into_owned();
        w.write_record([
            cell(&f.indicator),
            cell(&f.region),
            f.year.to_string(),
            f.kind.as_str().to_owned(),
            f.bound.as_str().to_owned(),
            f.value.to_string(),
            f.value_hi.map(|v| v.to_string()).unwrap_or_default(),
            cell(&f.unit),
            cell(f.source.as_deref().unwrap_or("")),
            cell(f.quote.as_deref().unwrap_or("")),
            String::new(),
            cell(&e.label_zh),
            e.measure.as_str().to_owned(),
            e.part.as_str().to_owned(),
            e.layout.as_str().to_owned(),
            e.matched_by.as_str().to_owned(),
            e.start.to_string(),
            e.end.to_string(),
        ])
        .map_err(std::io::Error::other)?;
    }
    let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    match out {
        None => stdout.write_all(&bytes)?,
        Some(path) => {
            let mut staging = Staging::new();
            if let Err(err) = staging.write(path, &bytes).and_then(|()| staging.commit()) {
                writeln!(stderr, "error: cannot write {}: {err}", path.display())?;
                return Ok(BAD_DATA);
            }
            writeln!(stderr, "{} candidate facts → {}", found.len(), path.display())?;
        }
    }
    Ok(OK)
}

fn extract_diff(
    report: &std::path::Path,
    mut options: zhibiao_extract::Options,
    data_dir: &std::path::Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<u8> {
    let registered = domains();
    let data = match dataset::load(data_dir, &registered) {
        Ok(data) => data,
        Err(problems) => {
            writeln!(stderr, "{problems}")?;
            writeln!(stderr, "error: {} problems in {}", problems.len(), data_dir.display())?;
            return Ok(BAD_DATA);
        }
    };
    let mut problems = Vec::new();
    let Some(text) = dataset::read_text(report, &mut problems) else {
        for p in problems {
            writeln!(stderr, "{p}")?;
        }
        return Ok(BAD_DATA);
    };
    let source =
        options.source.clone().or_else(|| data.texts.iter().find(|(_, t)| **t == text).map(|(id, _)| id.clone()));
    let Some(source) = source else {
        writeln!(
            stderr,
            "error: {} is none of the sources of {}; name one with --source",
            report.display(),
            data_dir.display()
        )?;
        return Ok(USAGE);
    };
    options.source = Some(source.clone());
    let found = match zhibiao_extract::extract(&text, &data.indicators, &options) {
        Ok(found) => found,
        Err(err) => {
            writeln!(stderr, "{}: {err}", report.display())?;
            return Ok(BAD_DATA);
        }
    };
    let curated: Vec<_> = data.facts.iter().filter(|f| f.source.as_deref() == Some(source.as_str())).cloned().collect();
    let (new, missed) = zhibiao_extract::eval::diff(&text, &found, &curated);
    let show = |f: &zhibiao_core::Fact| {
        let hi = f.value_hi.map(|h| format!("–{h}")).unwrap_or_default();
        format!("{} {} {} {}{hi} {} | {}", f.year, f.kind, f.bound, f.value, f.unit, f.quote.as_deref().unwrap_or(""))
    };
    writeln!(stdout, "new: {} candidate facts not in {} (source {source})", new.len(), data_dir.display())?;
    for k in &new {
        let e = &found[*k];
        writeln!(stdout, "  {}-{}  {}", e.start, e.end, show(&e.fact))?;
    }
    writeln!(stdout, "missed: {} curated facts of {source} not extracted", missed.len())?;
    for k in &missed {
        writeln!(stdout, "  {}  {}", curated[*k].indicator, show(&curated[*k]))?;
    }
    Ok(OK)
}

fn corpus_import(
    dir: &std::path::Path,
    data: &std::path::Path,
    repository: String,
    commit: Option<String>,
    stderr: &mut dyn Write,
) -> std::io::Result<u8> {
    // the library reads no clock: this year comes from here
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let options =
        zhibiao_corpus::ImportOptions { repository, commit, today_year: zhibiao_corpus::year_of_unix_time(now) };
    let corpus = match zhibiao_corpus::import(dir, &options) {
        Ok(corpus) => corpus,
        Err(problems) => {
            for problem in &problems {
                writeln!(stderr, "{problem}")?;
            }
            let n = problems.len();
            writeln!(
                stderr,
                "error: {n} problem{} in {}; nothing was written",
                if n == 1 { "" } else { "s" },
                dir.display()
            )?;
            return Ok(BAD_DATA);
        }
    };
    let written = match zhibiao_corpus::write(&corpus, data) {
        Ok(written) => written,
        Err(err) => {
            writeln!(stderr, "error: cannot write the corpus into {}: {err}", data.display())?;
            return Ok(BAD_DATA);
        }
    };
    let c = corpus.counts();
    writeln!(
        stderr,
        "imported {} report{} from {}: {} national, {} province, {} city",
        c.reports,
        if c.reports == 1 { "" } else { "s" },
        dir.display(),
        c.national,
        c.province,
        c.city
    )?;
    writeln!(
        stderr,
        "flags: {} abridged, {} duplicate, {} year mismatch; {} take the file name's years (the text states none near it)",
        c.abridged, c.duplicates, c.year_mismatch, c.years_from_file_name
    )?;
    let target = format!(
        "{} and {}",
        data.join(zhibiao_corpus::CORPUS_FILE).display(),
        data.join(zhibiao_corpus::TEXTS_FOLDER).display()
    );
    if written.changed.is_empty() {
        writeln!(stderr, "{target}: nothing changed ({} files up to date)", written.unchanged)?;
    } else {
        writeln!(stderr, "{target}: {} files written, {} unchanged", written.changed.len(), written.unchanged)?;
    }
    for path in &written.stale {
        writeln!(stderr, "warning: {} is not in the corpus any more; remove it", path.display())?;
    }
    Ok(OK)
}

fn check(dir: &std::path::Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> std::io::Result<u8> {
    let registered = domains();
    match dataset::load(dir, &registered) {
        Err(problems) => {
            writeln!(stderr, "{problems}")?;
            let n = problems.len();
            writeln!(stderr, "error: {n} problem{} in {}", if n == 1 { "" } else { "s" }, dir.display())?;
            Ok(BAD_DATA)
        }
        Ok(data) => {
            let counts = data.counts();
            writeln!(stdout, "{}: valid", dir.display())?;
            writeln!(stdout, "sources: {}", data.sources.len())?;
            for s in &data.sources {
                writeln!(stdout, "  {}  {} (reviews {}, plans {})", s.id, s.title, s.year_reviewed, s.year_planned)?;
            }
            if !data.corpus.is_empty() {
                writeln!(stdout, "corpus: {} texts, each matching its sha256", data.corpus.len())?;
            }
            writeln!(stdout, "regions: {}", data.regions.len())?;
            writeln!(stdout, "indicators: {} in {} domains", data.indicators.len(), registered.len())?;
            writeln!(stdout, "facts: {}", data.facts.len())?;
            writeln!(stdout, "  {:<12} {:>8} {:>8} {:>8} {:>8}", "domain", "actual", "estimate", "target", "total")?;
            for d in &registered {
                let n = |k: Kind| counts.get(&(d.id().to_owned(), k)).copied().unwrap_or(0);
                let (a, e, t) = (n(Kind::Actual), n(Kind::Estimate), n(Kind::Target));
                writeln!(stdout, "  {:<12} {a:>8} {e:>8} {t:>8} {:>8}", d.id(), a + e + t)?;
            }
            Ok(OK)
        }
    }
}
