//! The tables in French and Spanish: `eval --all-readings` and `eval
//! --compare` as text and Markdown, and the report's every-reading table
//! and notes beside the instrument's text, each in the language asked for,
//! with no English word of the engine's left in them. English is the
//! snapshots of `tests/all_readings.rs`, `tests/reforms.rs` and the report's
//! tests, which these words leave unchanged.

#[path = "common/cli.rs"]
mod cli;

use cli::{provisio, stdout_of as run};

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";
const YAOUNDE: &str = "rules/wto/facts/mc14-yaounde.json";

const TAX: &str = "rules/us-corporate-tax/corporate-rates.policy";
const TAX_REFORM: &str = "rules/us-corporate-tax/reforms/rate-28-percent.policy";
const TAX_FACTS: &str = "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json";

const AMENDED: &str = "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy";

const LEVY: &str = "tests/fixtures/amendments/base.policy";
const LEVY_REFORM: &str = "tests/fixtures/amendments/reform.policy";
const LEVY_FACTS: &str = "tests/fixtures/amendments/resident.json";

/// The engine's English words these tables used to write, each as a whole
/// word or phrase: none may be left in French or Spanish.
const ENGLISH: &[&str] = &[
    "As of",
    "under every reading",
    "Readings fixed",
    "The readings",
    "disagree",
    "agree for",
    "no reading varied",
    " value",
    ">Value<",
    "undetermined",
    "not in force",
    "verdicts",
    "true",
    "false",
    "Reform:",
    "in force on the date",
    "replaced by",
    "Differ (",
    "Same (",
    "with the reform",
    "differs",
    "Evaluated",
    "base and reform",
    "| yes |",
    "Highlighted",
    "Used as",
    "Cites",
    "Value on the date",
    "Used by",
    "Not used by",
    "as given",
    "no value",
    "provision by provision",
    "quotes no wording",
];

/// Fails naming the first English word found in `text`.
fn no_english(text: &str, what: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "{what} still says {word:?}:\n{text}");
    }
}

#[test]
fn all_readings_text_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        // Where the readings disagree, with the Session's dates known.
        let disagree = run(&[
            "eval",
            POLICY,
            "--facts",
            DURING,
            "--all-readings",
            "--lang",
            lang,
        ]);
        no_english(&disagree, "eval --all-readings");
        insta::assert_snapshot!(format!("all_readings_text_{lang}"), disagree);
        // A reading fixed and a definition given: every verdict agrees.
        let agree = run(&[
            "eval",
            POLICY,
            "--facts",
            DURING,
            "--all-readings",
            "--reading",
            "mc14_reference=closing",
            "--given",
            "para5.mc14_day=2026-03-30",
            "--lang",
            lang,
        ]);
        no_english(&agree, "eval --all-readings --reading --given");
        insta::assert_snapshot!(format!("all_readings_agree_text_{lang}"), agree);
    }
}

#[test]
fn all_readings_markdown_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        // Without the Session's dates: each reading's condition, in words.
        let undetermined = run(&[
            "eval",
            POLICY,
            "--at",
            "2026-03-28",
            "--all-readings",
            "--format",
            "markdown",
            "--lang",
            lang,
        ]);
        no_english(&undetermined, "eval --all-readings --format markdown");
        insta::assert_snapshot!(format!("all_readings_markdown_{lang}"), undetermined);
        // After the Session: the readings agree.
        let agree = run(&[
            "eval",
            POLICY,
            "--facts",
            YAOUNDE,
            "--at",
            "2026-06-01",
            "--all-readings",
            "--format",
            "markdown",
            "--lang",
            lang,
        ]);
        no_english(&agree, "eval --all-readings --format markdown");
        insta::assert_snapshot!(format!("all_readings_agree_markdown_{lang}"), agree);
    }
}

#[test]
fn all_readings_json_stays_in_english_codes() {
    let english = run(&[
        "eval",
        POLICY,
        "--facts",
        DURING,
        "--all-readings",
        "--format",
        "json",
    ]);
    for lang in ["fr", "es"] {
        let json = run(&[
            "eval",
            POLICY,
            "--facts",
            DURING,
            "--all-readings",
            "--format",
            "json",
            "--lang",
            lang,
        ]);
        assert_eq!(json, english, "JSON is data, the same in every language");
    }
}

