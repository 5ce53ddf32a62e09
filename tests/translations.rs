//! Sentences in French and Spanish on the policy's side: `says fr "..."`
//! after a verdict's sentence, `in fr "..."` after a description; every
//! diagnostic about them as a snapshot; the model's table of translations,
//! its fallback to English, across `use` and amendments; and the bundled
//! decision, translated whole.

use std::path::Path;

use chrono::NaiveDate;
use provisio::check::{check_source, load_policy};
use provisio::diagnostic::Problem;
use provisio::locale::Lang;
use provisio::model::translations::Described;
use provisio::model::{Model, TemplatePart};
use provisio::render::diagnostics::render;
use provisio::span::SourceFile;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The problems of a policy that must not check, rendered as the terminal shows them.
fn errors(text: &str) -> String {
    match check_source(&SourceFile::new("t.policy", text)) {
        Ok(_) => panic!("the policy checked without errors"),
        Err(problems) => rendered(&problems.items),
    }
}

/// The warnings of a policy that must check.
fn warnings(text: &str) -> Vec<Problem> {
    match check_source(&SourceFile::new("t.policy", text)) {
        Ok(checked) => checked.warnings.items,
        Err(problems) => panic!("the policy does not check: {problems:?}"),
    }
}

fn rendered(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| render(p, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn model_of(path: &str) -> Model {
    match load_policy(&Path::new(ROOT).join(path)) {
        Ok(checked) => checked.model,
        Err(problems) => panic!("{path} does not check: {problems:?}"),
    }
}

/// The literal text of a template, its placeholders written `{}`.
fn literal(model: &Model, verdict: &str, lang: Lang) -> String {
    let id = model
        .verdicts
        .iter()
        .position(|v| v.name == verdict)
        .unwrap_or_else(|| panic!("no verdict {verdict}"));
    let template = model
        .verdict_template(id as u32, lang)
        .expect("a verdict has a sentence");
    template
        .parts
        .iter()
        .map(|part| match part {
            TemplatePart::Literal(text) => text.clone(),
            TemplatePart::Choice { yes, .. } => format!("{{{yes}|...}}"),
            TemplatePart::Value | TemplatePart::Expr(_) => String::from("{}"),
        })
        .collect()
}

fn definition(model: &Model, name: &str) -> Described {
    let id = model
        .definitions
        .iter()
        .position(|d| d.name == name)
        .unwrap_or_else(|| panic!("no definition {name}"));
    Described::Definition(id as u32)
}

fn provision(model: &Model, name: &str) -> Described {
    let id = model
        .provisions
        .iter()
        .position(|p| p.name == name || p.name.ends_with(&format!(".{name}")))
        .unwrap_or_else(|| panic!("no provision {name}"));
    Described::Provision(id as u32)
}

const HEADER: &str = "instrument \"R\" adopted 2025-01-01\nfact d \"a day\": date\nprovision p \"P\"\n  text \"t\"\n  define late \"it is late\" = as_of after d\n";

#[test]
fn an_unknown_language_is_refused_with_the_closest_code() {
    let policy = format!(
        "{HEADER}verdict late = p.late\n  says \"It {{is|is not}} late.\"\n  says fe \"Il {{est|n'est pas}} en retard.\"\n"
    );
    insta::assert_snapshot!(errors(&policy));
}

#[test]
fn an_unknown_language_after_a_description_names_in() {
    let policy = HEADER.replace("\"a day\"", "\"a day\" in sp \"un día\"");
    insta::assert_snapshot!(errors(&format!("{policy}verdict late = p.late\n")));
}

#[test]
fn english_is_not_a_translation() {
    let policy = HEADER.replace("\"it is late\"", "\"it is late\" in en \"it is late\"");
    insta::assert_snapshot!(errors(&format!("{policy}verdict late = p.late\n")));
}

#[test]
fn one_language_twice_points_at_both() {
    let policy = HEADER.replace(
        "\"a day\"",
        "\"a day\"\n    in fr \"un jour\"\n    in es \"un día\"\n    in fr \"une journée\"",
    );
    insta::assert_snapshot!(errors(&format!("{policy}verdict late = p.late\n")));
}

#[test]
fn a_translated_sentence_is_checked_like_the_english_one() {
    let policy = format!(
        "{HEADER}verdict late = p.late\n  says \"It {{is|is not}} late on {{as_of}}.\"\n  says fr \"Il {{est|n'est pas}} en retard le {{as_off}}.\"\n  says es \"{{Es|No es|Quizá sea}} tarde el {{as_of.\"\n"
    );
    insta::assert_snapshot!(errors(&policy));
}

#[test]
fn choices_in_a_translation_must_fit_the_verdict() {
    let policy = format!(
        "{HEADER}verdict day: date = d\n  says \"The day is {{value}}.\"\n  says es \"El día {{es|no es}} {{value}}.\"\n"
    );
    insta::assert_snapshot!(errors(&policy));
}

#[test]
fn a_missing_translation_warns_once_per_item() {
    let policy = "instrument \"R\" in fr \"R\" in es \"R\" adopted 2025-01-01
fact claim \"the claim\" in fr \"la demande\": record
  amount \"how much\" in fr \"combien\" in es \"cuánto\": integer
  kind \"what\": one of goods, services
end
reading window \"which days count\" in fr \"quels jours\" in es \"qué días\"
  calendar (default) \"every day\" in fr \"chaque jour\" in es \"cada día\"
  business \"working days\" in fr \"jours ouvrables\"
provision p \"P\" in fr \"P\" in es \"P\"
  text \"t\"
  define big \"a big claim\" in fr \"une grosse demande\" in es \"una solicitud grande\" =
    claim.amount > 100 and claim.kind is goods and reading window is calendar
verdict big = p.big
  says \"The claim {is|is not} big.\"
  says fr \"La demande {est|n'est pas} grosse.\"
";
    let found = warnings(policy);
    let codes: Vec<&str> = found.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["provisio::missing_translation"; 3]);
    insta::assert_snapshot!(rendered(&found));
}

#[test]
fn an_allow_silences_the_missing_translation_where_it_stands() {
    // Every description in French; the verdict's sentence in English only.
    let policy = format!("{HEADER}verdict late = p.late\n  says \"It {{is|is not}} late.\"\n")
        .replace("\"a day\"", "\"a day\" in fr \"un jour\"")
        .replace(
            "\"it is late\"",
            "\"it is late\" in fr \"il est en retard\"",
        )
        .replace("\"P\"", "\"P\" in fr \"P\"")
        .replace("\"R\"", "\"R\" in fr \"R\"");
    let found = warnings(&policy);
    let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["verdict `late` is not given in French: its sentence falls back to English there"]
    );
    let allowed = policy.replace(
        "verdict late",
        "# provisio: allow missing_translation\nverdict late",
    );
    assert!(warnings(&allowed).is_empty(), "{:?}", warnings(&allowed));
    // Spanish given once makes every other sentence warn; the allow keeps
    // the verdict's quiet, and says nothing of the rest.
    let spanish = allowed.replace("\"a day\" in fr", "\"a day\" in es \"un día\" in fr");
    let found = warnings(&spanish);
    let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the instrument is not given in Spanish: its title falls back to English there",
            "provision `p` is not given in Spanish: its heading falls back to English there",
            "definition `late` is not given in Spanish: its description falls back to English there",
        ]
    );
}

