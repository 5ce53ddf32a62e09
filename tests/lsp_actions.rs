//! `provisio lsp`: each quick fix applied end to end, its result checked
//! again by the server and found free of the problem it fixes: a
//! did-you-mean, a date in the wrong form, a record's missing `end`, and
//! the boundary lints' reading and allow, and a period's last day.

mod lsp_support;

use lsp_support::{Client, URI, apply, policy, range};
use serde_json::{Value, json};

/// The quick fixes offered for the diagnostics that meet `range`.
fn actions(client: &mut Client, range: &Value) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range, "context": {"diagnostics": []}}),
        )
        .as_array()
        .expect("actions")
        .clone()
}

fn titles(actions: &[Value]) -> Vec<&str> {
    actions
        .iter()
        .map(|a| a["title"].as_str().expect("a title"))
        .collect()
}

/// The text with an action's edits made.
fn fixed(text: &str, action: &Value) -> String {
    let edits = action["edit"]["changes"][URI]
        .as_array()
        .expect("edits of the document");
    apply(text, edits)
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a code").to_string())
        .collect()
}

/// The first diagnostic of a code.
fn first<'p>(published: &'p Value, code: &str) -> &'p Value {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {published}"))
}

fn boundaries() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/lints/boundary_phrases.policy"
    );
    std::fs::read_to_string(path).expect("the policy reads")
}

