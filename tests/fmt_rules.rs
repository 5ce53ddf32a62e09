//! `provisio fmt` over every bundled policy and every test fixture that
//! parses: formatting is idempotent, keeps the checked model and every
//! comment and text, and the bundled policies are already formatted.

mod fmt_support;

use fmt_support::{comments, first_difference, format, meaning, policies, texts};

/// Checks one file: formatting twice changes nothing, the model and the
/// problems are the same, and comments and texts are kept in order.
fn holds_for(path: &std::path::Path) -> Result<bool, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let Ok(once) = format(&name, &text) else {
        // A fixture that does not parse is left as it is.
        return Ok(false);
    };
    let twice = format(&name, &once).map_err(|e| format!("{name}: formatted text: {e}"))?;
    if twice != once {
        return Err(format!("{name}: not idempotent:\n{twice}"));
    }
    if meaning(&name, &text) != meaning(&name, &once) {
        let (a, b) = (meaning(&name, &text), meaning(&name, &once));
        return Err(format!(
            "{name}: the meaning changed, here:\n{}",
            first_difference(&a, &b)
        ));
    }
    if comments(&text) != comments(&once) {
        return Err(format!("{name}: comments changed"));
    }
    if texts(&text) != texts(&once) {
        return Err(format!("{name}: texts changed"));
    }
    Ok(true)
}

#[test]
fn every_bundled_policy_keeps_its_meaning_and_formats_once() {
    let files = policies("rules");
    assert!(files.len() >= 18, "{files:?}");
    for path in files {
        assert_eq!(holds_for(&path), Ok(true), "{}", path.display());
    }
}

#[test]
fn every_fixture_that_parses_keeps_its_meaning_and_formats_once() {
    let mut formatted = 0;
    for path in policies("tests/fixtures") {
        match holds_for(&path) {
            Ok(parsed) => formatted += usize::from(parsed),
            Err(message) => panic!("{message}"),
        }
    }
    assert!(formatted >= 60, "only {formatted} fixtures parsed");
}

#[test]
fn the_bundled_policies_are_in_the_canonical_layout() {
    for path in policies("rules") {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("a bundled policy reads");
        let formatted = format(&name, &text).expect("a bundled policy parses");
        let first = text
            .lines()
            .zip(formatted.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| text.lines().count().min(formatted.lines().count()));
        assert!(
            formatted == text,
            "{name} is not formatted (`provisio fmt` changes it from line {})",
            first + 1
        );
    }
}