#[test]
fn a_policy_without_translations_gets_no_warning() {
    assert!(
        warnings(&format!(
            "{HEADER}verdict late = p.late says \"It {{is|is not}} late.\"\n"
        ))
        .is_empty()
    );
}

#[test]
fn the_table_gives_each_language_and_falls_back_to_english() {
    let policy = format!(
        "{HEADER}verdict late = p.late\n  says \"It {{is|is not}} late.\"\n  says fr \"Il {{est|n'est pas}} en retard.\"\n"
    )
    .replace("\"it is late\"", "\"it is late\"\n      in fr \"il est   en\n retard\"");
    let source = SourceFile::new("t.policy", policy);
    let checked = check_source(&source).expect("the policy checks");
    let model = checked.model;
    assert_eq!(literal(&model, "late", Lang::En), "It {is|...} late.");
    assert_eq!(literal(&model, "late", Lang::Fr), "Il {est|...} en retard.");
    // No Spanish: the English sentence.
    assert_eq!(literal(&model, "late", Lang::Es), "It {is|...} late.");
    let late = definition(&model, "late");
    // Line breaks and runs of spaces fold as in English descriptions.
    assert_eq!(model.described(late, Lang::Fr), Some("il est en retard"));
    assert_eq!(model.described(late, Lang::Es), Some("it is late"));
    assert_eq!(model.described(late, Lang::En), Some("it is late"));
    assert_eq!(
        model.described(Described::Instrument, Lang::Fr),
        Some("R"),
        "no French title: the English one"
    );
}

