//! The example policies under `rules/`: each checks without a warning,
//! quotes its legal text verbatim from the source text filed beside it,
//! passes its scenarios, and explains its example facts as the snapshots
//! show (docs/tour.md tours them, and tests/readme.rs runs its commands).

use std::path::{Path, PathBuf};

use provisio::eval::{Readings, choose_as_of, evaluate};
use provisio::explain::Detail;
use provisio::facts::load_facts;
use provisio::render::{self, Options};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every policy under `rules/` with its scenarios.
fn policies() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let found = provisio::testing::discover(&root().join("rules"));
    assert!(
        found.len() >= 4,
        "expected at least four policies, found {found:?}"
    );
    found
}

/// The source texts beside a policy (`.txt`, or a source file in Markdown,
/// `.md`, copied unchanged), without their `#` header lines, with white
/// space folded as the checker folds a `text` clause.
fn source_text(policy: &Path) -> String {
    let folder = policy.parent().expect("a folder");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the policy's folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    texts.sort();
    assert!(
        !texts.is_empty(),
        "no source text beside {}",
        policy.display()
    );
    texts
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("source text"))
        .flat_map(|text| {
            text.lines()
                .filter(|line| !line.starts_with('#'))
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("[WT/L/274](#)", "WT/L/274")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_example_checks_without_warnings_and_quotes_its_text_verbatim() {
    for (policy, _) in policies() {
        let checked = provisio::check::load_policy(&policy)
            .unwrap_or_else(|e| panic!("{} does not check: {e:?}", policy.display()));
        assert!(
            checked.warnings.items.is_empty(),
            "{} has warnings: {:?}",
            policy.display(),
            checked.warnings.items
        );
        let source = source_text(&policy);
        // A used policy's provisions quote the source beside that policy,
        // which is an example of its own and checked as one.
        for provision in checked
            .model
            .provisions
            .iter()
            .filter(|p| p.instrument.is_none())
        {
            assert!(
                source.contains(&provision.text),
                "{}: the text of {} is not verbatim from the source:\n{}",
                policy.display(),
                provision.name,
                provision.text
            );
        }
    }
}

#[test]
fn every_example_passes_its_scenarios() {
    for (policy, scenarios) in policies() {
        assert!(
            scenarios.len() >= 8,
            "{} has only {} scenarios",
            policy.display(),
            scenarios.len()
        );
        let checked = provisio::check::load_policy(&policy).expect("checks");
        let run = provisio::testing::run_policy(&checked.model, &policy, &scenarios, &|d| {
            provisio::render::diagnostics::render(d, false)
        });
        assert_eq!(
            (run.passed(), run.failed()),
            (scenarios.len(), 0),
            "{}: {:#?}",
            policy.display(),
            run.results
        );
    }
}

#[test]
fn the_example_facts_are_explained_in_the_law_s_words() {
    let options = Options {
        detail: Detail::Decisive,
        color: false,
        lang: Default::default(),
    };
    insta::glob!("../rules", "**/facts/*.json", |path| {
        let folder = path
            .parent()
            .and_then(Path::parent)
            .expect("rules/NAME/facts/FILE");
        let policy = std::fs::read_dir(folder)
            .expect("the example's folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "policy"))
            .expect("a policy beside the facts folder");
        // Named from the repository's root, so that a diagnostic's file name
        // is the same on every machine.
        let name = policy
            .strip_prefix(root())
            .unwrap_or(&policy)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&policy).expect("the policy");
        let model = provisio::check::check_source(&provisio::span::SourceFile::new(name, text))
            .expect("checks")
            .model;
        let facts = load_facts(&model, path).expect("the facts load");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let (as_of, source) = choose_as_of(None, &facts, today);
        // An example may show a case the law leaves without an answer: its
        // snapshot is then the diagnostic.
        let shown = match evaluate(&model, &facts, as_of, source, &Readings::defaults(&model)) {
            Ok(evaluation) => render::text::render(&model, &evaluation, &options),
            Err(error) => render::diagnostics::render(&error.to_problem(&model), false),
        };
        insta::assert_snapshot!(shown);
    });
}
