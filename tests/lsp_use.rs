//! `provisio lsp` across `use`: a name of a used policy goes to its
//! declaration in that file, is hovered from it, has its references in
//! every open policy and in the used file, and is completed after the
//! `use` name and `.`; a policy is checked against the editor's unsaved
//! text of the file it uses, and checked again when that text changes,
//! is saved or closed. Only the documents an edit touches are published.

mod lsp_support;

use lsp_support::{Client, policy, position_of, range};
use serde_json::{Value, json};

/// A folder with the deadline policy and the review that uses it; their
/// URIs and texts.
struct Folder {
    dir: tempfile::TempDir,
    review_uri: String,
    review: String,
    deadline_uri: String,
    deadline: String,
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let deadline = policy("deadline.policy");
    let review = policy("review.policy");
    std::fs::write(dir.path().join("deadline.policy"), &deadline).expect("written");
    std::fs::write(dir.path().join("review.policy"), &review).expect("written");
    let canonical = dir.path().canonicalize().expect("a path");
    Folder {
        review_uri: format!("file://{}/review.policy", canonical.display()),
        deadline_uri: format!("file://{}/deadline.policy", canonical.display()),
        review,
        deadline,
        dir,
    }
}

fn opened() -> (Client, Folder) {
    let folder = folder();
    let (mut client, _) = Client::initialized();
    let published = client.open(&folder.review_uri, &folder.review);
    assert_eq!(published["diagnostics"], json!([]));
    (client, folder)
}

/// The location of the `nth` `needle` in `text` (moved `into` characters),
/// `length` long, in the document `uri`.
fn location(uri: &str, text: &str, needle: &str, nth: usize, into: usize, length: u32) -> Value {
    let at = position_of(text, needle, nth, into);
    json!({"uri": uri, "range": range(at, (at.0, at.1 + length))})
}

#[test]
fn definition_goes_to_the_declaration_in_the_used_file() {
    let (mut client, f) = opened();
    let (review, deadline) = (&f.review, &f.deadline);
    let d = f.deadline_uri.as_str();
    let cases = [
        // (a use in the review, where it is declared)
        (
            ("deadline.art2.examined", 14),
            location(d, deadline, "define examined", 0, 7, 8),
        ),
        (
            ("deadline.art2.examined", 10),
            location(d, deadline, "provision art2", 0, 10, 4),
        ),
        (
            ("deadline.claim.amount", 10),
            location(d, deadline, "fact claim", 0, 5, 5),
        ),
        (
            ("deadline.claim.amount", 16),
            location(d, deadline, "amount \"", 0, 0, 6),
        ),
        (
            ("reading deadline.window", 17),
            location(d, deadline, "reading window", 0, 8, 6),
        ),
        (
            ("is calendar", 4),
            location(d, deadline, "calendar (default)", 0, 0, 8),
        ),
        (
            ("deadline.on_time", 10),
            location(d, deadline, "verdict on_time", 0, 8, 7),
        ),
        // The `use` name itself: its `use` item here.
        (
            ("deadline.on_time", 2),
            location(&f.review_uri, review, "as deadline", 0, 3, 8),
        ),
    ];
    for ((needle, into), expected) in cases {
        let at = position_of(review, needle, 0, into);
        let found = client.at("textDocument/definition", &f.review_uri, at.0, at.1);
        assert_eq!(found, expected, "{needle} +{into}");
    }
    client.shutdown();
}