#[test]
fn a_used_policy_brings_its_translations() {
    let model = model_of("tests/translations/user.policy");
    let on_time = definition(&model, "on_time");
    assert_eq!(
        model.described(on_time, Lang::Fr),
        Some("la demande a été déposée à temps")
    );
    assert_eq!(
        model.described(on_time, Lang::Es),
        Some("la solicitud se presentó a tiempo")
    );
    assert_eq!(
        model.described(provision(&model, "art1"), Lang::Es),
        Some("Plazo")
    );
    let filed = model
        .facts
        .iter()
        .position(|f| f.field.name == "filed")
        .expect("the used fact");
    assert_eq!(
        model.described(Described::Fact(filed as u32), Lang::Fr),
        Some("le jour où la demande a été déposée")
    );
    // The user's own title and verdict, not the used policy's.
    assert_eq!(
        model.described(Described::Instrument, Lang::Fr),
        Some("Un examen des dépôts")
    );
    assert_eq!(
        literal(&model, "reviewed", Lang::Es),
        "La presentación {se examina|...}."
    );
}

#[test]
fn each_version_of_an_amended_policy_keeps_its_translations() {
    let model = model_of("tests/translations/amended.policy");
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    let before = model.version_on(day("2025-06-01"));
    let after = model.version_on(day("2026-06-01"));
    assert_eq!(
        before.described(provision(before, "art1"), Lang::Fr),
        Some("Délai")
    );
    assert_eq!(
        after.described(provision(after, "art1"), Lang::Fr),
        Some("Délai prolongé")
    );
    assert_eq!(
        after.described(definition(after, "on_time"), Lang::Es),
        Some("la solicitud se presentó dentro del plazo prorrogado")
    );
    // The verdict, the base's, keeps its sentences in every version.
    assert_eq!(
        literal(after, "on_time", Lang::Fr),
        "La demande {a|...} été déposée à temps."
    );
}

