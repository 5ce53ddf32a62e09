//! `provisio report`: the page is one self-contained, well-formed file,
//! the same bytes on every run; what it says of each verdict is what
//! `eval` says; and bad input is a diagnostic with the status `eval` gives.

#[path = "common/cli.rs"]
mod cli;

use std::collections::BTreeSet;

use cli::{output, provisio, stdout_of};

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";

/// Undoes the page's escaping of text.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The page's text with its tags taken out, for comparing with `eval`.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// Each value of an attribute, in order: `attribute="..."`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn writes_one_self_contained_page() {
    let html = stdout_of(&["report", POLICY, "--facts", DURING]);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    );
    assert!(html.ends_with("</body>\n</html>\n"));
    // Nothing is fetched: no style sheet, script, image or font from elsewhere.
    for fetch in [
        "<link",
        " src=",
        "@import",
        "url(http",
        "@font-face",
        "<iframe",
        "<img",
    ] {
        assert!(!html.contains(fetch), "the page fetches with {fetch}");
    }
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("<script>").count(), 1);
    // Every link leads to a place on the page, and that place exists.
    let ids: Vec<&str> = attributes(&html, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    for href in attributes(&html, "href") {
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("a link out of the page: {href}"));
        assert!(unique.contains(target), "no element has the id `{target}`");
    }
    for label in attributes(&html, "aria-labelledby") {
        assert!(unique.contains(label), "no element has the id `{label}`");
    }
}

#[test]
fn is_semantic_keyboard_navigable_printable_and_fits_a_phone() {
    let html = stdout_of(&["report", POLICY, "--facts", DURING]);
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    for landmark in [
        "<header>",
        "<nav aria-label=\"Contents\">",
        "<main id=\"main\">",
    ] {
        assert_eq!(html.matches(landmark).count(), 1, "{landmark}");
    }
    // The skip link comes first and leads to the verdicts, which come first.
    let body = &html[html.find("<body>").expect("a body")..];
    assert!(body.starts_with("<body>\n<a class=\"skip\" href=\"#verdicts\">"));
    let main = &html[html.find("<main").expect("main")..];
    assert!(main.starts_with("<main id=\"main\">\n<section id=\"verdicts\""));
    // Headings in order: one h1, and none deeper than one below the last.
    let mut last = 0;
    let mut h1 = 0;
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "an h{level} after an h{last}");
        h1 += usize::from(level == 1);
        last = level;
    }
    assert_eq!(h1, 1);
    // Every table heads its columns and rows.
    let tables = html.matches("<table").count();
    assert_eq!(tables, 2, "the readings and the facts");
    assert_eq!(
        html.matches("<th ").count(),
        html.matches("<th scope=").count()
    );
    // A visible focus, print rules and a narrow layout.
    let style = &html[html.find("<style>").expect("style")..html.find("</style>").expect("end")];
    assert!(style.contains(
        "a:focus-visible, summary:focus-visible, button:focus-visible {\n  outline: 3px solid"
    ));
    assert!(style.contains("@media print {"));
    let print = &style[style.find("@media print {").expect("print")..];
    assert!(print.contains("nav, .skip, .controls { display: none; }"));
    assert!(print.contains("details::details-content { content-visibility: visible; }"));
    assert!(style.contains("@media (max-width: 40rem) {"));
    assert!(style.contains(".timeline svg { display: block; max-width: 100%; height: auto;"));
    // Printing opens every explanation where the script runs too.
    assert!(html.contains("window.addEventListener(\"beforeprint\""));
}

#[test]
fn the_same_bytes_on_every_run_on_stdout_and_in_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("report.html");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let args = ["report", POLICY, "--facts", DURING, "--all-readings"];
    let first = stdout_of(&args);
    let second = stdout_of(&args);
    assert_eq!(first, second);
    let (status, out, err) = output(&[&args[..], &["-o", file_arg]].concat());
    assert_eq!((status, out.as_str(), err.as_str()), (0, "", ""));
    let written = std::fs::read_to_string(&file).expect("the report was written");
    assert_eq!(written, first);
}

