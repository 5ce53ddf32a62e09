//! Rows evaluated in groups and written while the next chunk is evaluated:
//! the output and the summary are those of rows taken one at a time, a
//! chunk is written as soon as no other is ready, and a failure to read
//! leaves every row read before it written.

use std::io::{self, Read};

use provisio::batch::{BatchOptions, InputFormat, Stage, run_batch};

/// The bundled decision, checked.
fn model() -> provisio::model::Model {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/wto/mc13-ecommerce.policy"
    );
    let source = provisio::span::SourceFile::new(
        path,
        std::fs::read_to_string(path).expect("the bundled decision"),
    );
    provisio::check::check_source(&source)
        .expect("checks")
        .model
}

/// Row `n` of a batch: its Session opens on a different day each row, and
/// one row in five has no measure.
fn row(n: usize) -> String {
    let day = 1 + n % 28;
    let measure = if n.is_multiple_of(5) {
        String::new()
    } else {
        String::from(r#","measure":{"kind":"customs_duty","levied_on":"electronic_transmission"}"#)
    };
    format!(
        "{{\"as_of\":\"2026-02-15\",\"mc14\":{{\"opening\":\"2026-02-{day:02}\",\"closing\":\"2026-02-{day:02}\"}}{measure}}}\n"
    )
}

/// Input that gives `rows` rows, then fails.
struct FailingAfter {
    text: io::Cursor<Vec<u8>>,
}

impl Read for FailingAfter {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        match self.text.read(buffer)? {
            0 => Err(io::Error::other("the disk went away")),
            read => Ok(read),
        }
    }
}

fn options(chunk: usize) -> BatchOptions {
    let mut options = BatchOptions::new(InputFormat::JsonLines);
    options.at = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    options.chunk = chunk;
    options
}

#[test]
fn rows_in_chunks_of_any_size_give_the_rows_and_summary_of_one_chunk() {
    let model = model();
    let input: String = (1..=500).map(row).collect();
    let run = |chunk: usize| {
        let mut out = Vec::new();
        let mut done = Vec::new();
        let summary = run_batch(
            &model,
            input.as_bytes(),
            &mut out,
            &options(chunk),
            |rows| done.push(rows),
        )
        .expect("runs");
        (String::from_utf8(out).expect("text"), summary, done)
    };
    let (whole, summary, done) = run(1000);
    assert_eq!(done, [500]);
    assert_eq!(whole.lines().count(), 500);
    // More than 32 distinct expiry dates would be counted as others: 28
    // days here, each counted.
    let counts = |verdict: &str| {
        summary
            .values
            .iter()
            .find(|(name, _)| name == verdict)
            .map(|(_, counts)| counts.clone())
            .expect("a verdict")
    };
    assert_eq!(counts("expiry_date").len(), 28);
    // In force on 15 February while the Session opens after it.
    let measured = |n: &usize| !n.is_multiple_of(5);
    let in_force = |n: &usize| 1 + n % 28 > 15;
    let prohibited = (1..=500).filter(|n| measured(n) && in_force(n)).count();
    let permitted = (1..=500).filter(|n| measured(n) && !in_force(n)).count();
    assert_eq!(counts("measure_status")["prohibited"], prohibited);
    assert_eq!(counts("measure_status")["permitted"], permitted);
    assert_eq!(counts("measure_status")["undetermined"], 100);
    for chunk in [1, 7, 64, 65, 499] {
        let (text, chunked, done) = run(chunk);
        assert_eq!(text, whole, "chunks of {chunk}");
        assert_eq!(chunked.values, summary.values, "chunks of {chunk}");
        assert_eq!(chunked.rows, 500);
        // Progress after each chunk written, in order, ending at every row.
        assert_eq!(done.len(), 500_usize.div_ceil(chunk), "chunks of {chunk}");
        assert!(done.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(done.last(), Some(&500));
    }
}

#[test]
fn a_failure_to_read_leaves_every_row_read_before_it_written() {
    let model = model();
    let input: String = (1..=100).map(row).collect();
    let mut out = Vec::new();
    let error = run_batch(
        &model,
        FailingAfter {
            text: io::Cursor::new(input.into_bytes()),
        },
        &mut out,
        &options(8),
        |_| {},
    )
    .expect_err("the input fails");
    assert_eq!(error.stage, Stage::Reading);
    assert_eq!(error.error.to_string(), "the disk went away");
    // The failure comes with the read that would have ended the last
    // chunk: the 96 rows of the twelve chunks before it are written.
    let text = String::from_utf8(out).expect("text");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(error.summary.rows, lines.len());
    assert_eq!(lines.len(), 96);
    for (index, line) in lines.iter().enumerate() {
        assert!(
            line.starts_with(&format!("{{\"line\":{},", index + 1)),
            "{line}"
        );
    }
}