#[test]
fn the_boundary_lint_s_reading_is_declared_and_the_rule_branched_on_it() {
    let (mut client, _) = Client::initialized();
    let text = boundaries();
    let published = client.open(URI, &text);
    let unstated = first(&published, "provisio::boundary_unstated");
    let found = actions(&mut client, &unstated["range"]);
    let unstated_actions: Vec<Value> = found
        .into_iter()
        .filter(|a| a["diagnostics"][0]["code"] == "provisio::boundary_unstated")
        .collect();
    assert_eq!(
        titles(&unstated_actions),
        [
            "Declare a reading of \"by\" and branch `filed_in_time` on it",
            "Allow it: `# provisio: allow boundary_unstated` above `filed_in_time`",
        ]
    );
    // The reading: its default the rule's present choice.
    let with_reading = fixed(&text, &unstated_actions[0]);
    insta::assert_snapshot!(with_reading, @r#"
    # "by", "beyond", "not later than" and "in 2017": the open ones warn where
    # a rule encodes them; "not later than" states its boundary.
    instrument "Deadlines" adopted 2017-01-01
    fact filed "the day the return was filed": date
    fact paid "the day the tax was paid": date
    fact started "the day the activity started": date
    reading filed_in_time_boundary "whether the boundary day of 'by' counts"
      inclusive (default) "the boundary day counts"
      exclusive "the boundary day does not count"

    provision art1 "Filing"
      text "A return shall be filed by 31 March 2018. The tax shall be paid not
            later than 30 April 2018."
      define filed_in_time "the return was filed in time" = (if reading filed_in_time_boundary is inclusive then filed on or before 2018-03-31 else filed before 2018-03-31)
      define paid_in_time "the tax was paid in time" = paid on or before 2018-04-30
    provision art2 "Activities"
      text "This article applies to an activity started in 2017 and carried on beyond
            31 December 2018."
      define started_in_year "the activity started in 2017" =
        started after 2017-01-01 and started on or before 2017-12-31
      define carried_on "the activity was carried on beyond 31 December 2018" =
        as_of on or after 2018-12-31
        cites "carried on beyond 31 December 2018"
    verdict filed_in_time = art1.filed_in_time
      says "The return {was|was not|may or may not have been} filed in time."
    verdict paid_in_time = art1.paid_in_time
      says "The tax {was|was not|may or may not have been} paid in time."
    verdict started_in_year = art2.started_in_year
      says "The activity {started|did not start|may or may not have started} in 2017."
    verdict carried_on = art2.carried_on
      says "The activity {was|was not|may or may not have been} carried on."
    "#);
    let after = client.change(URI, 2, &with_reading);
    assert!(
        !codes(&after).contains(&String::from("provisio::boundary_unstated")),
        "{after}"
    );
    assert!(
        after["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .all(|d| d["severity"] != 1),
        "{after}"
    );
    // The allow, instead.
    let allowed = fixed(&text, &unstated_actions[1]);
    assert_eq!(
        allowed,
        text.replace(
            "  define filed_in_time",
            "  # provisio: allow boundary_unstated\n  define filed_in_time"
        )
    );
    let after = client.change(URI, 3, &allowed);
    assert!(
        !codes(&after).contains(&String::from("provisio::boundary_unstated")),
        "{after}"
    );
    client.shutdown();
}

#[test]
fn a_reversed_boundary_is_compared_as_the_text_reads_or_allowed() {
    let (mut client, _) = Client::initialized();
    let text = boundaries();
    let published = client.open(URI, &text);
    let reversed = first(&published, "provisio::boundary_reversed");
    let found = actions(&mut client, &reversed["range"]);
    let reversed_actions: Vec<Value> = found
        .into_iter()
        .filter(|a| a["diagnostics"][0]["range"] == reversed["range"])
        .collect();
    assert_eq!(
        titles(&reversed_actions),
        [
            "Compare as the text reads: `started on or after 2017-01-01`",
            "Allow it: `# provisio: allow boundary_reversed` above `started_in_year`",
        ]
    );
    let compared = fixed(&text, &reversed_actions[0]);
    assert_eq!(
        compared,
        text.replace("started after 2017-01-01", "started on or after 2017-01-01")
    );
    let before = codes(&published)
        .iter()
        .filter(|c| *c == "provisio::boundary_reversed")
        .count();
    let after = client.change(URI, 2, &compared);
    let left = codes(&after)
        .iter()
        .filter(|c| *c == "provisio::boundary_reversed")
        .count();
    // "in 2017" is compared as it reads; "beyond" is the other warning.
    assert_eq!((before, left), (2, 1), "{after}");
    assert!(!after.to_string().contains("started_in_year"), "{after}");
    let allowed = fixed(&text, &reversed_actions[1]);
    let after = client.change(URI, 3, &allowed);
    assert!(!after.to_string().contains("started_in_year"), "{after}");
    client.shutdown();
}

#[test]
fn a_period_in_force_until_a_day_gets_inclusive_or_exclusive() {
    let (mut client, _) = Client::initialized();
    let text = policy("deadline.policy").replace(
        "adopted 2025-01-01\n",
        "adopted 2025-01-01\n  in force until 2025-12-31\n",
    );
    let published = client.open(URI, &text);
    let unstated = first(&published, "provisio::boundary_unstated");
    assert_eq!(unstated["severity"], 1);
    let found = actions(&mut client, &unstated["range"]);
    assert_eq!(
        titles(&found),
        [
            "Write `until ... inclusive`: the last day is in force",
            "Write `until ... exclusive`: the last day is not in force",
        ]
    );
    for (version, (action, word)) in (2..).zip(found.iter().zip(["inclusive", "exclusive"])) {
        let made = fixed(&text, action);
        assert_eq!(
            made,
            text.replace("until 2025-12-31", &format!("until 2025-12-31 {word}"))
        );
        assert_eq!(client.change(URI, version, &made)["diagnostics"], json!([]));
    }
    client.shutdown();
}

#[test]
fn an_amendment_s_block_left_open_gets_its_end() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/amendments");
    for name in ["base.policy", "reform.policy"] {
        std::fs::copy(format!("{fixtures}/{name}"), dir.path().join(name)).expect("copied");
    }
    let good = std::fs::read_to_string(dir.path().join("reform.policy")).expect("reads");
    let open_block = good.replacen("\nend\n", "\n", 1);
    let uri = format!("file://{}/reform.policy", dir.path().display());
    let (mut client, _) = Client::initialized();
    let published = client.open(&uri, &open_block);
    assert_eq!(published["diagnostics"][0]["code"], "provisio::syntax");
    let found = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": published["diagnostics"][0]["range"], "context": {"diagnostics": []}}),
    );
    assert_eq!(found[0]["title"], "Add the missing `end`");
    let made = apply(
        &open_block,
        found[0]["edit"]["changes"][&uri].as_array().expect("edits"),
    );
    assert_eq!(made, good);
    assert_eq!(client.change(&uri, 2, &made)["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn a_did_you_mean_a_date_and_a_missing_end_fixed_leave_no_such_diagnostic() {
    let (mut client, _) = Client::initialized();
    let good = policy("deadline.policy");
    let cases = [
        (
            good.replace("= large and art1.on_time", "= large and art1.on_tme"),
            "provisio::undefined_name",
        ),
        (
            good.replace("adopted 2025-01-01", "adopted 2025-1-1"),
            "provisio::date_form",
        ),
        (
            good.replace("one of refund, credit\nend\n", "one of refund, credit\n"),
            "provisio::syntax",
        ),
    ];
    client.open(URI, &good);
    for (version, (text, code)) in (2..).zip(cases) {
        let published = client.change(URI, version, &text);
        let diagnostic = first(&published, code);
        let found = actions(&mut client, &diagnostic["range"]);
        assert_eq!(found.len(), 1, "{code}: {found:?}");
        let after = client.change(URI, version, &fixed(&text, &found[0]));
        assert_eq!(after["diagnostics"], json!([]), "{code}");
    }
    // Nothing to fix at a place without a diagnostic.
    assert_eq!(
        actions(&mut client, &range((0, 0), (0, 1))),
        Vec::<Value>::new()
    );
    client.shutdown();
}
