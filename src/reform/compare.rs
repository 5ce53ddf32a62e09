//! `--compare`: each verdict under the base and under the reform, side by
//! side, those that differ first, as text, JSON and Markdown. Text and
//! Markdown are written in the language asked for; JSON, with each side's
//! English `shown`, is the same in every language.
//!
//! The reformed model's facts and readings begin with the base's, in the
//! same order (an amendment adds its own after them), so one set of facts,
//! loaded for the reformed model, serves both; only definitions given a
//! value (`--given`) are named by each model's own ids, so the caller gives
//! each side its own facts.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use crate::eval::{AsOfSource, EvalError, Readings, VerdictOutcome, evaluate_only};
use crate::facts::Facts;
use crate::locale::Lang;
use crate::model::translations::Described;
use crate::model::{Model, VerdictId};
use crate::value::Value;

/// One verdict on one side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Its value; unknown when undetermined, not in force or errored.
    pub value: Value,
    /// Whether it applies on the date.
    pub in_force: Value,
    /// The error that kept it from a value, if any.
    pub error: Option<EvalError>,
    /// Its value in words, as the comparison shows it.
    pub shown: String,
}

/// One verdict under the base and under the reform.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The verdict.
    pub verdict: VerdictId,
    /// Its name.
    pub name: String,
    /// Under the base.
    pub base: Side,
    /// Under the reform.
    pub reform: Side,
    /// Whether the two differ: in value, in whether it applies, or in
    /// whether it could be evaluated.
    pub differs: bool,
}

/// The verdicts under the base and the reform, on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The date.
    pub as_of: NaiveDate,
    /// Where the date came from.
    pub as_of_source: AsOfSource,
    /// The verdicts that differ, in declaration order, then the others.
    pub verdicts: Vec<Compared>,
}

impl Comparison {
    /// How many verdicts differ.
    pub fn differing(&self) -> usize {
        self.verdicts.iter().filter(|v| v.differs).count()
    }
}

/// Evaluates the verdicts asked for under the base and under the reformed
/// model, on the same date and readings. `readings` are the reformed
/// model's; the base takes those of its own readings.
#[allow(clippy::too_many_arguments)]
pub fn compare(
    base: &Model,
    reformed: &Model,
    base_facts: &Facts,
    facts: &Facts,
    as_of: NaiveDate,
    as_of_source: AsOfSource,
    readings: &Readings,
    asked: &[VerdictId],
) -> Comparison {
    let base_readings = Readings {
        alternatives: readings
            .alternatives
            .iter()
            .copied()
            .take(base.readings.len())
            .collect(),
        chosen: readings
            .chosen
            .iter()
            .copied()
            .take(base.readings.len())
            .collect(),
    };
    let under_base = evaluate_only(base, base_facts, as_of, as_of_source, &base_readings, asked);
    let under_reform = evaluate_only(reformed, facts, as_of, as_of_source, readings, asked);
    let base_version = base.version_on(as_of);
    let reform_version = reformed.version_on(as_of);
    let mut verdicts: Vec<Compared> = under_base
        .verdicts
        .iter()
        .filter_map(|b| {
            let r = under_reform
                .verdicts
                .iter()
                .find(|r| r.verdict == b.verdict)?;
            let name = base.verdicts.get(b.verdict as usize)?.name.clone();
            let base = side(base_version, b);
            let reform = side(reform_version, r);
            let differs = base.value != reform.value
                || base.in_force != reform.in_force
                || base.error.is_some() != reform.error.is_some();
            Some(Compared {
                verdict: b.verdict,
                name,
                base,
                reform,
                differs,
            })
        })
        .collect();
    // Stable: declaration order within each group.
    verdicts.sort_by_key(|v| !v.differs);
    Comparison {
        as_of,
        as_of_source,
        verdicts,
    }
}

fn side(model: &Model, outcome: &VerdictOutcome) -> Side {
    let shown = if let Some(error) = &outcome.error {
        format!("error: {}", error.to_problem(model).message)
    } else if outcome.in_force == Value::Bool(false) {
        String::from("not in force")
    } else if outcome.value.is_known() {
        model.format_value(&outcome.value)
    } else {
        let range = match &outcome.value {
            Value::Unknown(bounds) => crate::words::bounds_words(bounds),
            _ => None,
        };
        match range {
            Some(range) => format!("undetermined ({range})"),
            None => String::from("undetermined"),
        }
    };
    Side {
        value: outcome.value.clone(),
        in_force: outcome.in_force.clone(),
        error: outcome.error.clone(),
        shown,
    }
}

