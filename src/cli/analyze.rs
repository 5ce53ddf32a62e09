//! `provisio analyze POLICY [--format text|json] [--witnesses DIR]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::Output;
use super::report_problems;

/// The output formats of `analyze`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// One block per finding, for a person.
    Text,
    /// One JSON object for a program.
    Json,
}

/// Arguments of `provisio analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The policy file to analyse.
    #[arg(value_name = "POLICY")]
    policy: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Writes each finding's witness as a scenario file into this folder
    /// (made if missing), for `provisio test --scenarios DIR POLICY`.
    #[arg(long, value_name = "DIR")]
    witnesses: Option<PathBuf>,
}

/// The exit status when the policy does not check or the witnesses cannot
/// be written: 1 means a finding.
const BAD_INPUT: u8 = 2;

/// Analyses the policy; exit 1 when a gap or a conflict is found and not
/// allowed with a reason.
pub fn run(args: AnalyzeArgs) -> ExitCode {
    let checked = match provisio::check::load_policy(&args.policy) {
        Ok(checked) => checked,
        Err(problems) => {
            report_problems(&problems);
            stderr_line!("error: {} does not check", args.policy.display());
            return ExitCode::from(BAD_INPUT);
        }
    };
    let model = &checked.model;
    let analysis = provisio::analysis::analyze(model);
    let name = args.policy.display().to_string();
    if let Some(dir) = &args.witnesses {
        let stem = args.policy.file_stem().map_or_else(
            || String::from("policy"),
            |s| s.to_string_lossy().into_owned(),
        );
        if let Err(error) = std::fs::create_dir_all(dir) {
            stderr_line!("error: cannot make {}: {error}", dir.display());
            return ExitCode::from(BAD_INPUT);
        }
        for (file, text) in provisio::analysis::report::witness_files(&stem, &analysis) {
            let path = dir.join(file);
            if let Err(error) = std::fs::write(&path, text) {
                stderr_line!("error: cannot write to {}: {error}", path.display());
                return ExitCode::from(BAD_INPUT);
            }
        }
    }
    let mut stdout = Output::stdout();
    match args.format {
        Format::Text => stdout.write_text(&provisio::analysis::report::text(&name, &analysis)),
        Format::Json => {
            let json = provisio::analysis::report::json(&name, &analysis);
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            stdout.write_text(&text);
        }
    }
    stdout.finish().exit_code(if analysis.fails() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