#[test]
fn says_of_each_verdict_what_eval_says() {
    for at in ["2026-03-15", "2026-03-28", "2024-01-10"] {
        let html = stdout_of(&["report", POLICY, "--facts", DURING, "--at", at]);
        let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
            "eval", POLICY, "--facts", DURING, "--at", at, "--format", "json",
        ]))
        .expect("eval's JSON");
        let verdicts = json["verdicts"].as_object().expect("verdicts");
        let page = text_of(&html);
        for (name, verdict) in verdicts {
            let sentence = verdict["sentence"].as_str().expect("a sentence");
            assert!(
                page.contains(sentence),
                "{at}: `{name}`'s sentence: {sentence}"
            );
            let status = verdict["status"].as_str().expect("a status");
            let article = &html[html
                .find(&format!(
                    "<article class=\"verdict {status}\" id=\"verdict-{name}\""
                ))
                .unwrap_or_else(|| panic!("{at}: `{name}` as {status}"))..];
            let words = status.replace('_', " ");
            assert!(article.contains(&format!("<dt>Status</dt><dd>{words}</dd>")));
        }
        // Each line of each explanation, as `eval` prints it, is in the tree.
        let text = stdout_of(&["eval", POLICY, "--facts", DURING, "--at", at]);
        for line in text.lines().map(str::trim).filter(|l| l.starts_with("- ")) {
            let sentence = line.trim_start_matches("- ");
            let sentence = sentence.split(" [").next().unwrap_or(sentence);
            assert!(
                page.contains(sentence),
                "{at}: the explanation's line {sentence}"
            );
        }
    }
}

#[test]
fn links_each_cited_phrase_to_its_rule_and_the_verdicts_that_used_it() {
    let html = stdout_of(&["report", POLICY, "--facts", DURING, "--at", "2026-03-15"]);
    // para5.in_force, definition 2, cites "will expire on that date", inside
    // the phrase para5.work_programme_active cites.
    assert!(html.contains(
        "<span class=\"anchor\" id=\"phrase-d2\"></span><a class=\"phrase nested\" href=\"#rule-d2\">will expire on that date</a>"
    ));
    assert!(html.contains(
        "<li id=\"rule-d2\"><code>para5.in_force</code>: the moratorium holds. Cites “<a href=\"#phrase-d2\">will expire on that date</a>”. Value on the date: <b class=\"rule-value\">true</b>. Used by <a href=\"#verdict-moratorium_in_force\"><code>moratorium_in_force</code></a>, <a href=\"#verdict-work_programme_active\"><code>work_programme_active</code></a>, <a href=\"#verdict-measure_status\"><code>measure_status</code></a>, <a href=\"#verdict-general_council_reviews_required\"><code>general_council_reviews_required</code></a>.</li>"
    ));
    // A commitment no verdict uses is said to be unused.
    assert!(html.contains("<code>para1.reinvigorate_work</code>: Members continuing to re-invigorate the work under the Work Programme on Electronic Commerce. Cites “<a href=\"#phrase-o0\">We agree to continue to re-invigorate the work under the Work Programme on Electronic Commerce</a>”. Not used by any verdict on the date.</li>"));
    // The explanation links back to the phrase.
    assert!(html.contains(
        "<span class=\"cite\">[<a href=\"#provision-para5\">para5</a>: “<a href=\"#phrase-d2\">will expire on that date</a>”]</span>"
    ));
}

