//! `provisio fmt` on deliberately messy policies: each file's canonical
//! layout is a snapshot, formatting it again changes nothing, and its
//! comments and texts come out byte for byte.

mod fmt_support;

use fmt_support::{comments, format, meaning, texts};

#[test]
fn messy_policies_are_laid_out_canonically() {
    insta::glob!("fmt/messy/*.policy", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("a messy policy reads");
        let once = format(&name, &text).expect("a messy policy parses");
        assert_eq!(format(&name, &once).as_deref(), Ok(once.as_str()), "{name}");
        assert_eq!(comments(&once), comments(&text), "{name}");
        assert_eq!(texts(&once), texts(&text), "{name}");
        assert_eq!(meaning(&name, &once), meaning(&name, &text), "{name}");
        insta::assert_snapshot!(once);
    });
}

/// An empty file, or one of white space, formats to nothing.
#[test]
fn an_empty_file_stays_empty() {
    assert_eq!(format("empty.policy", ""), Ok(String::new()));
    assert_eq!(format("blank.policy", "  \n\n\t\n"), Ok(String::new()));
}

/// Every clause of a deontic rule in the documented order, whatever the
/// order written, with a repeated clause kept after the first (so that the
/// checker reports the same one).
#[test]
fn deontic_clauses_come_in_the_documented_order() {
    let policy = "provision p \"P\" text \"t\"\n  obligation o cites \"t\" when a while b when c action \"x\" binds \"y\"\n";
    assert_eq!(
        format("o.policy", policy).as_deref(),
        Ok(
            "provision p \"P\"\n  text \"t\"\n  obligation o\n    binds \"y\"\n    action \"x\"\n    while b\n    when a\n    when c\n    cites \"t\"\n"
        )
    );
}

/// A comment on a line of its own above a rule stays directly above it, so
/// that an allow comment silences the same rule; one apart from the rule by
/// a blank line stays apart.
#[test]
fn allow_comments_keep_their_scope() {
    let policy = "provision p \"P\" text \"t\"\n  # provisio: allow boundary_unstated\n  define a = 1\n\n  # provisio: allow money_unrounded\n\n  define b = 2\n";
    assert_eq!(
        format("a.policy", policy).as_deref(),
        Ok(
            "provision p \"P\"\n  text \"t\"\n  # provisio: allow boundary_unstated\n  define a = 1\n\n  # provisio: allow money_unrounded\n\n  define b = 2\n"
        )
    );
}

/// A file that does not parse is not formatted: the problem is the one
/// `check` gives.
#[test]
fn a_file_that_does_not_parse_gives_the_syntax_problem() {
    let source = provisio::span::SourceFile::new("bad.policy", "provision p \"P\"\n  define = 1\n");
    let problem = provisio::format::format_source(&source).expect_err("does not parse");
    let checked = provisio::check::check_source(&source).expect_err("does not check");
    assert_eq!(problem.code, "provisio::syntax");
    assert_eq!(checked.items.len(), 1);
    assert_eq!(checked.items[0].code, problem.code);
    assert_eq!(checked.items[0].message, problem.message);
    assert_eq!(checked.items[0].labels, problem.labels);
    assert_eq!(checked.items[0].help, problem.help);
}

/// The example of docs/format.md: the block after `<!-- fmt: before -->`
/// formats to the block after `<!-- fmt: after -->`.
#[test]
fn the_documented_example_formats_as_shown() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md"))
        .expect("docs/format.md");
    let block = |marker: &str| -> String {
        let after = page.split(marker).nth(1).expect("the marker");
        let body = after.split("```\n").nth(1).expect("a fenced block");
        body.to_string()
    };
    let before = block("<!-- fmt: before -->");
    let after = block("<!-- fmt: after -->");
    assert_eq!(
        format("example.policy", &before).as_deref(),
        Ok(after.as_str())
    );
    assert_eq!(
        meaning("example.policy", &before),
        meaning("example.policy", &after)
    );
}
