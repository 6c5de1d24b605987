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
//! let code = zhibiao::run(["zhibiao", "check", "no/such/folder"], &mut out, &mut err);
//! assert_eq!(code, 1);
//! assert_eq!(String::from_utf8(err).unwrap(), "no/such/folder: no such data folder\nerror: 1 problem in no/such/folder\n");
//! ```

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use zhibiao_core::{Domain, Kind, dataset};

/// Every domain this program registers, in the order summaries list them.
pub fn domains() -> Vec<&'static dyn Domain> {
    vec![
        &zhibiao_economy::Economy,
        &zhibiao_ecology::Ecology,
        &zhibiao_agriculture::Agriculture,
        &zhibiao_livelihood::Livelihood,
    ]
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
    after_help = "Examples:\n  zhibiao check                 validate the dataset in ./data\n  zhibiao check path/to/data    validate another dataset folder\n\nExit codes: 0 ok, 1 invalid data, 2 usage error."
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
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot write output: {err}");
            BAD_DATA
        }
    }
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
