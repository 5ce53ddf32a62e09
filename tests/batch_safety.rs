//! `provisio batch` never loses data: `--out` may not name the input, an
//! output file is replaced only by a complete run, SIGINT and SIGTERM stop it
//! between rows with whole rows written, write errors fail, a CSV quote left
//! open costs one row, memory is bounded in bytes, and dates read as in `eval`.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Output, Stdio};

use assert_cmd::Command;
use provisio::batch::{BatchOptions, InputFormat, OutputFormat, run_batch};
use serde_json::Value as Json;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";

const ROW: &str =
    "{\"as_of\":\"2026-04-01\",\"mc14\":{\"opening\":\"2026-03-26\",\"closing\":\"2026-03-30\"}}\n";

/// A fresh folder of its own for a test.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-safety-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a folder");
    dir
}

fn provisio() -> Process {
    let mut command = Process::new(env!("CARGO_BIN_EXE_provisio"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn policy() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(POLICY)
}

fn model() -> provisio::model::Model {
    provisio::check::load_policy(&policy())
        .expect("checks")
        .model
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("listed")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn batch_to(args: &[&str], dir: &Path) -> Output {
    provisio()
        .arg("batch")
        .arg(policy())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

const REFUSAL_HELP: &str = "  help: write the verdicts to another file, and rename it afterwards if you mean to replace the\n        scenarios\n";

#[test]
fn out_naming_the_scenarios_file_is_refused_and_the_file_is_untouched() {
    let dir = folder("same-path");
    let scenarios = dir.join("rows.jsonl");
    let content = ROW.repeat(3);
    fs::write(&scenarios, &content).expect("written");
    let output = batch_to(&["--scenarios", "rows.jsonl", "--out", "rows.jsonl"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        format!(
            "provisio::batch::out_is_input\n\n  × `--out rows.jsonl` is the scenarios file: writing the verdicts would replace the scenarios\n{REFUSAL_HELP}\n"
        )
    );
    assert_eq!(fs::read_to_string(&scenarios).expect("read"), content);
    assert_eq!(names_in(&dir), ["rows.jsonl"]);
}

#[cfg(unix)]
#[test]
fn out_naming_the_scenarios_file_through_a_link_is_refused() {
    let dir = folder("links");
    let content = ROW.repeat(3);
    fs::write(dir.join("rows.jsonl"), &content).expect("written");
    std::os::unix::fs::symlink("rows.jsonl", dir.join("symbolic.jsonl")).expect("a link");
    fs::hard_link(dir.join("rows.jsonl"), dir.join("hard.jsonl")).expect("a hard link");
    for (scenarios, out) in [
        ("rows.jsonl", "symbolic.jsonl"),
        ("symbolic.jsonl", "rows.jsonl"),
        ("hard.jsonl", "./rows.jsonl"),
    ] {
        let output = batch_to(&["--scenarios", scenarios, "--out", out], &dir);
        assert_eq!(output.status.code(), Some(1), "{scenarios} {out}");
        assert_eq!(
            text(&output.stderr),
            format!(
                "provisio::batch::out_is_input\n\n  × `--out {out}` is the scenarios file `{scenarios}` under another name: writing the\n  │ verdicts would replace the scenarios\n{REFUSAL_HELP}\n"
            )
        );
        assert_eq!(
            fs::read_to_string(dir.join("rows.jsonl")).expect("read"),
            content
        );
    }
    // Standard input read from the file named by --out.
    let output = provisio()
        .arg("batch")
        .arg(policy())
        .args(["--scenarios", "-", "--out", "rows.jsonl"])
        .current_dir(&dir)
        .stdin(fs::File::open(dir.join("rows.jsonl")).expect("opened"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).starts_with("provisio::batch::out_is_input\n\n  × `--out rows.jsonl` is the file standard input reads the scenarios from"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.join("rows.jsonl")).expect("read"),
        content
    );
    assert_eq!(
        names_in(&dir),
        ["hard.jsonl", "rows.jsonl", "symbolic.jsonl"]
    );
}

#[test]
fn an_output_file_is_replaced_only_by_a_complete_run() {
    let dir = folder("replaced");
    fs::write(dir.join("rows.jsonl"), ROW.repeat(2)).expect("written");
    fs::write(dir.join("out.jsonl"), "previous\n").expect("written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.join("out.jsonl"), fs::Permissions::from_mode(0o640)).expect("set");
    }
    // A run that fails part-way (its input is a folder) leaves the previous file.
    fs::create_dir(dir.join("folder.jsonl")).expect("a folder");
    let failed = batch_to(&["--scenarios", "folder.jsonl", "--out", "out.jsonl"], &dir);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        text(&failed.stderr).starts_with("error: cannot read folder.jsonl: "),
        "{}",
        text(&failed.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.join("out.jsonl")).expect("read"),
        "previous\n"
    );
    assert_eq!(names_in(&dir), ["folder.jsonl", "out.jsonl", "rows.jsonl"]);
    // A complete run replaces it, keeping its permissions.
    let done = batch_to(&["--scenarios", "rows.jsonl", "--out", "out.jsonl"], &dir);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert_eq!(
        fs::read_to_string(dir.join("out.jsonl")).expect("read"),
        format!("{}{}", row_out(1), row_out(2))
    );
    assert_eq!(names_in(&dir), ["folder.jsonl", "out.jsonl", "rows.jsonl"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.join("out.jsonl"))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn an_output_that_cannot_be_written_fails_with_an_error_line() {
    let dir = folder("unwritable");
    fs::write(dir.join("rows.jsonl"), ROW).expect("written");
    let missing = batch_to(
        &["--scenarios", "rows.jsonl", "--out", "nowhere/out.jsonl"],
        &dir,
    );
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        text(&missing.stderr),
        "error: cannot write to nowhere/out.jsonl: No such file or directory (os error 2)\n"
    );
    assert_eq!(names_in(&dir), ["rows.jsonl"]);
    if Path::new("/dev/full").exists() {
        let full_file = batch_to(&["--scenarios", "rows.jsonl", "--out", "/dev/full"], &dir);
        assert_eq!(full_file.status.code(), Some(1));
        assert_eq!(
            text(&full_file.stderr),
            "error: cannot write to /dev/full: No space left on device (os error 28)\n"
        );
        let full_stdout = provisio()
            .arg("batch")
            .arg(policy())
            .args(["--scenarios", "rows.jsonl"])
            .current_dir(&dir)
            .stdout(fs::File::create("/dev/full").expect("opened"))
            .output()
            .expect("runs");
        assert_eq!(full_stdout.status.code(), Some(1));
        assert_eq!(
            text(&full_stdout.stderr),
            "error: cannot write to standard output: No space left on device (os error 28)\n"
        );
    }
}

/// Runs a batch over `rows` scenarios whose reader reads one line and closes the pipe.
fn closed_pipe(first: &str, rows: usize) -> Output {
    let dir = folder(&format!("pipe-{}", first.len()));
    fs::write(
        dir.join("rows.jsonl"),
        format!("{first}{}", ROW.repeat(rows)),
    )
    .expect("written");
    let mut child = provisio()
        .arg("batch")
        .arg(policy())
        .args(["--scenarios", "rows.jsonl"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("a line");
    assert!(line.starts_with("{\"line\":1,"), "{line}");
    drop(stdout);
    child.wait_with_output().expect("finishes")
}

#[test]
fn a_closed_pipe_stops_quietly_with_the_status_of_the_rows_done() {
    // More output than a pipe holds, so that writing meets the closed pipe.
    let fine = closed_pipe("", 30_000);
    assert_eq!(fine.status.code(), Some(0));
    assert_eq!(text(&fine.stderr), "");
    let failing = closed_pipe("{\"as_of\": 5}\n", 30_000);
    assert_eq!(failing.status.code(), Some(1));
    assert_eq!(text(&failing.stderr), "");
}

/// The output row of `ROW` on line `n`.
fn row_out(n: usize) -> String {
    format!(
        "{{\"line\":{n},\"as_of\":\"2026-04-01\",\"readings\":{{\"mc14_reference\":\"opening\",\"expiry_boundary\":\"exclusive\",\"scope\":\"transmission_and_content\"}},\"verdicts\":{{\"moratorium_in_force\":false,\"work_programme_active\":false,\"expiry_date\":\"2026-03-26\",\"measure_status\":null,\"general_council_reviews_required\":false}},\"status\":{{\"moratorium_in_force\":\"determined\",\"work_programme_active\":\"determined\",\"expiry_date\":\"determined\",\"measure_status\":\"undetermined\",\"general_council_reviews_required\":\"determined\"}}}}\n"
    )
}

/// The size of the temporary file in a folder, 0 if there is none.
fn temporary_size(dir: &Path) -> usize {
    names_in(dir)
        .iter()
        .filter(|n| n.ends_with(".tmp"))
        .filter_map(|n| fs::metadata(dir.join(n)).ok())
        .map(|m| m.len() as usize)
        .sum()
}

/// Starts a batch reading standard input, feeds it `rows` rows and leaves
/// standard input open, waits until `expected` rows are out (on stdout, or
/// in the temporary file with `--out`), and sends `signal`.
fn signalled(
    signal: &str,
    extra: &[&str],
    dir: &Path,
    rows: usize,
    expected: usize,
) -> (Child, Vec<String>) {
    let mut child = provisio()
        .arg("batch")
        .arg(policy())
        .args(["--scenarios", "-", "--at", "2026-01-01"])
        .args(extra)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(ROW.repeat(rows).as_bytes()).expect("fed");
    stdin.flush().expect("flushed");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    let to_file = extra.contains(&"--out");
    for _ in 0..if to_file { 0 } else { expected } {
        let mut line = String::new();
        stdout.read_line(&mut line).expect("a line");
        lines.push(line);
    }
    // With --out, the rows are counted in the temporary file.
    if to_file {
        let bytes: usize = (1..=expected).map(|n| row_out(n).len()).sum();
        while temporary_size(dir) < bytes {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
    let status = Process::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).expect("the rest");
    lines.extend(rest.split_inclusive('\n').map(str::to_string));
    // Standard input stays open until the batch has ended.
    let _still_open = stdin;
    (child, lines)
}

#[cfg(unix)]
#[test]
fn sigint_stops_the_batch_between_rows_with_whole_rows_written() {
    let dir = folder("sigint");
    // Two chunks of 8,192 rows are evaluated and written; the rest waits for
    // more input when the signal comes.
    let (child, lines) = signalled("-INT", &[], &dir, 20_000, 16_384);
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(lines.len(), 16_384);
    for (i, line) in lines.iter().enumerate() {
        assert!(line.ends_with('\n'), "line {}", i + 1);
        let row: Json = serde_json::from_str(line).expect("a whole JSON row");
        assert_eq!(row["line"], i + 1);
    }
    assert_eq!(
        text(&output.stderr),
        "interrupted by SIGINT after 16384 rows; the rows before it are written\n\
         16384 rows, 0 errors\n  moratorium_in_force: false: 16384\n  work_programme_active: false: 16384\n  \
         expiry_date: 2026-03-26: 16384\n  measure_status: undetermined: 16384\n  general_council_reviews_required: false: 16384\n"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_the_previous_output_file() {
    let dir = folder("sigterm");
    fs::write(dir.join("out.jsonl"), "previous\n").expect("written");
    let (child, lines) = signalled("-TERM", &["--out", "out.jsonl"], &dir, 20_000, 16_384);
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(143));
    assert!(lines.is_empty());
    assert_eq!(
        text(&output.stderr),
        "interrupted by SIGTERM after 16384 rows; `out.jsonl` is left as it was\n\
         16384 rows, 0 errors\n  moratorium_in_force: false: 16384\n  work_programme_active: false: 16384\n  \
         expiry_date: 2026-03-26: 16384\n  measure_status: undetermined: 16384\n  general_council_reviews_required: false: 16384\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("out.jsonl")).expect("read"),
        "previous\n"
    );
    assert_eq!(names_in(&dir), ["out.jsonl"]);
}

fn csv_batch(input: &str) -> (Vec<String>, provisio::batch::Summary) {
    let mut options = BatchOptions::new(InputFormat::Csv);
    options.output = OutputFormat::Csv;
    let mut output = Vec::new();
    let summary =
        run_batch(&model(), input.as_bytes(), &mut output, &options, |_| {}).expect("runs");
    (text(&output).lines().map(str::to_string).collect(), summary)
}

#[test]
fn an_unterminated_csv_quote_costs_one_row_and_the_rows_after_are_read_again() {
    let (lines, summary) = csv_batch(
        "as_of,measure.kind,measure.levied_on\n\
         2026-04-01,customs_duty,electronic_transmission\n\
         2026-04-01,\"customs_duty,electronic_transmission\n\
         2026-04-01,internal_tax,physical_goods\n\
         2026-04-01,customs_duty,electronic_transmission\n",
    );
    assert_eq!(
        lines,
        [
            "line,error,as_of,reading.mc14_reference,reading.expiry_boundary,reading.scope,moratorium_in_force,moratorium_in_force.status,work_programme_active,work_programme_active.status,expiry_date,expiry_date.status,measure_status,measure_status.status,general_council_reviews_required,general_council_reviews_required.status",
            "2,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,permitted,determined,false,determined",
            "3,the quote opened on line 3 is never closed,,,,,,,,,,,,,,",
            "4,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,outside_scope,determined,false,determined",
            "5,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,permitted,determined,false,determined",
        ]
    );
    assert_eq!((summary.rows, summary.errors), (4, 1));
}

#[test]
fn a_csv_quote_closed_in_the_middle_of_a_cell_costs_one_row() {
    // The stray quote of line 3 is closed by the first quote of line 4, and
    // the cell goes on after it: line 3 is the error, line 4 is read again.
    let (lines, _) = csv_batch(
        "as_of,measure.kind,measure.levied_on\n\
         2026-04-01,\"customs_duty,electronic_transmission\n\
         2026-04-01,\"internal_tax\",physical_goods\n",
    );
    assert_eq!(
        lines[1..],
        [
            "2,the quote opened on line 2 closes on line 3 in the middle of a cell,,,,,,,,,,,,,,",
            "3,,2026-04-01,opening,exclusive,transmission_and_content,false,determined,false,determined,,undetermined,outside_scope,determined,false,determined",
        ]
    );
}

#[test]
fn csv_cells_quoted_across_lines_and_line_numbers_after_blank_lines_and_crlf() {
    let dir = folder("csv-lines");
    let policy = dir.join("notes.policy");
    fs::write(
        &policy,
        "fact note: text\nfact code: text\nverdict same = note is code\n",
    )
    .expect("written");
    let model = provisio::check::load_policy(&policy).expect("checks").model;
    let mut options = BatchOptions::new(InputFormat::Csv);
    options.output = OutputFormat::Csv;
    options.at = chrono::NaiveDate::from_ymd_opt(2026, 12, 6);
    let mut output = Vec::new();
    let input =
        "note,code\r\n\r\n\"a\r\nb\",x\r\nsame,same\r\n\n\"say \"\"hi\"\"\",\"say \"\"hi\"\"\"\n";
    run_batch(&model, input.as_bytes(), &mut output, &options, |_| {}).expect("runs");
    assert_eq!(
        text(&output),
        "line,error,as_of,same,same.status\n3,,2026-12-06,false,determined\n5,,2026-12-06,true,determined\n7,,2026-12-06,true,determined\n"
    );
}

#[test]
fn chunks_end_at_the_memory_budget_and_the_rows_are_the_same() {
    let input = ROW.repeat(100);
    let mut whole = Vec::new();
    run_batch(
        &model(),
        input.as_bytes(),
        &mut whole,
        &BatchOptions::new(InputFormat::JsonLines),
        |_| {},
    )
    .expect("runs");
    // A quarter of 4,096 bytes per chunk: nine rows of 82 bytes, each counted
    // with its line end and its place in the chunk (32 bytes).
    let mut options = BatchOptions::new(InputFormat::JsonLines);
    options.memory = 4096;
    let mut small = Vec::new();
    let mut done = vec![0];
    run_batch(&model(), input.as_bytes(), &mut small, &options, |rows| {
        done.push(rows)
    })
    .expect("runs");
    assert_eq!(text(&small), text(&whole));
    let sizes: Vec<usize> = done.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(sizes, [vec![9; 11], vec![1]].concat());
    // A row larger than the budget has a chunk to itself.
    options.memory = 8;
    let mut tiny = Vec::new();
    let mut chunks = 0;
    run_batch(&model(), input.as_bytes(), &mut tiny, &options, |_| {
        chunks += 1
    })
    .expect("runs");
    assert_eq!(text(&tiny), text(&whole));
    assert_eq!(chunks, 100);
}

#[test]
fn memory_sizes_are_read_with_units_and_bad_ones_refused() {
    for size in ["1048576", "256M", "1G", "64MiB", "512k"] {
        let output = Command::new(env!("CARGO_BIN_EXE_provisio"))
            .args(["batch", POLICY, "--scenarios", "-", "--memory", size])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .write_stdin(ROW)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{size}");
    }
    let refused = |size: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_provisio"))
            .args(["batch", POLICY, "--scenarios", "-"])
            .arg(format!("--memory={size}"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .write_stdin(ROW)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{size}");
        assert_eq!(text(&output.stdout), "");
        text(&output.stderr).to_string()
    };
    assert_eq!(
        refused("12X"),
        "provisio::bad_argument\n\n  × `12X` is not a size\n   ╭─[--memory:1:1]\n 1 │ 12X\n   · ─┬─\n   ·  ╰── expected a number of bytes, or one with K, M or G\n   ╰────\n  help: write the size as bytes or with a unit, such as `--memory 256M` or `--memory 1G`\n\n"
    );
    assert_eq!(
        refused("0"),
        "provisio::bad_argument\n\n  × `0` leaves no memory for a row\n   ╭─[--memory:1:1]\n 1 │ 0\n   · ┬\n   · ╰── at least one byte\n   ╰────\n  help: give a size such as `--memory 64M` (the default) or `--memory 1G`\n\n"
    );
    assert!(
        refused("99999999999T")
            .contains("× `99999999999T` is more memory than this machine can address"),
    );
    assert!(refused("-5M").contains("× `-5M` is not a size"));
}

#[test]
fn dates_far_out_read_as_in_eval() {
    let dir = folder("far-dates");
    fs::write(
        dir.join("far.policy"),
        "fact d: date\nverdict later = d + 20000 years rounded down\nverdict earlier = d - 5000 years rounded down\n",
    )
    .expect("written");
    let facts = "{\"as_of\":\"2026-01-01\",\"d\":\"2026-01-01\"}";
    fs::write(dir.join("far.json"), facts).expect("written");
    fs::write(dir.join("far.jsonl"), format!("{facts}\n")).expect("written");
    let eval = provisio()
        .args([
            "eval",
            "far.policy",
            "--facts",
            "far.json",
            "--format",
            "json",
        ])
        .current_dir(&dir)
        .output()
        .expect("runs");
    let eval: Json = serde_json::from_slice(&eval.stdout).expect("JSON");
    let batch = provisio()
        .args(["batch", "far.policy", "--scenarios", "far.jsonl"])
        .current_dir(&dir)
        .output()
        .expect("runs");
    let row: Json = serde_json::from_slice(&batch.stdout).expect("JSON");
    for verdict in ["later", "earlier"] {
        assert_eq!(row["verdicts"][verdict], eval["verdicts"][verdict]["value"]);
    }
    assert_eq!(row["verdicts"]["later"], "+22026-01-01");
    assert_eq!(row["verdicts"]["earlier"], "-2974-01-01");
}
