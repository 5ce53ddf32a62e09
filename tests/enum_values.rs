//! Enumeration values with sentences: `one of customs_duty "customs duty"
//! in fr "un droit de douane", internal_tax`. The syntax in every place a
//! type is written, the checker's diagnostics about the translations (as
//! snapshots), the model's sentences and their fallbacks, across two
//! declarations of one enumeration and across `use`, and the words a value
//! is written in.

use std::path::Path;

use provisio::check::{check_source, load_policy};
use provisio::diagnostic::Problem;
use provisio::locale::{Fallbacks, Lang};
use provisio::model::translations::Described;
use provisio::model::{Model, Type};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;
use provisio::value::Value;
use provisio::words::{enum_words, known_of_words_in, value_words, value_words_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn checked(text: &str) -> (Model, Vec<Problem>) {
    match check_source(&SourceFile::new("t.policy", text)) {
        Ok(checked) => (checked.model, checked.warnings.items),
        Err(problems) => panic!("the policy does not check: {}", rendered(&problems.items)),
    }
}

fn errors(text: &str) -> String {
    match check_source(&SourceFile::new("t.policy", text)) {
        Ok(_) => panic!("the policy checked without errors"),
        Err(problems) => rendered(&problems.items),
    }
}

fn rendered(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The enumeration of a fact, and the index of one of its values.
fn value_of(model: &Model, fact: &str, value: &str) -> (u32, u32) {
    let info = model
        .facts
        .iter()
        .find(|f| f.field.name == fact)
        .unwrap_or_else(|| panic!("no fact {fact}"));
    let Type::Enum(id) = info.field.ty.without_none() else {
        panic!("{fact} is not an enumeration");
    };
    let index = model.enums[*id as usize]
        .values
        .iter()
        .position(|v| v == value)
        .unwrap_or_else(|| panic!("no value {value}"));
    (*id, index as u32)
}

/// A value of a fact's enumeration in a language's words.
fn words(model: &Model, fact: &str, value: &str, lang: Lang) -> String {
    let (id, index) = value_of(model, fact, value);
    enum_words(model, id, index, lang.words())
}

const LEVY: &str = "instrument \"R\" adopted 2025-01-01
fact levy \"what is levied\": one of
  customs_duty \"customs duty\"
      in fr \"un droit de douane\"
      in es \"un derecho de aduana\",
  internal_tax \"internal tax\" in fr \"une taxe intérieure\",
  fee
provision p \"P\"
  text \"t\"
  define duty = levy is customs_duty
verdict duty = p.duty
";

#[test]
fn a_value_reads_as_its_sentence_in_each_language_and_falls_back() {
    let (model, _) = checked(LEVY);
    assert_eq!(
        words(&model, "levy", "customs_duty", Lang::En),
        "customs duty"
    );
    assert_eq!(
        words(&model, "levy", "customs_duty", Lang::Fr),
        "un droit de douane"
    );
    assert_eq!(
        words(&model, "levy", "customs_duty", Lang::Es),
        "un derecho de aduana"
    );
    // No Spanish: the English sentence; no sentence: the name with spaces.
    assert_eq!(
        words(&model, "levy", "internal_tax", Lang::Es),
        "internal tax"
    );
    assert_eq!(
        words(&model, "levy", "internal_tax", Lang::Fr),
        "une taxe intérieure"
    );
    for lang in [Lang::En, Lang::Fr, Lang::Es] {
        assert_eq!(words(&model, "levy", "fee", lang), "fee");
    }
    let (id, duty) = value_of(&model, "levy", "customs_duty");
    let (_, tax) = value_of(&model, "levy", "internal_tax");
    // The model's own table, as the renderers ask it.
    assert_eq!(
        model.described(Described::EnumValue(id, duty), Lang::Fr),
        Some("un droit de douane")
    );
    assert_eq!(
        model.described(Described::EnumValue(id, tax), Lang::Es),
        Some("internal tax")
    );
    assert_eq!(model.english(Described::EnumValue(id, 2)), None);
    // A value's name is what a machine reads, in every language.
    let value = Value::Enum(id, duty);
    assert_eq!(model.format_value(&value), "customs_duty");
    assert_eq!(value_words(&model, &value), "customs duty");
    assert_eq!(
        value_words_in(&model, &value, Lang::Fr.words()),
        "un droit de douane"
    );
    // What is known of a value that is one of several.
    let among = Value::Among(vec![Value::Enum(id, duty), Value::Enum(id, tax)].into());
    assert_eq!(
        known_of_words_in(&model, &among, Lang::Fr.words()).as_deref(),
        Some("l'une des valeurs un droit de douane ou une taxe intérieure")
    );
    assert_eq!(
        known_of_words_in(&model, &among, Lang::En.words()).as_deref(),
        Some("one of customs duty or internal tax")
    );
}

#[test]
fn values_in_english_only_are_counted_among_the_fallbacks() {
    let (model, _) = checked(LEVY);
    let spanish = Fallbacks::of(&model, Lang::Es);
    let french = Fallbacks::of(&model, Lang::Fr);
    // `internal_tax` has no Spanish; `fee`, with no sentence at all, reads
    // as its name in every language and is not counted.
    assert_eq!(spanish.descriptions, french.descriptions + 1);
}

#[test]
fn a_sentence_is_accepted_wherever_an_enumeration_is_written() {
    let policy = "instrument \"R\" adopted 2025-01-01
type channel \"how it was filed\": one of post \"by post\" in fr \"par la poste\", online
fact filing \"the filing\": record
  kind \"what was filed\": one of claim \"a claim\", appeal \"an appeal\" default claim
  routes \"the routes\": list of one of fast \"the fast route\", slow
end
fact via \"how it came\": channel
fact band \"the band\": optional one of low_band \"the low band\", high_band or none
provision p \"P\"
  text \"t\"
  define route(k: one of a \"route a\", b, fast: boolean): one of quick \"quick\", slow =
    if fast and k is a then quick else slow
  define r = route(a, filing.kind is claim and via is post and (band or else high_band) is low_band)
  parameter level \"the level\": one of high \"high\" in fr \"haut\", low
    from 2025-01-01: high
verdict r: one of yes \"so it is\", no = if p.r is quick and p.level is high then yes else no
";
    let (model, _) = checked(policy);
    let described: Vec<(&str, Vec<Option<&str>>)> = model
        .enums
        .iter()
        .filter(|e| !e.descriptions.is_empty())
        .map(|e| {
            (
                e.name.as_str(),
                e.descriptions.iter().map(Option::as_deref).collect(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!(described);
}

#[test]
fn a_definition_s_parameters_end_the_enumeration_before_the_next_name() {
    // `one of a, b, fast: boolean` would read `fast` as a third value.
    let policy = "instrument \"R\" adopted 2025-01-01
provision p \"P\"
  text \"t\"
  define both(k: one of a, b, fast: boolean) = k is a and fast
  define r = both(a, true)
verdict r = p.r
";
    let (model, _) = checked(policy);
    let values: Vec<&Vec<String>> = model.enums.iter().map(|e| &e.values).collect();
    assert!(
        values.iter().any(|v| v.as_slice() == ["a", "b"]),
        "{values:?}"
    );
}

#[test]
fn two_declarations_of_one_enumeration_share_their_sentences() {
    // The same values in the same order are one enumeration: a value
    // described in one declaration reads so in both, and where both
    // describe it the first declaration's sentence stands.
    let policy = "instrument \"R\" adopted 2025-01-01
fact first: one of gsp \"the GSP\" in fr \"le SPG\", ldc
fact second: list of one of gsp \"the scheme\" in fr \"le régime\" in es \"el SGP\", ldc \"a least-developed country\"
provision p \"P\"
  text \"t\"
  define r = first is in second
verdict r = p.r
";
    let (model, _) = checked(policy);
    assert_eq!(words(&model, "first", "gsp", Lang::En), "the GSP");
    assert_eq!(words(&model, "first", "gsp", Lang::Fr), "le SPG");
    assert_eq!(words(&model, "first", "gsp", Lang::Es), "el SGP");
    assert_eq!(
        words(&model, "first", "ldc", Lang::En),
        "a least-developed country"
    );
}

#[test]
fn a_used_policy_s_values_read_as_it_describes_them() {
    let checked = load_policy(&Path::new(ROOT).join("tests/enum_values/user.policy"))
        .expect("the user policy checks");
    let model = checked.model;
    assert_eq!(
        words(&model, "levy", "customs_duty", Lang::Fr),
        "un droit de douane"
    );
    assert_eq!(
        words(&model, "levy", "customs_duty", Lang::Es),
        "un derecho de aduana"
    );
    assert_eq!(
        words(&model, "levy", "internal_tax", Lang::En),
        "internal tax"
    );
    assert_eq!(words(&model, "levy", "fee", Lang::Fr), "fee");
}

#[test]
fn an_unknown_code_after_a_value_s_sentence_is_refused_with_the_closest() {
    let policy = LEVY.replace("in es \"un derecho", "in sp \"un derecho");
    insta::assert_snapshot!(errors(&policy));
}

#[test]
fn a_value_s_sentence_in_one_language_twice_points_at_both() {
    let policy = LEVY.replace(
        "\"internal tax\" in fr \"une taxe intérieure\"",
        "\"internal tax\" in fr \"une taxe intérieure\" in fr \"un impôt intérieur\"",
    );
    insta::assert_snapshot!(errors(&policy));
}

#[test]
fn a_value_without_a_translation_warns_once_with_its_item() {
    // The fact's own description lacks Spanish too: one warning for the
    // fact, naming each sentence. `fee` has no sentence and is not named.
    let policy = LEVY.replace(
        "\"what is levied\"",
        "\"what is levied\" in fr \"ce qui est perçu\"",
    );
    let (_, warnings) = checked(&policy);
    let about_levy: Vec<Problem> = warnings
        .into_iter()
        .filter(|p| p.message.starts_with("fact `levy`"))
        .collect();
    let codes: Vec<&str> = about_levy.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["provisio::missing_translation"]);
    insta::assert_snapshot!(rendered(&about_levy));
}

#[test]
fn a_syntax_error_after_a_value_does_not_offer_quoted_text() {
    let policy = "instrument \"R\" adopted 2025-01-01\nfact levy: one of duty \"a duty\", tax in fr \"une taxe\"\n";
    insta::assert_snapshot!(errors(policy));
}