#[test]
fn compare_text_and_markdown_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let tax = [
            "eval",
            TAX,
            "--with",
            TAX_REFORM,
            "--facts",
            TAX_FACTS,
            "--compare",
            "--lang",
            lang,
        ];
        let text = run(&tax);
        no_english(&text, "eval --compare");
        insta::assert_snapshot!(format!("compare_text_{lang}"), text);
        let markdown = run(&[&tax[..], &["--format", "markdown"]].concat());
        no_english(&markdown, "eval --compare --format markdown");
        insta::assert_snapshot!(format!("compare_markdown_{lang}"), markdown);
        // A verdict the reform leaves as it was: both tables.
        let levy = [
            "eval",
            LEVY,
            "--with",
            LEVY_REFORM,
            "--facts",
            LEVY_FACTS,
            "--at",
            "2027-06-30",
            "--compare",
            "--lang",
            lang,
        ];
        let text = run(&levy);
        no_english(&text, "eval --compare");
        insta::assert_snapshot!(format!("compare_same_text_{lang}"), text);
        // Before the reform's changes apply.
        let before = run(&[
            "eval",
            LEVY,
            "--with",
            LEVY_REFORM,
            "--facts",
            LEVY_FACTS,
            "--at",
            "2026-06-30",
            "--compare",
            "--format",
            "markdown",
            "--lang",
            lang,
        ]);
        no_english(&before, "eval --compare --format markdown");
        insta::assert_snapshot!(format!("compare_before_markdown_{lang}"), before);
    }
}

#[test]
fn compare_json_stays_the_same_in_every_language() {
    let args = [
        "eval",
        TAX,
        "--with",
        TAX_REFORM,
        "--facts",
        TAX_FACTS,
        "--compare",
        "--format",
        "json",
    ];
    let english = run(&args);
    for lang in ["fr", "es"] {
        assert_eq!(run(&[&args[..], &["--lang", lang]].concat()), english);
    }
}

/// The part of a report from `<section id="ID"` to its end.
fn section(page: &str, id: &str) -> String {
    let from = page
        .find(&format!("<section id=\"{id}\""))
        .expect("the section");
    let to = page[from..].find("</section>").expect("its end") + from;
    page[from..to].to_string()
}

/// The report's every-reading table and the instrument's text, with the
/// law's quoted wording, which stays as the policy quotes it, left out.
fn report_tables(args: &[&str]) -> String {
    let page = run(&[&["report"][..], args, &["--timeline-days", "0"]].concat());
    let text = section(&page, "text");
    let mut without_law = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<blockquote") {
        without_law.push_str(&rest[..start]);
        without_law.push_str("<blockquote>…");
        let end = rest[start..]
            .find("</blockquote>")
            .map_or(rest.len(), |e| e + start);
        rest = &rest[end..];
    }
    without_law.push_str(rest);
    format!("{}\n...\n{without_law}", section(&page, "readings"))
}