#[test]
fn marks_the_facts_that_decided() {
    let html = stdout_of(&["report", POLICY, "--facts", DURING]);
    let row = |path: &str| -> &str {
        let at = html
            .find(&format!("<th scope=\"row\"><code>{path}</code></th>"))
            .unwrap_or_else(|| panic!("a row for {path}"));
        let start = html[..at].rfind("<tr").expect("the row starts");
        let end = at + html[at..].find("</tr>").expect("the row ends");
        &html[start..end]
    };
    assert!(row("mc14.opening").starts_with("<tr class=\"decided\">"));
    assert!(row("mc14.opening").contains("<td>26 March 2026</td>"));
    // Under the opening-day reading, the closing day decides nothing.
    assert_eq!(
        row("mc14.closing"),
        "<tr><th scope=\"row\"><code>mc14.closing</code></th><td>the day it closes</td><td>30 March 2026</td><td>not used</td>"
    );
    // It decides under the closing-day reading.
    let closing = stdout_of(&[
        "report",
        POLICY,
        "--facts",
        DURING,
        "--reading",
        "mc14_reference=closing",
    ]);
    assert!(
        closing.contains("<tr class=\"decided\"><th scope=\"row\"><code>mc14.closing</code></th>")
    );
    assert!(closing.contains(
        "<td><code>closing</code></td><td>the day the Session closes</td><td>chosen</td>"
    ));
}

#[test]
fn every_reading_adds_the_table_of_outcomes() {
    let html = stdout_of(&[
        "report",
        POLICY,
        "--facts",
        DURING,
        "--at",
        "2026-03-27",
        "--all-readings",
    ]);
    assert!(html.contains("<li><a href=\"#readings\">Every reading</a></li>"));
    assert!(html.contains("<caption><a href=\"#verdict-expiry_date\"><code>expiry_date</code></a></caption>\n<thead><tr><th scope=\"col\"><code>mc14_reference</code></th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\"><code>opening</code></th><td class=\"determined\">26 March 2026</td></tr>\n<tr><th scope=\"row\"><code>closing</code></th><td class=\"determined\">30 March 2026</td></tr>"));
    // The same outcomes as `eval --all-readings`.
    let text = stdout_of(&[
        "eval",
        POLICY,
        "--facts",
        DURING,
        "--at",
        "2026-03-27",
        "--all-readings",
    ]);
    assert!(text.contains("  expiry_date\n    mc14_reference  value\n    opening         26 March 2026\n    closing         30 March 2026\n"));
}

#[test]
fn the_timeline_runs_the_days_asked_or_is_left_out() {
    let html = stdout_of(&["report", POLICY, "--facts", DURING, "--timeline-days", "5"]);
    assert!(html.contains("<p>Each verdict from 23 March 2026 to 2 April 2026, under the same facts and readings; the report's date is 28 March 2026.</p>"));
    assert!(html.contains("<svg role=\"img\" aria-labelledby=\"timeline-heading\""));
    let none = stdout_of(&["report", POLICY, "--facts", DURING, "--timeline-days", "0"]);
    assert!(!none.contains("<svg"));
    assert!(!none.contains("href=\"#timeline\""));
    let (status, out, err) = output(&["report", POLICY, "--timeline-days", "5000"]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert!(err.contains("5000 is not in 0..=3660"), "{err}");
}

#[test]
fn a_verdict_that_errors_is_marked_and_the_status_is_eval_s() {
    let args = |command: &'static str| {
        vec![
            command,
            "tests/fixtures/verdict_errors/levies.policy",
            "--facts",
            "tests/fixtures/verdict_errors/conflict.json",
        ]
    };
    let (status, html, err) = output(&args("report"));
    let (eval_status, _, eval_err) = output(&args("eval"));
    assert_eq!((status, eval_status), (3, 3));
    assert_eq!(err, eval_err, "the same diagnostics as eval");
    assert!(err.contains("provisio::conflict"));
    assert!(html.contains("<dt>Value</dt><dd><span class=\"value error\">error (provisio::conflict)</span></dd><dt>Status</dt><dd>error</dd>"));
}

