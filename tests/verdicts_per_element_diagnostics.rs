//! The checker's and the parser's diagnostics for verdicts given for each
//! element of a list: what is no list, keys of a wrong type, binders that
//! hide a name, and the clause written in the wrong order.

use provisio::span::SourceFile;

const HEADER: &str = r#"instrument "A" adopted 2020-01-01
fact members "the members": list of record
  name: text
  n: integer
  born: date
  kind: one of owner, tenant
  income: money in EUR
  nick: text or none
  share: decimal
end
fact claimed "the day": date
"#;

/// The errors of a policy that does not check: (code, message, help).
fn problems(policy: &str) -> Vec<(String, String, String)> {
    match provisio::check::check_source(&SourceFile::new("test.policy", policy)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .items
            .iter()
            .filter(|p| p.severity == miette::Severity::Error)
            .map(|p| {
                (
                    p.code.to_string(),
                    p.message.clone(),
                    p.help.clone().unwrap_or_default(),
                )
            })
            .collect(),
    }
}

#[test]
fn for_each_over_what_is_no_list_is_a_checker_diagnostic() {
    let policy = format!("{HEADER}verdict a for each m in claimed keyed by m.name = 1\n");
    assert_eq!(
        problems(&policy),
        [(
            "provisio::type_mismatch".to_string(),
            "`for each` goes through a list, but this is a date".to_string(),
            "name a fact declared `list of ...`, such as `for each m in members`".to_string()
        )]
    );
}

#[test]
fn a_key_of_a_wrong_type_is_a_checker_diagnostic() {
    let policy = format!("{HEADER}verdict a for each m in members keyed by m.income = 1\n");
    assert_eq!(
        problems(&policy),
        [(
            "provisio::type_mismatch".to_string(),
            "a key names each element's outcome: text, a whole number, a date or an enumeration value, but this is an amount in EUR".to_string(),
            "key the elements by a field of text, a whole number, a date or an enumeration value, such as `keyed by m.name`".to_string()
        )]
    );
    let policy = format!("{HEADER}verdict a for each m in members keyed by m.share = 1\n");
    assert_eq!(problems(&policy)[0].0, "provisio::type_mismatch");
}

#[test]
fn a_binder_that_hides_a_fact_is_a_checker_diagnostic() {
    let policy =
        format!("{HEADER}verdict a for each claimed in members keyed by claimed.name = 1\n");
    assert_eq!(
        problems(&policy),
        [(
            "provisio::binder_shadows".to_string(),
            "`claimed` already names a fact, so it cannot also name each element".to_string(),
            "give the elements a name of their own, such as `c`".to_string()
        )]
    );
}

#[test]
fn the_binder_is_visible_in_the_sentence_and_a_misspelt_field_is_reported() {
    let policy = format!(
        "{HEADER}verdict a for each m in members keyed by m.name = m.n says \"{{m.nme}}: {{value}}\"\n"
    );
    let found = problems(&policy);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "provisio::undefined_name");
    assert_eq!(found[0].2, "did you mean `name`?");
    // Outside the verdict, the binder is not visible.
    let policy =
        format!("{HEADER}verdict a for each m in members keyed by m.name = m.n\nverdict b = m.n\n");
    let found = problems(&policy);
    assert_eq!(found[0].0, "provisio::undefined_name");
    assert_eq!(found[0].1, "`m` is not defined");
}

#[test]
fn a_clause_without_keyed_by_is_a_syntax_error_that_shows_the_form() {
    let policy = format!("{HEADER}verdict a for each m in members = 1\n");
    let found = problems(&policy);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "provisio::syntax");
    assert_eq!(
        found[0].2,
        "a verdict given for each element names each outcome by a key: `verdict benefit for each m in members keyed by m.name = ...`"
    );
    let policy = format!("{HEADER}verdict a for m in members keyed by m.name = 1\n");
    let found = problems(&policy);
    assert_eq!(found[0].1, "expected `each`, found `m`");
}

#[test]
fn a_type_before_for_each_is_a_syntax_error_that_shows_where_it_goes() {
    let policy =
        format!("{HEADER}verdict a: integer for each m in members keyed by m.name = m.n\n");
    let found = problems(&policy);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "provisio::syntax");
    assert_eq!(
        found[0].2,
        "in a verdict given for each element, the type comes after the key, just before `=`: `verdict benefit for each m in members keyed by m.name: money in EUR = ...`"
    );
}
