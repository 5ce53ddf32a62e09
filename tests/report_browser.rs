//! `provisio report` in a real browser: headless Chromium opens the bundled
//! decision's report, and a probe added to a copy of the page reads what
//! the browser renders (`innerText`, which leaves out what is hidden, such
//! as a closed explanation), clicks the page's own buttons that open and
//! close every explanation, and measures the page at a phone's width. A
//! screenshot is taken and its size read from the PNG header; the one in
//! docs/reports.md is made by the same command (see [`screenshot`]). And
//! every report the tests make passes the Nu Html Checker (vnu.jar).
//!
//! Without Chromium (`chromium`, `chromium-browser`, `google-chrome`, or
//! the program named by PROVISIO_CHROMIUM) the browser tests say so and
//! pass, unless PROVISIO_REQUIRE_CHROMIUM=1; without Java or vnu.jar
//! (`tests/report/node_modules/vnu-jar/build/dist/vnu.jar`, installed by
//! `bash tests/report/install.sh`, or the file named by PROVISIO_VNU_JAR)
//! the validation does, unless PROVISIO_REQUIRE_VALIDATOR=1. CI sets both.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cli::stdout_of;

const POLICY: &str = "rules/wto/mc13-ecommerce.policy";
const DURING: &str = "rules/wto/facts/during-mc14.json";

/// The size of the window the screenshot is taken in, and so of the PNG.
const SCREEN: (u32, u32) = (1200, 1800);

/// Whether an environment variable is set to 1.
fn required(variable: &str) -> bool {
    std::env::var_os(variable).is_some_and(|v| v == "1")
}

/// The browser: PROVISIO_CHROMIUM, or the first of the usual names that runs.
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("PROVISIO_CHROMIUM").map(PathBuf::from);
    let candidates = named.into_iter().chain(
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .into_iter()
        .map(PathBuf::from),
    );
    for candidate in candidates {
        let runs = Command::new(&candidate)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|o| o.status.success());
        if runs {
            return Some(candidate);
        }
    }
    None
}

/// Chromium, or `None` after saying why the test is skipped (and failing
/// when PROVISIO_REQUIRE_CHROMIUM=1).
fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            !required("PROVISIO_REQUIRE_CHROMIUM"),
            "PROVISIO_REQUIRE_CHROMIUM=1 and there is no Chromium: install it (apt-get install chromium) or name it with PROVISIO_CHROMIUM"
        );
        eprintln!(
            "skipped: no Chromium (install it with `apt-get install chromium`, or name it with PROVISIO_CHROMIUM)"
        );
    }
    found
}

/// Runs a program to its end, killed if it hangs for two minutes: a
/// guard against a browser that never exits, not a measure of speed.
fn run(command: &mut Command) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    // Read the pipes on their own threads, so that a full pipe cannot stall it.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buffer).map(|_| buffer)
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buffer).map(|_| buffer)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the program is waited for") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{command:?} still runs after two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().expect("read").expect("stdout reads"),
        stderr: err.join().expect("read").expect("stderr reads"),
    }
}

/// Headless Chromium with its own profile in `profile`, at a window size.
fn headless(browser: &Path, profile: &Path, size: (u32, u32)) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        // Root in CI has no sandbox to run in.
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--force-device-scale-factor=1",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command.arg(format!("--window-size={},{}", size.0, size.1));
    command
}

/// The report of the bundled decision on the facts' own date, 28 March
/// 2026, written into a folder.
fn write_report(folder: &Path, name: &str, args: &[&str]) -> PathBuf {
    let html = stdout_of(&[&["report", POLICY][..], args].concat());
    let path = folder.join(name);
    std::fs::write(&path, html).expect("the report is written");
    path
}