/// Every sentence of a policy that has English has French and Spanish
/// (`sentences` of them, verdicts aside), and the policy checks without a
/// warning; its model, for more.
fn translated_whole(path: &str, sentences: usize) -> Model {
    let checked = load_policy(&Path::new(ROOT).join(path)).expect("the decision checks");
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    let model = checked.model;
    let mut items = vec![Described::Instrument];
    let count = |n: usize| 0..n as u32;
    items.extend(count(model.provisions.len()).map(Described::Provision));
    items.extend(count(model.definitions.len()).map(Described::Definition));
    items.extend(
        count(model.deontics.len())
            .flat_map(|id| [Described::DeonticBinds(id), Described::DeonticAction(id)]),
    );
    items.extend(count(model.facts.len()).map(Described::Fact));
    for (record, fields) in model.records.iter().enumerate() {
        // The event's own fields (`opening`, `closing`) are the engine's.
        if fields.name == "an event" {
            continue;
        }
        items.extend(count(fields.fields.len()).map(|f| Described::Field(record as u32, f)));
    }
    for (reading, info) in model.readings.iter().enumerate() {
        items.push(Described::Reading(reading as u32));
        items.extend(
            count(info.alternatives.len()).map(|a| Described::Alternative(reading as u32, a)),
        );
    }
    for (id, enumeration) in model.enums.iter().enumerate() {
        items.extend(
            count(enumeration.descriptions.len()).map(|v| Described::EnumValue(id as u32, v)),
        );
    }
    let mut checked_items = 0;
    for item in items {
        let Some(english) = model.english(item) else {
            continue;
        };
        for lang in Lang::TRANSLATIONS {
            let translated = model.translations.description(item, lang);
            assert!(
                translated.is_some_and(|t| t != english),
                "{item:?} has no {} sentence",
                lang.english_name()
            );
        }
        checked_items += 1;
    }
    assert_eq!(checked_items, sentences, "{path}");
    for verdict in 0..model.verdicts.len() as u32 {
        for lang in Lang::TRANSLATIONS {
            assert!(model.translations.verdict(verdict, lang).is_some());
        }
    }
    model
}

#[test]
fn the_bundled_decision_is_translated_whole() {
    let model = translated_whole("rules/wto/mc13-ecommerce.policy", 43);
    assert_eq!(
        literal(&model, "measure_status", Lang::Fr),
        "Au titre du paragraphe 5, le prélèvement est {} le {}."
    );
    assert_eq!(
        literal(&model, "moratorium_in_force", Lang::Es),
        "La moratoria sobre los derechos de aduana a las transmisiones electrónicas {está|...} en vigor el {}."
    );
}

#[test]
fn the_2022_decision_is_translated_whole() {
    let model = translated_whole("rules/wto/mc12/mc12-ecommerce.policy", 29);
    assert_eq!(
        literal(&model, "expiry_date", Lang::Fr),
        "Le moratoire expire le {}."
    );
}

#[test]
fn a_code_without_its_sentence_is_a_syntax_error_that_says_how_to_write_it() {
    let says = errors(&format!(
        "{HEADER}verdict late = p.late\n  says \"It {{is|is not}} late.\"\n  says fr\n"
    ));
    let described = errors(&HEADER.replace("\"a day\"", "\"a day\" in fr"));
    insta::assert_snapshot!(format!("{says}\n{described}"));
}