#[test]
fn hover_on_a_name_of_the_used_policy_describes_it_from_that_file() {
    let (mut client, f) = opened();
    let at = position_of(&f.review, "deadline.art2.examined", 0, 15);
    let hover = client.at("textDocument/hover", &f.review_uri, at.0, at.1);
    let start = position_of(&f.review, "deadline.art2.examined", 0, 14);
    assert_eq!(hover["range"], range(start, (start.0, start.1 + 8)));
    let folder = f.dir.path().canonicalize().expect("a path");
    let text = hover["contents"]["value"]
        .as_str()
        .expect("Markdown")
        .replace(&folder.display().to_string(), "FOLDER");
    insta::assert_snapshot!(text, @r#"
    ```provisio
    define deadline.art2.examined: boolean
    ```

    the claim is examined

    In provision `art2` (Amount)

    Cites: “is examined”

    > A claim over 1000 is examined, unless it is filed late.

    Declared in `FOLDER/deadline.policy`
    "#);
    // The `use` name: the file and its instrument.
    let at = position_of(&f.review, "deadline.on_time", 0, 1);
    let hover = client.at("textDocument/hover", &f.review_uri, at.0, at.1);
    let text = hover["contents"]["value"]
        .as_str()
        .expect("Markdown")
        .replace(&folder.display().to_string(), "FOLDER");
    insta::assert_snapshot!(text, @r#"
    ```provisio
    use "deadline.policy" as deadline
    ```

    Uses “A filing rule”

    `FOLDER/deadline.policy`
    "#);
    client.shutdown();
}

#[test]
fn references_are_found_in_the_open_policies_and_the_used_file() {
    let (mut client, f) = opened();
    let params = |uri: &str, at: (u32, u32)| {
        json!({
            "textDocument": {"uri": uri},
            "position": {"line": at.0, "character": at.1},
            "context": {"includeDeclaration": true},
        })
    };
    // From the review, the used file closed: its uses are read from disk.
    let at = position_of(&f.review, "deadline.art2.examined", 0, 15);
    let expected = json!([
        location(&f.review_uri, &f.review, "deadline.art2.examined", 0, 14, 8),
        location(&f.deadline_uri, &f.deadline, "define examined", 0, 7, 8),
        location(&f.deadline_uri, &f.deadline, "art2.examined", 0, 5, 8),
    ]);
    let found = client.request("textDocument/references", params(&f.review_uri, at));
    assert_eq!(found, expected);
    // From the used file, open: the uses in the review, open too.
    client.open(&f.deadline_uri, &f.deadline);
    let at = position_of(&f.deadline, "define examined", 0, 8);
    let found = client.request("textDocument/references", params(&f.deadline_uri, at));
    let expected = json!([
        location(&f.deadline_uri, &f.deadline, "define examined", 0, 7, 8),
        location(&f.deadline_uri, &f.deadline, "art2.examined", 0, 5, 8),
        location(&f.review_uri, &f.review, "deadline.art2.examined", 0, 14, 8),
    ]);
    assert_eq!(found, expected);
    client.shutdown();
}

#[test]
fn completion_after_the_use_name_gives_the_used_policy_s_names() {
    let folder = folder();
    let (mut client, _) = Client::initialized();
    let text = folder
        .review
        .replace("deadline.art2.examined and", "deadline.art2.ex and");
    client.open(&folder.review_uri, &text);
    let labels = |client: &mut Client, needle: &str| -> Vec<String> {
        let at = position_of(&text, needle, 0, needle.chars().count());
        let items = client.at("textDocument/completion", &folder.review_uri, at.0, at.1);
        items
            .as_array()
            .expect("completions")
            .iter()
            .map(|i| i["label"].as_str().expect("a label").to_string())
            .collect()
    };
    assert_eq!(
        labels(&mut client, "deadline.art2.ex"),
        ["large", "examined"]
    );
    assert_eq!(
        labels(&mut client, "verdict filed_on_time = deadline."),
        [
            "filed", "claim", "window", "art1", "art2", "on_time", "examined"
        ]
    );
    assert_eq!(labels(&mut client, "deadline.claim."), ["amount", "kind"]);
    // Elsewhere, the `use` name is in scope; the used names are not, bare.
    let found = labels(&mut client, "verdict reviewed = ");
    assert!(found.iter().any(|l| l == "deadline"), "{found:?}");
    assert!(!found.iter().any(|l| l == "art2"), "{found:?}");
    client.shutdown();
}

#[test]
fn a_policy_is_checked_against_the_unsaved_text_of_the_file_it_uses() {
    let (mut client, f) = opened();
    // Opening the used file checks the review again, against its text.
    client.open(&f.deadline_uri, &f.deadline);
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(f.review_uri));
    assert_eq!(published["diagnostics"], json!([]));
    // The used file renamed in the editor, not saved: the review is checked
    // again against that text, and only the two are published.
    let renamed = f
        .deadline
        .replace("define examined", "define checked")
        .replace("= art2.examined", "= art2.checked");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": f.deadline_uri, "version": 2}, "contentChanges": [{"text": renamed}]}),
    );
    let (published, _) = client.collect(
        "textDocument/hover",
        json!({"textDocument": {"uri": f.review_uri}, "position": {"line": 0, "character": 0}}),
    );
    let uris: Vec<&Value> = published.iter().map(|p| &p["params"]["uri"]).collect();
    assert_eq!(uris, [&json!(f.deadline_uri), &json!(f.review_uri)]);
    assert_eq!(published[0]["params"]["diagnostics"], json!([]));
    let review = &published[1]["params"];
    assert_eq!(review["version"], 1);
    let start = position_of(&f.review, "deadline.art2.examined", 0, 14);
    assert_eq!(
        review["diagnostics"],
        json!([{
            "range": range(start, (start.0, start.1 + 8)),
            "severity": 1,
            "code": "provisio::undefined_name",
            "source": "provisio",
            "message": "`deadline.art2` has no rule `examined`: not a rule of this provision\nhelp: the rules of `deadline.art2` are checked, large",
        }])
    );
    // Saved: checked again, the same.
    std::fs::write(f.dir.path().join("deadline.policy"), &renamed).expect("written");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": f.deadline_uri}}),
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(f.review_uri));
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::undefined_name"
    );
    // The review follows the rename; the used file closed: checked against
    // the file on disk, it checks.
    let followed = f
        .review
        .replace("deadline.art2.examined", "deadline.art2.checked");
    assert_eq!(
        client.change(&f.review_uri, 2, &followed)["diagnostics"],
        json!([])
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": f.deadline_uri}}),
    );
    assert_eq!(client.diagnostics()["uri"], json!(f.deadline_uri));
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(f.review_uri));
    assert_eq!(published["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn an_edit_publishes_only_the_documents_it_touches() {
    let (mut client, f) = opened();
    let other_uri = format!("file://{}/other.policy", f.dir.path().display());
    client.open(&other_uri, &policy("deadline.policy"));
    client.open(&f.deadline_uri, &f.deadline);
    assert_eq!(client.diagnostics()["uri"], json!(f.review_uri));
    // The review edited: nothing uses it; only it is published.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": f.review_uri, "version": 2}, "contentChanges": [{"text": f.review}]}),
    );
    let (published, _) = client.collect(
        "textDocument/hover",
        json!({"textDocument": {"uri": f.review_uri}, "position": {"line": 0, "character": 0}}),
    );
    let uris: Vec<&Value> = published.iter().map(|p| &p["params"]["uri"]).collect();
    assert_eq!(uris, [&json!(f.review_uri)]);
    client.shutdown();
}