/// What the probe reads in the browser.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Probe {
    /// The text of the verdicts' section as rendered, explanations closed.
    verdicts_closed: String,
    /// The same after the page's "Open every explanation" button.
    verdicts_open: String,
    /// The same after its "Close every explanation" button.
    verdicts_closed_again: String,
    /// The whole page's rendered text, explanations closed.
    page: String,
    /// The background of the first highlighted phrase.
    phrase_background: String,
    /// The first highlighted phrase's text.
    phrase_text: String,
    /// Whether the buttons, hidden without script, are shown.
    controls_shown: bool,
    /// The page's width and the window's.
    scroll_width: u32,
    inner_width: u32,
    /// The body's left padding: 12px in the narrow layout, 16px otherwise.
    body_padding: String,
    /// Whether the skip link, an explanation's summary and a phrase's
    /// link take the focus in turn, with Tab: 0 when they do.
    skip_tab_index: i32,
    summary_tab_index: i32,
    phrase_tab_index: i32,
    /// The first element Tab reaches: the skip link's text.
    first_focusable: String,
}

/// The script the probe adds at the end of a copy of the page: it reads
/// the rendering and leaves it, as JSON, in a `<pre id="probe">` for
/// `--dump-dom` to print.
const PROBE: &str = r#"<script>
(function () {
  var verdicts = document.getElementById("verdicts");
  var phrase = document.querySelector("a.phrase");
  var result = {
    verdictsClosed: verdicts.innerText,
    page: document.body.innerText,
    phraseBackground: getComputedStyle(phrase).backgroundColor,
    phraseText: phrase.textContent,
    controlsShown: !document.querySelector(".controls").hidden,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bodyPadding: getComputedStyle(document.body).paddingLeft
  };
  // A page without the window's focus (headless) matches no :focus rule,
  // so what is checked here is what takes the focus, and in which order.
  result.skipTabIndex = document.querySelector("a.skip").tabIndex;
  result.summaryTabIndex = document.querySelector("details.why > summary").tabIndex;
  result.phraseTabIndex = phrase.tabIndex;
  var focusable = document.querySelectorAll("a[href], summary, button");
  result.firstFocusable = focusable[0].textContent;
  document.querySelector(".controls button[data-open=true]").click();
  result.verdictsOpen = verdicts.innerText;
  document.querySelector(".controls button[data-open=false]").click();
  result.verdictsClosedAgain = verdicts.innerText;
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
</script>
</body>"#;

/// Opens a copy of the report with the probe at a window size and reads it.
fn probe(browser: &Path, folder: &Path, report: &Path, size: (u32, u32)) -> Probe {
    let html = std::fs::read_to_string(report).expect("the report reads");
    assert_eq!(html.matches("</body>").count(), 1);
    let probed = folder.join(format!("probe-{}.html", size.0));
    std::fs::write(&probed, html.replace("</body>", PROBE)).expect("the copy is written");
    let profile = tempfile::tempdir().expect("a profile folder");
    let done = run(headless(browser, profile.path(), size)
        .arg("--dump-dom")
        .arg(format!("file://{}", probed.display())));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let dom = String::from_utf8(done.stdout).expect("the DOM is UTF-8");
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + "<pre id=\"probe\">".len();
    let end = start + dom[start..].find("</pre>").expect("the probe's end");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("the probe's JSON")
}

/// The lines of a rendered text, trimmed, without the empty ones.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_browser_shows_the_verdicts_the_phrases_and_the_explanations_when_opened() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let report = write_report(folder.path(), "report.html", &["--facts", DURING]);
    let seen = probe(&browser, folder.path(), &report, (1280, 1000));

    // The verdicts, each with its value and sentence, as `eval` gives them.
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "eval", POLICY, "--facts", DURING, "--format", "json",
    ]))
    .expect("eval's JSON");
    for (name, verdict) in json["verdicts"].as_object().expect("verdicts") {
        let sentence = verdict["sentence"].as_str().expect("a sentence");
        assert!(
            seen.verdicts_closed.contains(sentence),
            "{name}: {sentence}"
        );
        assert!(seen.verdicts_closed.contains(name.as_str()), "{name}");
    }
    // A highlighted phrase of the law, drawn highlighted.
    assert_eq!(
        seen.phrase_text,
        "We agree to continue to re-invigorate the work under the Work Programme on Electronic Commerce"
    );
    assert_eq!(seen.phrase_background, "rgb(255, 241, 168)");
    assert!(
        seen.page
            .contains("until the 14th Session of the Ministerial Conference")
    );
    // The explanations: closed, only their summary shows; opened with the
    // page's button, every line of them, as `eval` prints them.
    let explanation = "The moratorium holds: false, 28 March 2026 is not before the day the moratorium and the Work Programme expire (26 March 2026).";
    assert!(seen.verdicts_closed.contains("Why (3 rules)"));
    assert!(!seen.verdicts_closed.contains(explanation));
    assert!(seen.controls_shown);
    let text = stdout_of(&["eval", POLICY, "--facts", DURING]);
    for line in text.lines().map(str::trim).filter(|l| l.starts_with("- ")) {
        let sentence = line.trim_start_matches("- ");
        let sentence = sentence.split(" [").next().unwrap_or(sentence);
        assert!(seen.verdicts_open.contains(sentence), "opened: {sentence}");
        assert!(
            !seen.verdicts_closed.contains(sentence),
            "closed: {sentence}"
        );
    }
    assert_eq!(seen.verdicts_closed_again, seen.verdicts_closed);
    // The expected set of visible texts: the verdicts' section as rendered,
    // closed and open, line by line.
    insta::assert_snapshot!("verdicts_closed", lines(&seen.verdicts_closed).join("\n"));
    insta::assert_snapshot!("verdicts_open", lines(&seen.verdicts_open).join("\n"));
    // Every section's heading is on the page, in order.
    let page = lines(&seen.page);
    let headings = ["Verdicts", "Readings", "Facts", "Timeline", "The text"];
    let at: Vec<usize> = headings
        .iter()
        .map(|h| {
            page.iter()
                .rposition(|l| l == h)
                .unwrap_or_else(|| panic!("the heading {h}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // On a wide screen, the wide layout.
    assert_eq!(seen.body_padding, "16px");
    // For the keyboard: the skip link comes first, and the explanations'
    // summaries and the phrases take the focus in turn (their outline on
    // focus is the style sheet's, checked in tests/report_cli.rs).
    assert_eq!(seen.first_focusable, "Skip to the verdicts");
    assert_eq!(
        (
            seen.skip_tab_index,
            seen.summary_tab_index,
            seen.phrase_tab_index
        ),
        (0, 0, 0)
    );
}

#[test]
fn the_page_fits_a_phone() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let report = write_report(
        folder.path(),
        "report.html",
        &["--facts", DURING, "--all-readings", "--explain", "full"],
    );
    // Headless Chromium keeps its window at least 500 pixels wide.
    let seen = probe(&browser, folder.path(), &report, (390, 844));
    assert!(seen.inner_width <= 500, "{}", seen.inner_width);
    assert_eq!(seen.body_padding, "12px", "the narrow layout applies");
    assert!(
        seen.scroll_width <= seen.inner_width,
        "the page is {} pixels wide in a window of {}",
        seen.scroll_width,
        seen.inner_width
    );
}

/// The width and height a PNG file's header gives.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(20))
}

/// The screenshot of docs/reports.md is this one, copied there with
/// `PROVISIO_UPDATE_SCREENSHOT=1 cargo test --test report_browser screenshot`:
/// the report on the facts' date, with the first verdict's explanation
/// opened, as a click on it opens it.
#[test]
fn screenshot() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let report = write_report(folder.path(), "report.html", &["--facts", DURING]);
    let html = std::fs::read_to_string(&report).expect("the report reads");
    assert!(html.contains("<details class=\"why\">"));
    let opened = html.replacen("<details class=\"why\">", "<details class=\"why\" open>", 1);
    std::fs::write(&report, opened).expect("the report is written");
    let png = folder.path().join("report.png");
    let profile = tempfile::tempdir().expect("a profile folder");
    let done = run(headless(&browser, profile.path(), SCREEN)
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", report.display())));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let bytes = std::fs::read(&png).expect("the screenshot was saved");
    assert_eq!(png_size(&bytes), SCREEN);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
    if required("PROVISIO_UPDATE_SCREENSHOT") {
        std::fs::write(&docs, &bytes).expect("docs/report.png is written");
    }
    let shown = std::fs::read(&docs).expect("docs/report.png");
    assert_eq!(
        png_size(&shown),
        SCREEN,
        "docs/report.png is this test's screenshot"
    );
}

/// Java and the Nu Html Checker's jar, or `None` after saying why the test
/// is skipped (and failing when PROVISIO_REQUIRE_VALIDATOR=1).
fn validator_or_skip() -> Option<PathBuf> {
    let jar = std::env::var_os("PROVISIO_VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/report/node_modules/vnu-jar/build/dist/vnu.jar")
        });
    let java = Command::new("java")
        .arg("-version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if java && jar.is_file() {
        return Some(jar);
    }
    assert!(
        !required("PROVISIO_REQUIRE_VALIDATOR"),
        "PROVISIO_REQUIRE_VALIDATOR=1 and there is no {}: run `bash tests/report/install.sh`",
        if java { "vnu.jar" } else { "java" }
    );
    eprintln!(
        "skipped: no {} (run `bash tests/report/install.sh` to install the Nu Html Checker)",
        if java { "vnu.jar" } else { "java" }
    );
    None
}

