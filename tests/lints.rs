//! Lints: `boundary_unstated` and `boundary_reversed` pointing at the words
//! of a provision's text and naming the rule that encodes them, `# provisio:
//! allow NAME` for a rule, a provision or the file, and the lints on verdict
//! sentences. Every policy under `tests/lints/` checks; its warnings are
//! snapshotted as the terminal shows them.

use std::path::Path;

use provisio::check::check_source;
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

fn warnings_of(name: &str, text: &str) -> Vec<provisio::diagnostic::Problem> {
    let source = SourceFile::new(name, text);
    match check_source(&source) {
        Ok(checked) => checked.warnings.items,
        Err(problems) => panic!("{name} does not check: {problems:?}"),
    }
}

fn codes(text: &str) -> Vec<&'static str> {
    warnings_of("p.policy", text)
        .iter()
        .map(|p| p.code)
        .collect()
}

#[test]
fn lint_warnings() {
    insta::glob!("lints/*.policy", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rendered: Vec<String> = warnings_of(&name, &text)
            .iter()
            .map(|p| render(p, false))
            .collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

const UNTIL: &str = "fact end_day: date
fact other_day: date
provision p \"P\"
  text \"The duty applies until the end day. The other duty applies until the other day.\"
  define applies = as_of before end_day
    cites \"The duty applies until the end day\"
  define other = as_of before other_day
    cites \"The other duty applies until the other day\"
verdict applies = p.applies
verdict other = p.other
";

#[test]
fn each_phrase_names_the_rule_that_cites_it_and_no_other() {
    let warnings = warnings_of("p.policy", UNTIL);
    let messages: Vec<&str> = warnings.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "provision `p` says \"until\" without saying whether the boundary day counts, and `applies`, which encodes it, excludes that day",
            "provision `p` says \"until\" without saying whether the boundary day counts, and `other`, which encodes it, excludes that day",
        ]
    );
    // Each points at its own "until" in the text.
    let starts: Vec<usize> = warnings
        .iter()
        .filter_map(|p| p.span())
        .map(|s| s.start)
        .collect();
    let first = UNTIL.find("until").unwrap_or_default();
    let second = UNTIL.find("until the other").unwrap_or_default();
    assert_eq!(starts, [first, second]);
}

