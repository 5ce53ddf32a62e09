//! `provisio lsp`: the language server, over standard input and output.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `provisio lsp` (none: editors start it as it is; `--stdio`
/// is accepted, as some clients add it).
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talks over standard input and output (the only way it talks).
    #[arg(long)]
    stdio: bool,
}

/// Serves the editor until it says `exit`.
pub fn run(args: LspArgs) -> ExitCode {
    let _ = args.stdio;
    match provisio::lsp::serve() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            stderr_line!("error: provisio lsp: {error}");
            ExitCode::FAILURE
        }
    }
}
