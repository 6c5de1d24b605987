//! The `zhibiao` binary: a thin shell around [`zhibiao_cli::run`].

use std::process::ExitCode;

/// mimalloc keeps freed memory for reuse instead of returning every large block to the kernel,
/// which saves the page faults of a national-scale run (polars allocates and frees large buffers).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = zhibiao_cli::run(std::env::args_os(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    ExitCode::from(code)
}