#[test]
fn bad_input_is_a_diagnostic() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["report", POLICY, "--facts", "rules/wto/facts/nowhere.json"],
            "provisio::facts::read",
            "cannot read facts file `rules/wto/facts/nowhere.json`",
        ),
        (
            &["report", POLICY, "--facts", DURING, "--at", "2026-02-30"],
            "provisio::bad_argument",
            "there is no 30 February 2026",
        ),
        (
            &["report", POLICY, "--reading", "mc14_refrence=closing"],
            "provisio::unknown_reading",
            "help: did you mean `mc14_reference`?",
        ),
        (
            &["report", POLICY, "--reading", "mc14_reference=closin"],
            "provisio::unknown_alternative",
            "its alternatives are opening, closing",
        ),
        (
            &[
                "report",
                "tests/diagnostics/policies/cited_phrase_not_in_text.policy",
            ],
            "provisio::citation_not_in_text",
            "cited_phrase_not_in_text.policy:",
        ),
    ];
    for (args, code, words) in cases {
        let (status, out, err) = output(args);
        assert_eq!(status, 1, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}: nothing on stdout");
        assert!(err.contains(code), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        // As `eval` says it.
        let mut eval_args = args.to_vec();
        eval_args[0] = "eval";
        let (_, _, eval_err) = output(&eval_args);
        assert_eq!(err, eval_err, "{args:?}");
    }
}

#[test]
fn a_file_that_cannot_be_written_is_an_error() {
    let (status, out, err) = output(&[
        "report",
        POLICY,
        "-o",
        "tests/fixtures/no-such-folder/report.html",
    ]);
    assert_eq!((status, out.as_str()), (1, ""));
    assert!(
        err.starts_with("error: cannot write to tests/fixtures/no-such-folder/report.html:"),
        "{err}"
    );
    let mut full = provisio();
    full.args(["report", POLICY, "-o", "/dev/full"]);
    let done = full.output().expect("provisio runs");
    assert_eq!(done.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&done.stderr).contains("cannot write to /dev/full"));
}

#[test]
fn phrases_that_cross_or_repeat_each_keep_a_piece_and_a_link() {
    let html = stdout_of(&[
        "report",
        "tests/fixtures/report/crossing.policy",
        "--facts",
        "tests/fixtures/report/levied-in-may.json",
        "--at",
        "2025-03-01",
    ]);
    // "No levy on electronic transmissions" (d0) and "electronic
    // transmissions may be imposed before 1 July 2025" (d2) cross on
    // "electronic transmissions" (d1), which links to the shortest phrase;
    // d1 is said a second time, alone.
    assert!(html.contains(
        "<blockquote class=\"law\"><p><span class=\"anchor\" id=\"phrase-d0\"></span><a class=\"phrase\" href=\"#rule-d0\">No levy on </a><span class=\"anchor\" id=\"phrase-d1\"></span><span class=\"anchor\" id=\"phrase-d2\"></span><a class=\"phrase nested\" href=\"#rule-d1\">electronic transmissions</a><a class=\"phrase\" href=\"#rule-d2\"> may be imposed before 1 July 2025</a>, and none on <a class=\"phrase\" href=\"#rule-d1\">electronic transmissions</a> after it without notice.</p></blockquote>"
    ));
    assert!(html.contains(
        "<li id=\"rule-d2\"><code>art1.too_early</code>: the levy was imposed too early. Cites “<a href=\"#phrase-d2\">electronic transmissions may be imposed before 1 July 2025</a>”. Value on the date: <b class=\"rule-value\">true</b>. Used by <a href=\"#verdict-too_early\"><code>too_early</code></a>.</li>"
    ));
    // A provision without rules shows its text alone; without readings, the
    // page has no readings section.
    assert!(html.contains("<blockquote class=\"law\"><p>This act enters into force on 1 January 2025.</p></blockquote>\n</article>"));
    assert!(!html.contains("id=\"readings\""));
}