/// One side's value as the comparison shows it in `lang`: English is
/// [`Side::shown`], which JSON gives too; the other languages write the
/// value in their words, with `model` the side's version on the date, and
/// an error by its code.
fn shown_in(model: &Model, verdict: VerdictId, side: &Side, lang: Lang) -> String {
    if lang == Lang::En {
        return side.shown.clone();
    }
    let say = lang.words();
    if let Some(error) = &side.error {
        // The error's message is a diagnostic's, in English; its code is
        // the same in every language, as `eval --all-readings` writes it.
        say.one(say.tables.error_with, error.code())
    } else if side.in_force == Value::Bool(false) {
        String::from(say.not_in_force)
    } else if side.value.is_known() {
        model
            .verdicts
            .get(verdict as usize)
            .and_then(|v| crate::render::keys::keyed_words_in(model, v, &side.value, lang))
            .unwrap_or_else(|| crate::words::value_words_in(model, &side.value, say))
    } else {
        let range = match &side.value {
            Value::Unknown(bounds) => crate::words::bounds_words_in(bounds, say),
            _ => None,
        };
        match range {
            Some(range) => say.one(say.undetermined_with.0, &range),
            None => String::from(say.undetermined),
        }
    }
}

/// One verdict's row in `lang`: its name and each side's value.
struct Row {
    name: String,
    base: String,
    reform: String,
    differs: bool,
}

/// The rows of the comparison, in its order, in `lang`.
fn rows(base: &Model, reformed: &Model, comparison: &Comparison, lang: Lang) -> Vec<Row> {
    let base_version = base.version_on(comparison.as_of);
    let reform_version = reformed.version_on(comparison.as_of);
    comparison
        .verdicts
        .iter()
        .map(|v| Row {
            name: v.name.clone(),
            base: shown_in(base_version, v.verdict, &v.base, lang),
            reform: shown_in(reform_version, v.verdict, &v.reform, lang),
            differs: v.differs,
        })
        .collect()
}

/// The base instrument's title in `lang` where the policy gives it.
fn title(base: &Model, lang: Lang) -> &str {
    base.described(Described::Instrument, lang)
        .unwrap_or(&base.instrument.title)
}

/// The header both renderings start from: the base's title, the date, and
/// the reform's changes in force on it.
fn reform_line(reformed: &Model, as_of: NaiveDate, lang: Lang) -> String {
    let say = lang.words();
    let instrument = reformed
        .amended
        .as_ref()
        .and_then(|a| a.instruments.first())
        .map(|(title, symbol)| match symbol {
            Some(symbol) => format!("{title} ({symbol})"),
            None => title.clone(),
        })
        .unwrap_or_default();
    let changes = reformed
        .version_on(as_of)
        .amended_changes_in(lang)
        .unwrap_or_else(|| String::from(say.tables.no_change_applies));
    say.fill(say.tables.reform, &[('x', &instrument), ('r', &changes)])
}

/// The comparison as text, in English: a table of the verdicts that
/// differ, then one of those that do not.
pub fn render_text(base: &Model, reformed: &Model, comparison: &Comparison) -> String {
    render_text_in(base, reformed, comparison, Lang::En)
}

/// The comparison as text, in `lang`'s words.
pub fn render_text_in(
    base: &Model,
    reformed: &Model,
    comparison: &Comparison,
    lang: Lang,
) -> String {
    let say = lang.words();
    let tables = &say.tables;
    let mut out = String::new();
    let instrument = &base.instrument;
    if !instrument.title.is_empty() {
        let _ = write!(out, "{}", title(base, lang));
        if let Some(symbol) = &instrument.symbol {
            let _ = write!(out, " ({symbol})");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}",
        say.one(tables.as_of, &say.date(comparison.as_of))
    );
    let _ = writeln!(out, "{}", reform_line(reformed, comparison.as_of, lang));
    let total = comparison.verdicts.len().to_string();
    let all = rows(base, reformed, comparison, lang);
    let differ: Vec<&Row> = all.iter().filter(|v| v.differs).collect();
    let same: Vec<&Row> = all.iter().filter(|v| !v.differs).collect();
    let [verdict_head, base_head, reform_head, _] = tables.compare_heads;
    for (heading, rows) in [(tables.differ_same.0, differ), (tables.differ_same.1, same)] {
        if rows.is_empty() {
            continue;
        }
        let count = rows.len().to_string();
        let _ = writeln!(
            out,
            "\n{}",
            say.fill(heading, &[('x', &count), ('r', &total)])
        );
        // Columns are padded by characters: the words may carry accents.
        let width = |f: &dyn Fn(&Row) -> usize, title: &str| {
            rows.iter()
                .map(|r| f(r))
                .max()
                .unwrap_or(0)
                .max(title.chars().count())
        };
        let name_width = width(&|r| r.name.chars().count(), verdict_head);
        let base_width = width(&|r| r.base.chars().count(), base_head);
        let _ = writeln!(
            out,
            "  {verdict_head:name_width$}  {base_head:base_width$}  {reform_head}",
        );
        for row in rows {
            let _ = writeln!(
                out,
                "  {:name_width$}  {:base_width$}  {}",
                row.name, row.base, row.reform
            );
        }
    }
    out
}

