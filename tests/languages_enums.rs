//! Enumeration values in French and Spanish: the bundled decisions, whose
//! values (`customs_duty`, `electronic_transmission`, ...) read as their
//! sentences in the language asked for, in explanations, facts, what is
//! known of a value that is one of several, and a verdict's `{value}`;
//! English as before; JSON with the values' names in every language.

#[path = "common/cli.rs"]
mod cli;

use cli::stdout_of as run;

const MC13: &str = "rules/wto/mc13-ecommerce.policy";
const MC12: &str = "rules/wto/mc12/mc12-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";
const ABU_DHABI: &str = "rules/wto/mc12/facts/mc13-abu-dhabi.json";
const UNDECIDED: &str = "tests/enum_values/undecided-kind.json";
const GOODS: &str = "tests/enum_values/physical-goods.json";
const BASE: &str = "tests/enum_values/base.policy";
const DUTY: &str = "tests/enum_values/duty.json";

#[test]
fn the_2024_decision_s_values_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let out = run(&["eval", MC13, "--facts", DURING, "--lang", lang]);
        insta::assert_snapshot!(format!("mc13_during_{lang}"), out);
    }
}

#[test]
fn a_tax_on_physical_goods_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let out = run(&[
            "eval",
            MC13,
            "--facts",
            GOODS,
            "--verdict",
            "measure_status",
            "--lang",
            lang,
        ]);
        insta::assert_snapshot!(format!("mc13_physical_goods_{lang}"), out);
    }
}

#[test]
fn the_2022_decision_s_values_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let out = run(&[
            "eval", MC12, "--facts", ABU_DHABI, "--format", "markdown", "--lang", lang,
        ]);
        insta::assert_snapshot!(format!("mc12_abu_dhabi_markdown_{lang}"), out);
    }
}

#[test]
fn a_value_that_is_one_of_several_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let out = run(&[
            "eval",
            MC13,
            "--facts",
            UNDECIDED,
            "--at",
            "2026-03-20",
            "--lang",
            lang,
        ]);
        insta::assert_snapshot!(format!("mc13_kind_undecided_{lang}"), out);
    }
}

#[test]
fn a_verdict_s_value_in_its_sentence_in_each_language() {
    let lines = |lang: &str| -> Vec<String> {
        run(&[
            "eval",
            BASE,
            "--facts",
            DUTY,
            "--at",
            "2025-02-01",
            "--lang",
            lang,
        ])
        .lines()
        .skip_while(|line| !line.starts_with("  levied = "))
        .take(2)
        .map(str::to_string)
        .collect()
    };
    assert_eq!(
        lines("en"),
        [
            "  levied = customs duty",
            "    What is levied is customs duty."
        ]
    );
    assert_eq!(
        lines("fr"),
        [
            "  levied = un droit de douane",
            "    Ce qui est perçu est un droit de douane."
        ]
    );
    assert_eq!(
        lines("es"),
        [
            "  levied = un derecho de aduana",
            "    Lo que se percibe es un derecho de aduana."
        ]
    );
}

#[test]
fn json_keeps_the_values_names_in_every_language() {
    for lang in ["en", "fr", "es"] {
        let json = run(&[
            "eval",
            BASE,
            "--facts",
            DUTY,
            "--at",
            "2025-02-01",
            "--format",
            "json",
            "--lang",
            lang,
        ]);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let levied = &value["verdicts"]["levied"];
        assert_eq!(levied["value"], "customs_duty", "{lang}");
        let sentence = levied["sentence"].as_str().unwrap_or_default();
        let words = match lang {
            "fr" => "un droit de douane",
            "es" => "un derecho de aduana",
            _ => "customs duty",
        };
        assert!(sentence.contains(words), "{lang}: {sentence}");
    }
}

#[test]
fn a_condition_on_several_values_names_them_in_each_language() {
    let policy = "tests/enum_values/barred.policy";
    let facts = "tests/enum_values/amount-only.json";
    let english = run(&["eval", policy, "--facts", facts]);
    assert!(
        english
            .contains("The levy is barred if what is levied is a customs duty or an internal tax."),
        "{english}"
    );
    for lang in ["fr", "es"] {
        let out = run(&["eval", policy, "--facts", facts, "--lang", lang]);
        insta::assert_snapshot!(format!("barred_several_values_{lang}"), out);
    }
}
