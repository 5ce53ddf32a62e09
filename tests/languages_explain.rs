//! The explanations' own words in French and Spanish: a call's arguments,
//! records, dates and amounts inside lists, the entry of a table, the
//! extreme of a list, the element an aggregate picks, computed scales and
//! exceptions' names, on the bundled United States tax policies and on a
//! household allowance whose sentences are given in all three languages.
//! English is the same words as before, checked by the snapshots of the
//! other tests and by this allowance's English snapshot.

#[path = "common/cli.rs"]
mod cli;

use cli::stdout_of as run;

const INCOME_TAX: &str = "rules/us-income-tax/income-tax-and-child-credit.policy";
const FAMILY: &str = "rules/us-income-tax/facts/family-2018.json";
const EIC: &str = "rules/us-earned-income-credit/earned-income-credit.policy";
const FOUR_CHILDREN: &str = "tests/languages_explain/eic-four-children.json";
const BIRTH_UNKNOWN: &str = "tests/languages_explain/eic-birth-unknown.json";
const HOUSEHOLD: &str = "tests/languages_explain/household.policy";
const SINGLE: &str = "tests/languages_explain/household-single.json";
const JOINT: &str = "tests/languages_explain/household.json";

/// `provisio eval POLICY --facts FACTS --lang LANG`, for the verdicts named.
fn eval(policy: &str, facts: &str, lang: &str, verdicts: &[&str]) -> String {
    let mut args = vec!["eval", policy, "--facts", facts, "--lang", lang];
    for verdict in verdicts {
        args.extend(["--verdict", verdict]);
    }
    run(&args)
}

#[test]
fn calls_scales_and_exceptions_of_the_income_tax() {
    // A call per dependent ("pour Maya"), the joint rate table as a bracket
    // table, and an exception to an exception.
    let verdicts = ["income_tax", "qualifying_children", "threshold_amount"];
    for lang in ["fr", "es"] {
        let out = eval(INCOME_TAX, FAMILY, lang, &verdicts);
        insta::assert_snapshot!(format!("income_tax_{lang}"), out);
    }
}

#[test]
fn an_entry_past_the_last_of_the_earned_income_credits_table() {
    // Four children read the entry for three, the table's last.
    for lang in ["fr", "es"] {
        let out = eval(EIC, FOUR_CHILDREN, lang, &["credit_before_limitation"]);
        insta::assert_snapshot!(format!("eic_four_children_{lang}"), out);
    }
}

#[test]
fn an_argument_not_known() {
    // Ben's date of birth is not known: his age is asked for a value not known.
    for lang in ["fr", "es"] {
        let out = eval(EIC, BIRTH_UNKNOWN, lang, &["qualifying_children"]);
        insta::assert_snapshot!(format!("eic_birth_unknown_{lang}"), out);
    }
}

#[test]
fn picks_lists_tables_scales_and_an_exception_without_a_name() {
    for lang in ["en", "fr", "es"] {
        let out = eval(HOUSEHOLD, SINGLE, lang, &[]);
        insta::assert_snapshot!(format!("household_single_{lang}"), out);
    }
}

#[test]
fn an_exception_to_an_exception_and_a_threshold_computed() {
    for lang in ["en", "fr", "es"] {
        let out = eval(HOUSEHOLD, JOINT, lang, &["allowance", "tax"]);
        insta::assert_snapshot!(format!("household_joint_{lang}"), out);
    }
}

#[test]
fn the_name_of_an_exception_without_one_in_json() {
    // JSON keeps its keys and codes; the label of an exception without a
    // name is words, and follows the language.
    let out = run(&[
        "eval",
        HOUSEHOLD,
        "--facts",
        SINGLE,
        "--verdict",
        "allowance",
        "--format",
        "json",
        "--lang",
        "fr",
    ]);
    assert!(
        out.contains("\"rule\": \"art2\u{a0}: exception à l'allocation\""),
        "{out}"
    );
    let out = run(&[
        "eval",
        HOUSEHOLD,
        "--facts",
        SINGLE,
        "--verdict",
        "allowance",
        "--format",
        "json",
    ]);
    assert!(
        out.contains("\"rule\": \"art2: exception to the allowance\""),
        "{out}"
    );
}