/// The comparison as JSON: `{"as_of", "reform", "amendments", "differing",
/// "verdicts": [{"verdict", "differs", "base", "reform"}]}`, each side
/// `{"value", "status", "shown"}` (and `"error"`).
pub fn to_json(base: &Model, reformed: &Model, comparison: &Comparison) -> Json {
    let side_json = |model: &Model, side: &Side| -> Json {
        let status = if side.error.is_some() {
            "error"
        } else if side.in_force == Value::Bool(false) {
            "not_in_force"
        } else if side.value.is_known() {
            "determined"
        } else {
            "undetermined"
        };
        let mut entry = json!({
            "value": crate::render::json::value_json(model, &side.value),
            "status": status,
            "shown": side.shown,
        });
        if let (Some(error), Json::Object(map)) = (&side.error, &mut entry) {
            map.insert(
                String::from("error"),
                crate::render::json::error_json(model, error),
            );
        }
        entry
    };
    let base_version = base.version_on(comparison.as_of);
    let reform_version = reformed.version_on(comparison.as_of);
    let verdicts: Vec<Json> = comparison
        .verdicts
        .iter()
        .map(|v| {
            json!({
                "verdict": v.name,
                "differs": v.differs,
                "base": side_json(base_version, &v.base),
                "reform": side_json(reform_version, &v.reform),
            })
        })
        .collect();
    let (title, symbol) = reformed
        .amended
        .as_ref()
        .and_then(|a| a.instruments.first().cloned())
        .unwrap_or_default();
    let amendments: Vec<Json> = reform_version
        .amended
        .as_ref()
        .map(|a| {
            a.changes
                .iter()
                .map(crate::render::json::change_json)
                .collect()
        })
        .unwrap_or_default();
    json!({
        "as_of": comparison.as_of.format("%Y-%m-%d").to_string(),
        "reform": {"title": title, "symbol": symbol},
        "amendments": amendments,
        "differing": comparison.differing(),
        "verdicts": verdicts,
    })
}

/// The comparison as pretty-printed JSON, with a final newline.
pub fn render_json(base: &Model, reformed: &Model, comparison: &Comparison) -> String {
    let mut text =
        serde_json::to_string_pretty(&to_json(base, reformed, comparison)).unwrap_or_default();
    text.push('\n');
    text
}

/// The comparison as Markdown, in English: one table, the verdicts that
/// differ first.
pub fn render_markdown(base: &Model, reformed: &Model, comparison: &Comparison) -> String {
    render_markdown_in(base, reformed, comparison, Lang::En)
}

/// The comparison as Markdown, in `lang`'s words.
pub fn render_markdown_in(
    base: &Model,
    reformed: &Model,
    comparison: &Comparison,
    lang: Lang,
) -> String {
    let say = lang.words();
    let tables = &say.tables;
    let escape = |text: &str| text.replace('|', "\\|");
    let mut out = String::new();
    let heading = if base.instrument.title.is_empty() {
        String::from(tables.md_compare_title.1)
    } else {
        say.one(tables.md_compare_title.0, &escape(title(base, lang)))
    };
    let _ = writeln!(out, "# {heading}\n");
    let _ = writeln!(
        out,
        "{}\n",
        say.fill(
            tables.md_evaluated,
            &[
                ('x', &say.date(comparison.as_of)),
                ('r', &escape(&reform_line(reformed, comparison.as_of, lang))),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        say.fill(
            tables.md_differing,
            &[
                ('x', &comparison.differing().to_string()),
                ('r', &comparison.verdicts.len().to_string()),
            ]
        )
    );
    let _ = writeln!(out, "| {} |", tables.compare_heads.join(" | "));
    let _ = writeln!(out, "|---|---|---|---|");
    for row in rows(base, reformed, comparison, lang) {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            row.name,
            escape(&row.base),
            escape(&row.reform),
            if row.differs {
                tables.yes_no.0
            } else {
                tables.yes_no.1
            }
        );
    }
    out
}
