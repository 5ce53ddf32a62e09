//! `provisio lsp` and a policy's sentences in French and Spanish: hover
//! shows each sentence in every language the policy gives, completion
//! offers the languages after `says` and after `in` that follows a
//! sentence, and the checker's diagnostics about translations are
//! published like any other.

mod lsp_support;

use lsp_support::{Client, URI, position_of};

/// The test policy of `tests/translations/`, which gives every sentence in
/// French and Spanish.
fn translated() -> String {
    let path = format!(
        "{}/tests/translations/base.policy",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hover_text(client: &mut Client, at: (u32, u32)) -> String {
    let hover = client.at("textDocument/hover", URI, at.0, at.1);
    hover["contents"]["value"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("no hover: {hover}"))
}

/// The labels of the completions `into` characters into `needle`.
fn labels(client: &mut Client, text: &str, needle: &str, into: usize) -> Vec<String> {
    let at = position_of(text, needle, 0, into);
    let items = client.at("textDocument/completion", URI, at.0, at.1);
    items
        .as_array()
        .expect("a list of completions")
        .iter()
        .map(|item| item["label"].as_str().expect("a label").to_string())
        .collect()
}

#[test]
fn hover_shows_a_verdict_and_a_rule_in_every_language() {
    let (mut client, _) = Client::initialized();
    let text = translated();
    client.open(URI, &text);
    let verdict = hover_text(&mut client, position_of(&text, "verdict on_time", 0, 9));
    insta::assert_snapshot!(verdict, @r#"
    ```provisio
    verdict on_time
    ```

    The claim {was|was not} filed on time.

    fr: La demande {a|n'a pas} été déposée à temps.

    es: La solicitud {se presentó|no se presentó} a tiempo.
    "#);
    let rule = hover_text(&mut client, position_of(&text, "art1.on_time", 0, 6));
    insta::assert_snapshot!(rule, @r#"
    ```provisio
    define art1.on_time: boolean
    ```

    the claim was filed on time

    fr: la demande a été déposée à temps

    es: la solicitud se presentó a tiempo

    In provision `art1` (Deadline)

    > A claim is on time if filed on or before 31 March 2025.
    "#);
    client.shutdown();
}

#[test]
fn after_says_and_after_in_come_the_languages() {
    let (mut client, _) = Client::initialized();
    let text = translated().replace(
        "  says es \"La solicitud",
        "  says \n  says es \"La solicitud",
    );
    client.open(URI, &text);
    // The cursor after `says `, on a line of its own under the English.
    assert_eq!(labels(&mut client, &text, "  says \n", 7), ["fr", "es"]);
    let text = translated().replace("    in es \"Plazo\"", "    in e");
    client.change(URI, 2, &text);
    assert_eq!(labels(&mut client, &text, "    in e", 8), ["fr", "es"]);
    // Elsewhere: the names and keywords.
    let elsewhere = labels(&mut client, &text, "adopted ", 8);
    assert!(elsewhere.len() > 2, "{elsewhere:?}");
    client.shutdown();
}

#[test]
fn a_misspelt_language_is_published_with_its_code() {
    let (mut client, _) = Client::initialized();
    let text = translated().replace("says fr", "says fe");
    let published = client.open(URI, &text);
    assert_eq!(
        published["diagnostics"][0]["code"],
        "provisio::unknown_language"
    );
    let message = published["diagnostics"][0]["message"]
        .as_str()
        .expect("a message");
    assert!(
        message.starts_with("`fe` is not a language the sentences of a policy can be given in"),
        "{message}"
    );
    assert!(message.contains("did you mean `fr`?"), "{message}");
    client.shutdown();
}

#[test]
fn hover_on_a_reading_shows_each_alternative_in_every_language() {
    let (mut client, _) = Client::initialized();
    let path = format!(
        "{}/rules/wto/mc13-ecommerce.policy",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    client.open(URI, &text);
    let at = position_of(&text, "if reading mc14_reference is opening", 0, 12);
    insta::assert_snapshot!(hover_text(&mut client, at), @r#"
    ```provisio
    reading mc14_reference
    ```

    which day of the 14th Session 'until the 14th Session of the Ministerial Conference' points at

    fr: le jour de la quatorzième session que désignent les mots « jusqu'à la quatorzième session de la Conférence ministérielle »

    es: el día del decimocuarto período de sesiones que designan las palabras «hasta el decimocuarto período de sesiones de la Conferencia Ministerial»

    - `opening` (default): the day the Session opens (fr: le jour de l'ouverture de la session; es: el día de apertura del período de sesiones)
    - `closing`: the day the Session closes (fr: le jour de la clôture de la session; es: el día de clausura del período de sesiones)
    "#);
    client.shutdown();
}