#[test]
fn every_report_passes_the_nu_html_checker() {
    let Some(jar) = validator_or_skip() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let cases: [(&str, &[&str]); 14] = [
        (
            "in-force",
            &[POLICY, "--facts", DURING, "--at", "2026-03-15"],
        ),
        ("not-in-force", &[POLICY, "--facts", DURING]),
        (
            "before-adoption",
            &[POLICY, "--facts", DURING, "--at", "2024-01-10"],
        ),
        ("undetermined", &[POLICY, "--at", "2026-03-15"]),
        (
            "every-reading",
            &[
                POLICY,
                "--facts",
                DURING,
                "--all-readings",
                "--explain",
                "full",
            ],
        ),
        (
            "per-element",
            &[
                "tests/fixtures/per_member/allowance.policy",
                "--facts",
                "tests/fixtures/per_member/facts/three.json",
            ],
        ),
        (
            "errors",
            &[
                "tests/fixtures/verdict_errors/levies.policy",
                "--facts",
                "tests/fixtures/verdict_errors/conflict.json",
            ],
        ),
        (
            "chain",
            &[
                "rules/wto/chain/moratorium-chain.policy",
                "--facts",
                "rules/wto/chain/facts/yaounde-and-before.yaml",
                "--at",
                "2020-06-01",
            ],
        ),
        (
            "amended",
            &[
                "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy",
                "--facts",
                "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
            ],
        ),
        (
            "income-tax",
            &[
                "rules/us-income-tax/income-tax-and-child-credit.policy",
                "--facts",
                "rules/us-income-tax/facts/family-2018.json",
                "--all-readings",
            ],
        ),
        // The words of the every-reading table and of the instrument's text
        // in French and Spanish, and a used policy's and an amendment's.
        (
            "every-reading-fr",
            &[POLICY, "--facts", DURING, "--all-readings", "--lang", "fr"],
        ),
        (
            "every-reading-es",
            &[POLICY, "--facts", DURING, "--all-readings", "--lang", "es"],
        ),
        (
            "chain-fr",
            &[
                "rules/wto/chain/moratorium-chain.policy",
                "--facts",
                "rules/wto/chain/facts/yaounde-and-before.yaml",
                "--at",
                "2020-06-01",
                "--lang",
                "fr",
            ],
        ),
        (
            "amended-es",
            &[
                "rules/us-corporate-tax/amended-2027/corporate-rates-amended-2027.policy",
                "--facts",
                "rules/us-corporate-tax/reforms/facts/calendar-2027-1000000.json",
                "--lang",
                "es",
            ],
        ),
    ];
    let mut files = Vec::new();
    for (name, args) in cases {
        // Errored verdicts still make a page, with status 3.
        let (status, html, err) = cli::output(&[&["report"][..], args].concat());
        assert!(
            status == 0 || (status == 3 && name == "errors"),
            "{name}: {err}"
        );
        let path = folder.path().join(format!("{name}.html"));
        std::fs::write(&path, html).expect("the report is written");
        files.push(path);
    }
    let done = run(Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&files));
    // The checker's JSON, on stderr: `{"messages": [...]}`, each error a message.
    let said: serde_json::Value = serde_json::from_slice(&done.stderr).unwrap_or_else(|_| {
        panic!(
            "the Nu Html Checker's JSON: {}{}",
            String::from_utf8_lossy(&done.stdout),
            String::from_utf8_lossy(&done.stderr)
        )
    });
    let messages = said["messages"].as_array().expect("the checker's messages");
    assert!(
        done.status.success() && messages.is_empty(),
        "the Nu Html Checker:\n{}",
        serde_json::to_string_pretty(&said).unwrap_or_default()
    );
}

