//! `provisio lsp` hover over a name whose type is an enumeration with
//! described values: the type written `one of a, b`, and each value listed
//! with how it reads, in every language the policy gives.

mod lsp_support;

use lsp_support::{Client, URI, position_of};

fn base() -> String {
    let path = format!(
        "{}/tests/enum_values/base.policy",
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

#[test]
fn hover_lists_an_enumeration_s_values_with_their_sentences() {
    let (mut client, _) = Client::initialized();
    let text = base();
    client.open(URI, &text);
    let fact = hover_text(&mut client, position_of(&text, "fact levy", 0, 6));
    insta::assert_snapshot!(fact, @r"
    ```provisio
    fact levy: one of customs_duty, internal_tax, fee
    ```

    what is levied

    - `customs_duty`: customs duty (fr: un droit de douane; es: un derecho de aduana)
    - `internal_tax`: internal tax (fr: une taxe intérieure)
    - `fee`
    ");
}

#[test]
fn hover_on_a_field_of_the_bundled_decision() {
    let (mut client, _) = Client::initialized();
    let path = format!(
        "{}/rules/wto/mc13-ecommerce.policy",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    client.open(URI, &text);
    let field = hover_text(&mut client, position_of(&text, "  kind \"", 0, 3));
    insta::assert_snapshot!(field, @r"
    ```provisio
    field measure.kind: one of customs_duty, internal_tax
    ```

    what the Member levies

    fr: ce que le Membre perçoit

    es: lo que percibe el Miembro

    - `customs_duty`: customs duty (fr: un droit de douane; es: un derecho de aduana)
    - `internal_tax`: internal tax (fr: une taxe intérieure; es: un impuesto interior)
    ");
}

#[test]
fn hover_writes_a_plain_enumeration_as_written() {
    let (mut client, _) = Client::initialized();
    let text = "instrument \"R\" adopted 2025-01-01\nfact kind \"the kind\": one of a, b\nprovision p \"P\"\n  text \"t\"\n  define r = kind is a\nverdict r = p.r\n";
    client.open(URI, text);
    let fact = hover_text(&mut client, position_of(text, "fact kind", 0, 6));
    insta::assert_snapshot!(fact, @r"
    ```provisio
    fact kind: one of a, b
    ```

    the kind
    ");
}
