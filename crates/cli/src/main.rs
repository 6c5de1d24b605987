//! The `zhibiao` binary: a thin shell around [`zhibiao::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = zhibiao::run(std::env::args_os(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    ExitCode::from(code)
}