/// `pdftotext` (poppler-utils), to read a printed page back; `None` after
/// saying why the test is skipped (and failing when
/// PROVISIO_REQUIRE_CHROMIUM=1, which asks for the browser's tools too).
fn pdftotext_or_skip() -> bool {
    let found = Command::new("pdftotext")
        .arg("-v")
        .stdin(Stdio::null())
        .output()
        .is_ok();
    if !found {
        assert!(
            !required("PROVISIO_REQUIRE_CHROMIUM"),
            "PROVISIO_REQUIRE_CHROMIUM=1 and there is no pdftotext: install it (apt-get install poppler-utils)"
        );
        eprintln!("skipped: no pdftotext (install it with `apt-get install poppler-utils`)");
    }
    found
}

#[test]
fn printing_opens_every_explanation_and_leaves_out_the_navigation() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    if !pdftotext_or_skip() {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let report = write_report(folder.path(), "report.html", &["--facts", DURING]);
    // With its script and without it: the print style sheet alone opens them.
    let html = std::fs::read_to_string(&report).expect("the report reads");
    let start = html.find("<script>").expect("the script");
    let end = html.find("</script>").expect("its end") + "</script>".len();
    let bare = folder.path().join("without-script.html");
    std::fs::write(&bare, format!("{}{}", &html[..start], &html[end..])).expect("written");
    let text = stdout_of(&["eval", POLICY, "--facts", DURING]);
    for page in [report, bare] {
        let pdf = page.with_extension("pdf");
        let profile = tempfile::tempdir().expect("a profile folder");
        let done = run(headless(&browser, profile.path(), SCREEN)
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display())));
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        let read = run(Command::new("pdftotext").arg(&pdf).arg("-"));
        assert!(read.status.success());
        // Lines wrap where the paper ends: compare the words alone.
        let printed = String::from_utf8(read.stdout)
            .expect("UTF-8")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(printed.starts_with("Work Programme on Electronic Commerce: Ministerial Decision Document WT/MIN(24)/38, adopted 2 March 2024 Evaluated as of 28 March 2026, the date the facts give. Verdicts moratorium_in_force"), "{printed}");
        for line in text.lines().map(str::trim).filter(|l| l.starts_with("- ")) {
            let sentence = line.trim_start_matches("- ");
            let sentence = sentence.split(" [").next().unwrap_or(sentence);
            let words = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(printed.contains(&words), "{}: {words}", page.display());
        }
        for chrome in [
            "Skip to the verdicts",
            "Open every explanation",
            "Readings Facts Timeline The text",
        ] {
            assert!(!printed.contains(chrome), "{}: {chrome}", page.display());
        }
    }
}