#[test]
fn a_name_of_the_used_policy_is_renamed_where_it_is_declared() {
    let (mut client, f) = opened();
    let at = position_of(&f.review, "deadline.art2.examined", 0, 15);
    let response = client.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": f.review_uri}, "position": {"line": at.0, "character": at.1}, "newName": "checked"}),
    );
    let folder = f.dir.path().canonicalize().expect("a path");
    assert_eq!(
        response["error"],
        json!({"code": -32602, "message": format!("`deadline.art2.examined` is declared in `{}/deadline.policy`: rename it there", folder.display())})
    );
    client.shutdown();
}

#[test]
fn a_used_file_that_is_missing_is_a_diagnostic_and_its_name_answers_without_failing() {
    let (mut client, f) = opened();
    let text = f
        .review
        .replace("\"deadline.policy\"", "\"missing.policy\"");
    let published = client.change(&f.review_uri, 2, &text);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes[0], &json!("provisio::use_not_found"));
    let start = position_of(&text, "\"missing.policy\"", 0, 0);
    assert_eq!(
        published["diagnostics"][0]["range"],
        range(start, (start.0, start.1 + 16))
    );
    // The names under it resolve to nothing; the `use` name to its item.
    let at = position_of(&text, "deadline.art2.examined", 0, 15);
    assert_eq!(
        client.at("textDocument/definition", &f.review_uri, at.0, at.1),
        json!(null)
    );
    let at = position_of(&text, "deadline.art2.examined", 0, 2);
    let hover = client.at("textDocument/hover", &f.review_uri, at.0, at.1);
    let value = hover["contents"]["value"].as_str().expect("Markdown");
    assert!(
        value.ends_with("/missing.policy` cannot be read"),
        "{value}"
    );
    client.shutdown();
}