#[test]
fn an_allow_above_a_rule_silences_that_rule_only() {
    let allowed = UNTIL.replace(
        "  define applies",
        "  # provisio: allow boundary_unstated\n  define applies",
    );
    let warnings = warnings_of("p.policy", &allowed);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("`other`"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn an_allow_above_a_provision_silences_all_of_it_and_on_its_own_the_file() {
    let provision = UNTIL.replace(
        "provision p",
        "# provisio: allow boundary_unstated\nprovision p",
    );
    assert!(codes(&provision).is_empty());
    let file = format!("# provisio: allow boundary_unstated\n\n{UNTIL}");
    assert!(codes(&file).is_empty());
    // A blank line between the comment and the provision: the whole file.
    let detached = UNTIL.replace(
        "provision p",
        "# provisio: allow boundary_unstated\n\nprovision p",
    );
    assert!(codes(&detached).is_empty());
    // A comment at the end of a line of code is not a directive.
    let trailing = UNTIL.replace(
        "verdict other = p.other",
        "verdict other = p.other # provisio: allow boundary_unstated",
    );
    assert_eq!(
        codes(&trailing),
        ["provisio::boundary_unstated", "provisio::boundary_unstated"]
    );
}

#[test]
fn an_allow_that_names_no_lint_or_silences_nothing_is_warned_about() {
    let misspelt = format!("# provisio: allow boundary_unstate\n\n{UNTIL}");
    let warnings = warnings_of("p.policy", &misspelt);
    let unknown = warnings
        .iter()
        .find(|p| p.code == "provisio::unknown_lint")
        .expect("an unknown_lint warning");
    assert!(
        unknown
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `boundary_unstated`?")),
        "{:?}",
        unknown.help
    );
    let unused = format!("# provisio: allow money_unrounded\n\n{UNTIL}");
    assert_eq!(
        codes(&unused),
        [
            "provisio::unused_allow",
            "provisio::boundary_unstated",
            "provisio::boundary_unstated"
        ]
    );
}

#[test]
fn words_inside_other_words_and_prepositions_not_of_time_are_not_boundaries() {
    let policy = "fact d: date
provision p \"P\"
  text \"A bypass is kept on standby, paid by the Member and reduced by 10%, untiled.\"
  define x = as_of before d
verdict x = p.x
";
    assert!(codes(policy).is_empty());
}

#[test]
fn a_boundary_the_text_states_is_not_flagged() {
    for text in [
        "The tax shall be paid not later than the due day.",
        "The tax shall be paid on or before the due day.",
        "The duty applies until the due day inclusive.",
        "The return is due by the end of the year.",
    ] {
        let policy = format!(
            "fact due: date\nprovision p \"P\"\n  text \"{text}\"\n  define x = as_of on or before due\nverdict x = p.x\n"
        );
        assert!(codes(&policy).is_empty(), "{text}");
    }
}

#[test]
fn a_comparison_that_follows_the_text_is_not_reversed() {
    // "after 31 December 2017" and its complement "on or before".
    let policy = "fact start: date
provision p \"P\"
  text \"This applies to years beginning after December 31, 2017, and before January 1, 2026.\"
  define x = start after 2017-12-31 and start before 2026-01-01
  define y = start on or before 2017-12-31
verdict x = p.x
verdict y = p.y
";
    assert!(codes(policy).is_empty());
    let reversed = policy.replace("start before 2026-01-01", "start on or before 2026-01-01");
    assert_eq!(codes(&reversed), ["provisio::boundary_reversed"]);
}

#[test]
fn the_bundled_policies_give_no_lint_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for path in [
        "wto/mc13-ecommerce.policy",
        "wto/mc12/mc12-ecommerce.policy",
        "us-corporate-tax/corporate-rates.policy",
        "us-earned-income-credit/earned-income-credit.policy",
        "us-home-sale/principal-residence.policy",
        "us-income-tax/income-tax-and-child-credit.policy",
    ] {
        let text =
            std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let warnings = warnings_of(path, &text);
        assert!(
            warnings.is_empty(),
            "{path}: {:?}",
            warnings.iter().map(|p| &p.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_lints_are_listed_in_the_docs() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md"))
            .unwrap_or_default();
    for lint in provisio::check::LINTS {
        assert!(
            docs.contains(&format!("| `{lint}` |")),
            "{lint} is not in the lint table"
        );
    }
}

#[test]
fn boundaries_no_rule_cites_make_one_warning_per_provision() {
    let policy = "fact d: date
provision p \"P\"
  text \"The duty applies until the day. It is paid by 31 March 2025. It lapses until the end.\"
  define x = as_of before d
verdict x = p.x
";
    let warnings = warnings_of("p.policy", policy);
    let messages: Vec<&str> = warnings.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "provision `p` says \"until\" and 2 more boundaries without saying whether the boundary day counts; no rule cites them, and `x` compares dates"
        ]
    );
    let labels: Vec<&str> = warnings[0].labels.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "is the boundary day in or out?",
            "another boundary no rule cites",
            "another boundary no rule cites",
            "`before` excludes the boundary day"
        ]
    );
}

#[test]
fn odd_texts_and_sentences_check_without_a_panic_and_alike_each_time() {
    let odd = [
        "",
        "until",
        "by",
        "in",
        "from to",
        "bis zum 31. März 2024 — until ２０２４ in 2024-",
        "until \\\"the\\\" day \\\\ by 31 Fébruary 2024 in 99999 from 1 to",
        "ÉTÉ until the día 31 December 2023 inclusive; before 2023-02-30",
    ];
    for text in odd {
        for says in [
            "{value} {value}",
            "{{value}} if {value}",
            "é é {value}",
            "\\\"x\\\" \\\"x\\\"",
        ] {
            let policy = format!(
                "fact d: date\nprovision p \"P\"\n  text \"{text}\"\n  define x = as_of before d\n    cites \"{text}\"\n  define y = d\nverdict x = p.x\nverdict y = p.y says \"{says}\"\n"
            );
            let first: Vec<String> = warnings_of("p.policy", &policy)
                .iter()
                .map(|p| render(p, false))
                .collect();
            let second: Vec<String> = warnings_of("p.policy", &policy)
                .iter()
                .map(|p| render(p, false))
                .collect();
            assert_eq!(first, second, "{text} / {says}");
        }
    }
}

#[test]
fn an_allow_above_a_verdict_silences_its_sentence_lints_only() {
    let policy = "fact done \"whether it was done\": boolean
provision p \"P\"
  text \"t\"
  define x = done
verdict a = p.x says \"Done: {value}.\"
verdict b = p.x says \"Done: {value}.\"
";
    assert_eq!(
        codes(policy),
        ["provisio::says_yes_no_value", "provisio::says_yes_no_value"]
    );
    let allowed = policy.replace(
        "verdict a",
        "# provisio: allow says_yes_no_value\nverdict a",
    );
    let warnings = warnings_of("p.policy", &allowed);
    assert_eq!(warnings.len(), 1);
    let b = policy.find("verdict b").unwrap_or_default()
        + "# provisio: allow says_yes_no_value\n".len();
    assert!(
        warnings[0].span().is_some_and(|s| s.start > b),
        "{warnings:?}"
    );
}