/// `provisio check` on a policy with a misspelt code: the diagnostic on
/// standard error, exit status 1; on the translated fixture, its line.
#[test]
fn check_reports_a_misspelt_code_and_passes_a_translated_policy() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("fe.policy");
    let text =
        format!("{HEADER}verdict late = p.late\n  says \"Late.\"\n  says fe \"En retard.\"\n");
    std::fs::write(&path, text).expect("the policy is written");
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(dir.path())
        .args(["check", "fe.policy"])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("provisio::unknown_language") && stderr.contains("did you mean `fr`?"),
        "{stderr}"
    );
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_provisio"))
        .current_dir(ROOT)
        .args(["check", "tests/translations/base.policy"])
        .output()
        .expect("provisio runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "tests/translations/base.policy: ok (1 provision, 0 readings, 1 verdict)\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// Every kind of sentence the table holds, each under the model's own id:
/// a named type and its record's field, an event, a dated value, a deontic
/// rule's parties and action, a reading's alternative and an assumption.
#[test]
fn every_kind_of_description_is_in_the_table() {
    let policy = r#"instrument "R" in fr "R fr" adopted 2025-01-01
type person "a member" in fr "un membre":
  record
    born "the day of birth" in fr "le jour de naissance": date
  end
event hearing "the hearing" in fr "l'audience"
fact members "the members" in fr "les membres": list of person
reading count "who counts" in fr "qui compte"
  all (default) "every member" in fr "chaque membre"
  adults "adults only" in fr "les adultes seulement"
provision p "P" in fr "P fr"
  text "Members born before the hearing pay USD 10 from 2025."
  parameter fee "the fee" in fr "la redevance": money in USD
    from 2025-01-01: USD 10
  define payers "who pays" in fr "qui paie" =
    count m in members where m.born before hearing.opening
      and (reading count is all or m.born before as_of - 18 years rounded down)
  obligation pay binds "members" in fr "les membres" action "paying the fee" in fr "payer la redevance"
    when payers > 0
assume born_before "no member is born after the evaluation date"
    in fr "aucun membre n'est né après la date d'évaluation" =
  every m in members satisfies m.born on or before as_of
verdict total: money in USD = p.fee * p.payers
  says "The members pay {value}." says fr "Les membres paient {value}."
verdict must_pay = p.pay is required
  says "Members {must|need not} pay." says fr "Les membres {doivent|ne doivent pas} payer."
"#;
    let checked = check_source(&SourceFile::new("t.policy", policy)).expect("the policy checks");
    assert!(checked.warnings.items.is_empty(), "{:?}", checked.warnings);
    let model = checked.model;
    let french = |item: Described| model.described(item, Lang::Fr);
    let person = model
        .types
        .iter()
        .position(|t| t.name == "person")
        .expect("the type") as u32;
    assert_eq!(french(Described::Type(person)), Some("un membre"));
    let record = match &model.types[person as usize].ty {
        provisio::model::Type::Record(record) => *record,
        other => panic!("not a record: {other:?}"),
    };
    assert_eq!(
        french(Described::Field(record, 0)),
        Some("le jour de naissance")
    );
    let fact = |name: &str| {
        Described::Fact(
            model
                .facts
                .iter()
                .position(|f| f.field.name == name)
                .expect("the fact") as u32,
        )
    };
    assert_eq!(french(fact("hearing")), Some("l'audience"));
    assert_eq!(french(fact("members")), Some("les membres"));
    assert_eq!(french(Described::Parameter(0)), Some("la redevance"));
    assert_eq!(french(Described::DeonticBinds(0)), Some("les membres"));
    assert_eq!(
        french(Described::DeonticAction(0)),
        Some("payer la redevance")
    );
    assert_eq!(french(Described::Reading(0)), Some("qui compte"));
    assert_eq!(
        french(Described::Alternative(0, 1)),
        Some("les adultes seulement")
    );
    assert_eq!(
        french(Described::Assumption(0)),
        Some("aucun membre n'est né après la date d'évaluation")
    );
    assert_eq!(french(Described::Instrument), Some("R fr"));
    assert_eq!(french(provision(&model, "p")), Some("P fr"));
    assert_eq!(french(definition(&model, "payers")), Some("qui paie"));
    // No Spanish anywhere: every question in Spanish is answered in English.
    assert_eq!(
        model.described(Described::Parameter(0), Lang::Es),
        Some("the fee")
    );
    assert_eq!(
        literal(&model, "must_pay", Lang::Fr),
        "Les membres {doivent|...} payer."
    );
}

/// An amendment's translations are checked where they are written, in the
/// amending file, and warned about against the languages of the base.
#[test]
fn an_amendments_translations_are_checked_in_its_own_file() {
    let problems = match load_policy(&Path::new(ROOT).join("tests/translations/bad_amended.policy"))
    {
        Ok(_) => panic!("the amendment checked"),
        Err(problems) => problems.items,
    };
    let codes: Vec<&str> = problems.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [
            "provisio::unknown_language",
            "provisio::duplicate_translation"
        ]
    );
    let names: Vec<String> = problems
        .iter()
        .filter_map(|p| p.source.as_ref().map(|s| s.name().to_string()))
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with("bad_amended.policy")),
        "{names:?}"
    );
    let checked = load_policy(&Path::new(ROOT).join("tests/translations/amended_missing.policy"))
        .expect("the amendment checks");
    let messages: Vec<&str> = checked
        .warnings
        .items
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["provision `art1` is not given in French: its heading falls back to English there"]
    );
}