#[test]
fn a_cycle_of_use_is_a_diagnostic_and_navigation_stops_at_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let a = "instrument \"A\" adopted 2025-01-01\n\nuse \"b.policy\" as b\n\nfact day \"a day\": date\n\nverdict later = b.later\n  says \"It {is|is not|may or may not be} later.\"\n";
    let b = "instrument \"B\" adopted 2025-01-01\n\nuse \"a.policy\" as a\n\nprovision p \"P\"\n  text \"It is later.\"\n  define later \"it is later\" = a.day after 2025-01-01\n    cites \"is later\"\n\nverdict later = p.later\n  says \"It {is|is not|may or may not be} later.\"\n";
    std::fs::write(dir.path().join("a.policy"), a).expect("written");
    std::fs::write(dir.path().join("b.policy"), b).expect("written");
    let folder = dir.path().canonicalize().expect("a path");
    let a_uri = format!("file://{}/a.policy", folder.display());
    let b_uri = format!("file://{}/b.policy", folder.display());
    let (mut client, _) = Client::initialized();
    let published = client.open(&a_uri, a);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert!(codes.contains(&&json!("provisio::broken_use")), "{codes:?}");
    // b is read; a, which b uses, is the document itself: the circle stops.
    let at = position_of(a, "b.later", 0, 3);
    assert_eq!(
        client.at("textDocument/definition", &a_uri, at.0, at.1),
        location(&b_uri, b, "verdict later", 0, 8, 5)
    );
    // Open b too: its `use` of a closes the circle there.
    let published = client.open(&b_uri, b);
    assert_eq!(published["uri"], json!(b_uri));
    let cycle = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .any(|d| d["code"] == "provisio::cycle" || d["code"] == "provisio::broken_use");
    assert!(cycle, "{published}");
    client.shutdown();
}

#[test]
fn a_used_file_that_does_not_parse_is_a_diagnostic_and_its_names_resolve_to_nothing() {
    let (mut client, f) = opened();
    std::fs::write(
        f.dir.path().join("deadline.policy"),
        "instrument \"x\" adopted 2025-01-01\nprovision (\n",
    )
    .expect("written");
    let published = client.change(&f.review_uri, 2, &f.review);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(
        codes,
        [&json!("provisio::syntax"), &json!("provisio::broken_use")]
    );
    for into in [2, 10, 15] {
        let at = position_of(&f.review, "deadline.art2.examined", 0, into);
        let found = client.at("textDocument/definition", &f.review_uri, at.0, at.1);
        // Only the `use` name resolves: to its item here.
        if into == 2 {
            assert_eq!(
                found,
                location(&f.review_uri, &f.review, "as deadline", 0, 3, 8)
            );
        } else {
            assert_eq!(found, json!(null), "+{into}");
        }
    }
    client.shutdown();
}

#[test]
fn files_in_a_folder_whose_name_needs_escaping_are_found_both_ways() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("my rules é");
    std::fs::create_dir(&folder).expect("a folder");
    let deadline = policy("deadline.policy");
    let review = policy("review.policy");
    std::fs::write(folder.join("deadline.policy"), &deadline).expect("written");
    std::fs::write(folder.join("review.policy"), &review).expect("written");
    let canonical = folder.canonicalize().expect("a path");
    let escaped = provisio::lsp::documents::path_uri(&canonical)
        .expect("a URI")
        .as_str()
        .to_string();
    assert!(escaped.ends_with("/my%20rules%20%C3%A9"), "{escaped}");
    let review_uri = format!("{escaped}/review.policy");
    let (mut client, _) = Client::initialized();
    assert_eq!(client.open(&review_uri, &review)["diagnostics"], json!([]));
    let at = position_of(&review, "deadline.art2.examined", 0, 15);
    assert_eq!(
        client.at("textDocument/definition", &review_uri, at.0, at.1),
        location(
            &format!("{escaped}/deadline.policy"),
            &deadline,
            "define examined",
            0,
            7,
            8
        )
    );
    client.shutdown();
}

