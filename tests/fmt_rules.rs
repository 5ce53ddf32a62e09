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

/// A policy's white space outside texts and comments laid out otherwise:
/// each run with a line break becomes a line break and some indentation,
/// each run without one some spaces or a tab. The file means the same.
fn relaid(text: &str, seed: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut n = seed;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '#' => {
                out.push(c);
                while let Some(&c) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    out.push(c);
                    chars.next();
                }
            }
            ' ' | '\t' | '\n' | '\r' => {
                let mut newline = c == '\n';
                while let Some(&c) = chars.peek() {
                    if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                        break;
                    }
                    newline |= c == '\n';
                    chars.next();
                }
                n = n.wrapping_mul(31).wrapping_add(7) % 1009;
                if newline {
                    out.push_str(["\n", "\n\n", "\n   ", "\n\t", "\n\n\n      "][n % 5]);
                } else {
                    out.push_str([" ", "  ", "\t", "     "][n % 4]);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn bundled_policies_laid_out_otherwise_format_to_the_same_meaning() {
    for path in policies("rules") {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("a bundled policy reads");
        for seed in [1, 2, 3] {
            let messy = relaid(&text, seed);
            assert_ne!(messy, text);
            let once = format(&name, &messy).expect("a relaid policy parses");
            assert_eq!(format(&name, &once).as_deref(), Ok(once.as_str()), "{name}");
            assert_eq!(comments(&once), comments(&text), "{name}");
            assert_eq!(texts(&once), texts(&text), "{name}");
            let (a, b) = (meaning(&name, &text), meaning(&name, &once));
            assert!(a == b, "{name}: {}", first_difference(&a, &b));
        }
    }
}

/// A chain of 2,000 rules, and the same rules on one line: both format,
/// one rule a line, and formatting again changes nothing.
#[test]
fn long_policies_format() {
    let rules: Vec<String> = (0..2000)
        .map(|i| format!("define d{i} = x + {i}"))
        .collect();
    let header =
        "instrument \"Long\" adopted 2024-01-01 fact x \"x\": integer provision p \"P\" text \"t\"";
    for layout in [" ", "\n  "] {
        let text = format!("{header}{layout}{}\n", rules.join(layout));
        let once = format("long.policy", &text).expect("parses");
        assert_eq!(
            once.lines().filter(|l| l.starts_with("  define ")).count(),
            2000
        );
        assert_eq!(format("long.policy", &once).as_deref(), Ok(once.as_str()));
    }
}