#[test]
fn report_every_reading_and_text_in_french_and_spanish() {
    for lang in ["fr", "es"] {
        let page = run(&[
            "report",
            POLICY,
            "--facts",
            DURING,
            "--all-readings",
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        let tables = report_tables(&[POLICY, "--facts", DURING, "--all-readings", "--lang", lang]);
        no_english(&tables, "the report");
        insta::assert_snapshot!(format!("report_tables_{lang}"), tables);
        // A reading fixed: the readings agree, under the readings left.
        let agree = report_tables(&[
            POLICY,
            "--facts",
            DURING,
            "--all-readings",
            "--reading",
            "mc14_reference=closing",
            "--lang",
            lang,
        ]);
        no_english(&agree, "the report");
        let from = agree.find("<p>").expect("a paragraph");
        let to = agree.find("\n...\n").expect("the readings' end");
        insta::assert_snapshot!(format!("report_agree_{lang}"), &agree[from..to]);
    }
}

#[test]
fn report_of_an_amended_policy_in_french_and_spanish() {
    // The header's line of the changes in force.
    for lang in ["fr", "es"] {
        let page = run(&[
            "report",
            AMENDED,
            "--facts",
            TAX_FACTS,
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        let header = &page
            [page.find("<header>").expect("a header")..page.find("</header>").expect("its end")];
        no_english(header, "the report's header");
        insta::assert_snapshot!(format!("report_amended_header_{lang}"), header);
    }
}

#[test]
fn report_of_a_policy_using_others_names_them_in_the_language() {
    let chain = "rules/wto/chain/moratorium-chain.policy";
    let facts = "rules/wto/chain/facts/yaounde-and-before.yaml";
    for (lang, used_as) in [
        (
            "fr",
            "<h3 id=\"used-0\">Politique utilisée sous le nom <code>geneva_1998</code>\u{a0}: Declaration on Global Electronic Commerce (WT/MIN(98)/DEC/2)</h3>",
        ),
        (
            "es",
            "<h3 id=\"used-0\">Política utilizada con el nombre <code>geneva_1998</code>: Declaration on Global Electronic Commerce (WT/MIN(98)/DEC/2)</h3>",
        ),
    ] {
        let page = run(&[
            "report",
            chain,
            "--facts",
            facts,
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        assert!(page.contains(used_as), "{lang}: no {used_as:?}");
        assert!(!page.contains(">Used as "), "{lang}: English left");
    }
}

/// `provisio ARGS`: its stdout and exit status, whatever it is.
fn run_with_status(args: &[&str]) -> (String, Option<i32>) {
    let output = provisio().args(args).output().expect("provisio runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        output.status.code(),
    )
}

#[test]
fn all_readings_of_each_element_and_of_an_error_in_french_and_spanish() {
    let policy = "tests/fixtures/languages_tables/split.policy";
    for lang in ["fr", "es"] {
        // Each member's amount, and the readings disagreeing for whom; a
        // verdict that fails keeps its error's code.
        for (facts, name) in [("two", "members"), ("none", "no_member")] {
            let facts = format!("tests/fixtures/languages_tables/{facts}.json");
            for format in ["text", "markdown"] {
                let (out, status) = run_with_status(&[
                    "eval",
                    policy,
                    "--facts",
                    &facts,
                    "--all-readings",
                    "--format",
                    format,
                    "--lang",
                    lang,
                ]);
                assert_eq!(status, Some(3), "a verdict failed: status 3");
                no_english(&out, "eval --all-readings");
                insta::assert_snapshot!(format!("all_readings_{name}_{format}_{lang}"), out);
            }
        }
    }
}

#[test]
fn compare_of_an_error_and_of_each_element_in_french_and_spanish() {
    // The base fails where the reform gives a value: the error by its code,
    // and each member's amount, in the language's words.
    for lang in ["fr", "es"] {
        for format in ["text", "markdown"] {
            let (out, status) = run_with_status(&[
                "eval",
                "tests/fixtures/languages_tables/split.policy",
                "--with",
                "tests/fixtures/languages_tables/reform.policy",
                "--facts",
                "tests/fixtures/languages_tables/two.json",
                "--compare",
                "--format",
                format,
                "--lang",
                lang,
            ]);
            assert_eq!(status, Some(3), "the base's verdict failed: status 3");
            no_english(&out, "eval --compare");
            assert!(out.contains("provisio::division_by_zero"), "{out}");
            insta::assert_snapshot!(format!("compare_error_{format}_{lang}"), out);
        }
    }
}

#[test]
fn report_of_each_element_and_of_a_long_list_in_french_and_spanish() {
    for (lang, heading, left_out) in [
        (
            "fr",
            "<h3 id=\"verdict-allowance-name\"><code>allowance</code>, for each m in members\u{a0}: 3 éléments</h3>",
            "<li>(15 autres éléments de count a in amounts where a &gt; 100, non affichés)</li>",
        ),
        (
            "es",
            "<h3 id=\"verdict-allowance-name\"><code>allowance</code>, for each m in members: 3 elementos</h3>",
            "<li>(15 elementos más de count a in amounts where a &gt; 100, no mostrados)</li>",
        ),
    ] {
        let page = run(&[
            "report",
            "tests/fixtures/per_member/allowance.policy",
            "--facts",
            "tests/fixtures/per_member/facts/three.json",
            "--at",
            "2025-03-01",
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        assert!(page.contains(heading), "{lang}: no {heading:?}");
        // With full detail, the elements of a long list left out are counted.
        let page = run(&[
            "report",
            "tests/fixtures/long_list.policy",
            "--at",
            "2026-01-01",
            "--facts",
            "tests/fixtures/languages_tables/twenty-five.json",
            "--explain",
            "full",
            "--lang",
            lang,
            "--timeline-days",
            "0",
        ]);
        assert!(page.contains(left_out), "{lang}: no {left_out:?}");
        assert!(!page.contains("not shown"), "{lang}: English left");
    }
}

/// `eval` of an amended policy says its changes in the language, as the
/// report's header and `--compare` do; English as before.
#[test]
fn an_amended_policy_s_changes_in_eval_in_each_language() {
    let line = |lang: &str, format: &str| {
        let out = run(&[
            "eval",
            AMENDED,
            "--facts",
            TAX_FACTS,
            "--at",
            "2027-06-01",
            "--lang",
            lang,
            "--format",
            format,
        ]);
        out.lines()
            .find(|l| {
                ["As amended", "Dans sa version", "Con sus modificaciones"]
                    .iter()
                    .any(|lead| l.starts_with(lead))
            })
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        line("en", "text"),
        "As amended: s11b replaced by FICTIONAL Pub. L. 119-999, § 2001 from 1 January 2027; s2001c inserted by FICTIONAL Pub. L. 119-999, § 2001 from 1 January 2027"
    );
    assert_eq!(
        line("fr", "text"),
        "Dans sa version modifiée\u{a0}: remplacement de s11b par FICTIONAL Pub. L. 119-999, § 2001 à compter du 1er janvier 2027\u{a0}; insertion de s2001c par FICTIONAL Pub. L. 119-999, § 2001 à compter du 1er janvier 2027"
    );
    assert_eq!(
        line("es", "markdown"),
        "Con sus modificaciones: sustitución de s11b por FICTIONAL Pub. L. 119-999, § 2001 a partir del 1 de enero de 2027; inserción de s2001c por FICTIONAL Pub. L. 119-999, § 2001 a partir del 1 de enero de 2027."
    );
}
