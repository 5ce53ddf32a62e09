//! `--compare`: each verdict under the base and under the reform, side by
//! side, those that differ first, as text, JSON and Markdown.
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
use crate::model::{Model, VerdictId};
use crate::value::Value;
use crate::words::human_date;

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

/// The header both renderings start from: the base's title, the date, and
/// the reform's changes in force on it.
fn reform_line(reformed: &Model, as_of: NaiveDate) -> String {
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
        .amended_line()
        .map(|line| line.replacen("As amended: ", "", 1))
        .unwrap_or_else(|| String::from("none of its changes applies on this date"));
    format!("Reform: {instrument}; in force on the date: {changes}")
}

/// The comparison as text: a table of the verdicts that differ, then one
/// of those that do not.
pub fn render_text(base: &Model, reformed: &Model, comparison: &Comparison) -> String {
    let mut out = String::new();
    let instrument = &base.instrument;
    if !instrument.title.is_empty() {
        let _ = write!(out, "{}", instrument.title);
        if let Some(symbol) = &instrument.symbol {
            let _ = write!(out, " ({symbol})");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "As of {}", human_date(comparison.as_of));
    let _ = writeln!(out, "{}", reform_line(reformed, comparison.as_of));
    let total = comparison.verdicts.len();
    let differ: Vec<&Compared> = comparison.verdicts.iter().filter(|v| v.differs).collect();
    let same: Vec<&Compared> = comparison.verdicts.iter().filter(|v| !v.differs).collect();
    for (heading, rows) in [("Differ", differ), ("Same", same)] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({} of {total})", rows.len());
        let width = |f: &dyn Fn(&Compared) -> usize, title: usize| {
            rows.iter().map(|r| f(r)).max().unwrap_or(0).max(title)
        };
        let name_width = width(&|r| r.name.chars().count(), "verdict".len());
        let base_width = width(&|r| r.base.shown.chars().count(), "base".len());
        let _ = writeln!(
            out,
            "  {:name_width$}  {:base_width$}  with the reform",
            "verdict", "base"
        );
        for row in rows {
            let _ = writeln!(
                out,
                "  {:name_width$}  {:base_width$}  {}",
                row.name, row.base.shown, row.reform.shown
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

/// The comparison as Markdown: one table, the verdicts that differ first.
pub fn render_markdown(base: &Model, reformed: &Model, comparison: &Comparison) -> String {
    let escape = |text: &str| text.replace('|', "\\|");
    let mut out = String::new();
    let title = if base.instrument.title.is_empty() {
        String::from("Comparison")
    } else {
        escape(&base.instrument.title)
    };
    let _ = writeln!(out, "# {title}: base and reform\n");
    let _ = writeln!(
        out,
        "Evaluated as of **{}**. {}.\n",
        human_date(comparison.as_of),
        escape(&reform_line(reformed, comparison.as_of))
    );
    let _ = writeln!(
        out,
        "{} of {} verdicts differ.\n",
        comparison.differing(),
        comparison.verdicts.len()
    );
    let _ = writeln!(out, "| verdict | base | with the reform | differs |");
    let _ = writeln!(out, "|---|---|---|---|");
    for v in &comparison.verdicts {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            v.name,
            escape(&v.base.shown),
            escape(&v.reform.shown),
            if v.differs { "yes" } else { "no" }
        );
    }
    out
}