#[test]
fn renaming_a_rule_renames_its_uses_in_the_open_policies_that_use_it() {
    let (mut client, f) = opened();
    client.open(&f.deadline_uri, &f.deadline);
    client.diagnostics();
    let at = position_of(&f.deadline, "define examined", 0, 8);
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": f.deadline_uri}, "position": {"line": at.0, "character": at.1}, "newName": "checked"}),
    );
    let files: Vec<(String, Vec<Value>)> = edit["documentChanges"]
        .as_array()
        .expect("document changes")
        .iter()
        .map(|d| {
            (
                d["textDocument"]["uri"]
                    .as_str()
                    .expect("a URI")
                    .to_string(),
                d["edits"].as_array().expect("edits").clone(),
            )
        })
        .collect();
    assert_eq!(
        files.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(),
        [f.deadline_uri.as_str(), f.review_uri.as_str()]
    );
    let deadline = lsp_support::apply(&f.deadline, &files[0].1);
    let review = lsp_support::apply(&f.review, &files[1].1);
    assert_eq!(
        deadline,
        f.deadline
            .replace("define examined", "define checked")
            .replace("art2.examined", "art2.checked")
    );
    assert_eq!(
        review,
        f.review
            .replace("deadline.art2.examined", "deadline.art2.checked")
    );
    // Both made: both check.
    assert_eq!(
        client.change(&f.deadline_uri, 2, &deadline)["diagnostics"],
        json!([])
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(f.review_uri));
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::undefined_name"
    );
    assert_eq!(
        client.change(&f.review_uri, 2, &review)["diagnostics"],
        json!([])
    );
    client.shutdown();
}

#[test]
fn names_through_a_used_policy_s_own_use_reach_the_file_that_declares_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let c = "instrument \"C\" adopted 2025-01-01\n\nfact day \"a day\": date\n\nreading boundary \"whether the last day counts\"\n  inclusive (default) \"it counts\"\n  exclusive \"it does not\"\n\nprovision p \"P\"\n  text \"It is late.\"\n  define late \"it is late\" = if reading boundary is inclusive then day after 2025-01-01 else day on or after 2025-01-01\n    cites \"is late\"\n\nverdict late = p.late\n  says \"It {is|is not|may or may not be} late.\"\n";
    let b = "instrument \"B\" adopted 2025-01-01\n\nuse \"c.policy\" as c\n\nverdict late = c.late\n  says \"It {is|is not|may or may not be} late.\"\n";
    let a = "instrument \"A\" adopted 2025-01-01\n\nuse \"b.policy\" as b\n\nprovision q \"Q\"\n  text \"It counts.\"\n  define counts \"it counts\" = reading b.c.boundary is inclusive and b.day after 2025-06-01\n    cites \"It counts\"\n\nverdict counts = q.counts\n  says \"It {counts|does not count|may or may not count}.\"\n";
    for (name, text) in [("a", a), ("b", b), ("c", c)] {
        std::fs::write(dir.path().join(format!("{name}.policy")), text).expect("written");
    }
    let folder = dir.path().canonicalize().expect("a path");
    let a_uri = format!("file://{}/a.policy", folder.display());
    let b_uri = format!("file://{}/b.policy", folder.display());
    let c_uri = format!("file://{}/c.policy", folder.display());
    let (mut client, _) = Client::initialized();
    assert_eq!(client.open(&a_uri, a)["diagnostics"], json!([]));
    let cases = [
        // `b.c.boundary`: b's `use` of c, then c's reading.
        (("b.c.boundary", 2), location(&b_uri, b, "as c", 0, 3, 1)),
        (
            ("b.c.boundary", 6),
            location(&c_uri, c, "reading boundary", 0, 8, 8),
        ),
        (
            ("is inclusive", 4),
            location(&c_uri, c, "inclusive (default)", 0, 0, 9),
        ),
        // `b.day`: c's fact, a fact of b too.
        (("b.day", 3), location(&c_uri, c, "fact day", 0, 5, 3)),
    ];
    for ((needle, into), expected) in cases {
        let at = position_of(a, needle, 0, into);
        let found = client.at("textDocument/definition", &a_uri, at.0, at.1);
        assert_eq!(found, expected, "{needle} +{into}");
    }
    client.shutdown();
}
