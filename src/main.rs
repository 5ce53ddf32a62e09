//! The `provisio` command: arguments in, the library called, results out.

use std::process::ExitCode;

mod cli;

/// Evaluation allocates many small values; mimalloc serves them faster than
/// the system allocator, above all from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::parse() {
        Ok(args) => cli::run(args),
        Err(code) => code,
    }
}
