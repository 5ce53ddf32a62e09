//! Witnesses: one completion of a case, as a scenario `provisio test` runs.
//!
//! The case's constraints are solved (`Solver::solution` in `src/exact/solver.rs`),
//! each unknown as near a preferred value as the case allows: dates near
//! the policy's own date (its `scenarios as of`, else its adoption), numbers
//! and amounts near zero. Every fact the case leaves free takes a plain
//! value of its type, so that every fact is known. The facts are then read
//! as a facts file is, and the ordinary evaluator gives what the scenario
//! expects: what the policy gives, not what the analysis predicted.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use super::Context;
use super::describe::Named;
use crate::eval::{Evaluator, Input, NoTrace, Readings};
use crate::exact::cases::{Choice, OpenCases};
use crate::exact::solver::Node;
use crate::exact::term::{Path, Unit};
use crate::facts::{Facts, FactsFormat};
use crate::model::{FactId, Model, Type, VerdictId};
use crate::value::Value;

/// A scenario that shows a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Witness {
    /// What it shows, in words.
    pub description: String,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Every reading, with its alternative.
    pub readings: Vec<(String, String)>,
    /// Every fact, known.
    pub facts: Map<String, Json>,
    /// What the ordinary evaluator gives each verdict, as a scenario expects it.
    pub expect: Map<String, Json>,
}

impl Witness {
    /// The scenario file's content (JSON).
    pub fn scenario(&self) -> Json {
        let mut facts = Map::new();
        facts.insert(
            String::from(crate::facts::AS_OF),
            Json::String(self.as_of.to_string()),
        );
        facts.extend(self.facts.clone());
        let readings: Map<String, Json> = self
            .readings
            .iter()
            .map(|(r, a)| (r.clone(), Json::String(a.clone())))
            .collect();
        let mut scenario = Map::new();
        scenario.insert(
            String::from("description"),
            Json::String(self.description.clone()),
        );
        scenario.insert(String::from("facts"), Json::Object(facts));
        scenario.insert(String::from("readings"), Json::Object(readings));
        scenario.insert(String::from("expect"), Json::Object(self.expect.clone()));
        Json::Object(scenario)
    }

    /// The facts, date included, and readings, ready for the ordinary
    /// evaluator.
    pub fn input(&self, model: &Model) -> Result<(Facts, Readings), String> {
        let mut facts = Map::new();
        facts.insert(
            String::from(crate::facts::AS_OF),
            Json::String(self.as_of.to_string()),
        );
        facts.extend(self.facts.clone());
        let text = Json::Object(facts).to_string();
        let facts = crate::facts::parse_facts_text(model, "witness", &text, FactsFormat::Json)
            .map_err(|e| format!("the witness's facts do not read: {e:?}"))?;
        let mut readings = Readings::defaults(model);
        for (name, alternative) in &self.readings {
            readings
                .choose(model, name, alternative)
                .map_err(|p| format!("the witness's reading does not read: {}", p.message))?;
        }
        Ok((facts, readings))
    }
}

/// The date witnesses prefer: the policy's own.
pub(crate) fn anchor(model: &Model) -> NaiveDate {
    model
        .instrument
        .scenarios_as_of
        .or(model.instrument.adopted)
        .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
        .unwrap_or(NaiveDate::MIN)
}

/// One solution of a case's constraints, each date as near `anchor` as the
/// case allows and each number or amount as near zero, so that a witness
/// reads as an ordinary case.
pub(crate) fn solve_near(
    open: &OpenCases<'_, '_>,
    path: &Path,
    names: &[(Node, Named, Unit)],
    anchor: NaiveDate,
) -> Result<Vec<Decimal>, String> {
    let (anchor_days, _) = crate::exact::term::amount_of(crate::value::Scalar::Date(anchor));
    let preferred = |node: Node| match unit_of(names, node) {
        Unit::Date => anchor_days,
        _ => Decimal::ZERO,
    };
    open.solve(path, preferred)
        .map_err(|_| String::from("the case's constraints could not be solved"))
}

/// The unit of a node; a node without a name is a number.
pub(crate) fn unit_of(names: &[(Node, Named, Unit)], node: Node) -> Unit {
    names
        .iter()
        .find(|(n, _, _)| *n == node)
        .map_or(Unit::Number, |(_, _, u)| *u)
}

/// A witness of a case; `Err` with the reason when none can be made.
pub(crate) fn build(
    ctx: &mut Context<'_, '_, '_>,
    path: &Path,
    description: String,
) -> Result<Witness, String> {
    let model = ctx.model;
    let names = super::describe::nodes(model, ctx.open);
    let values = solve_near(ctx.open, path, &names, anchor(model))?;
    let unit_of = |node: u32| unit_of(&names, node);
    let mut choices = Vec::new();
    for (index, option) in &path.choices {
        let meaning = ctx
            .open
            .choice(*index)
            .ok_or("a choice of the case is unknown")?;
        choices.push((meaning, *option));
    }
    let fixed = |fact: FactId| {
        model
            .facts
            .get(fact as usize)
            .and_then(|f| f.fixed.as_ref())
    };
    let completion = Completion {
        values: &values,
        as_of: ctx.open.as_of(),
        unit_of: &unit_of,
        scalars: ctx.open.scalars(),
        choices: &choices,
        known: &fixed,
    };
    complete(model, &completion, description)
}

/// A solution of a case, and what it means for one policy: its unknown
/// dates, numbers and amounts with their nodes, and the options its case
/// chose for its discrete unknowns.
pub(crate) struct Completion<'s> {
    /// The value of each node.
    pub values: &'s [Decimal],
    /// The node of the evaluation date.
    pub as_of: u32,
    /// What a node measures.
    pub unit_of: &'s dyn Fn(u32) -> Unit,
    /// The policy's unknown ordered facts (a fact beyond its facts is
    /// another policy's, and left alone).
    pub scalars: &'s [(FactId, Box<[u32]>, u32)],
    /// The case's choices, each with what it stands for in the policy.
    pub choices: &'s [(Choice, u32)],
    /// What is known of a fact beforehand (given by the policy or a file).
    pub known: &'s dyn Fn(FactId) -> Option<&'s Value>,
}

/// A witness of a solved case for one policy: every fact known, each the
/// case's value or a plain value of its type, and what the ordinary
/// evaluator gives.
pub(crate) fn complete(
    model: &Model,
    completion: &Completion<'_>,
    description: String,
) -> Result<Witness, String> {
    let value_of = |node: u32, unit: Unit| {
        completion
            .values
            .get(node as usize)
            .and_then(|amount| unit.value(*amount))
    };
    let as_of = match value_of(completion.as_of, Unit::Date) {
        Some(Value::Date(d)) => d,
        _ => return Err(String::from("the case's date is out of the calendar")),
    };
    let mut facts: Vec<Json> = model
        .facts
        .iter()
        .enumerate()
        .map(|(id, f)| match (completion.known)(id as FactId) {
            Some(known) if !matches!(known, Value::Unknown(_)) => {
                known_json(model, known, &f.field.ty, as_of)
            }
            _ => default_json(model, &f.field.ty, as_of),
        })
        .collect();
    let mut set: Vec<(FactId, Vec<u32>)> = Vec::new();
    for (fact, fields, node) in completion.scalars {
        if *fact as usize >= model.facts.len() {
            continue;
        }
        let value = value_of(*node, (completion.unit_of)(*node))
            .ok_or("a value of the case is out of range")?;
        put(&mut facts, *fact, fields, scalar_json(&value));
        set.push((*fact, fields.to_vec()));
    }
    let mut readings: Vec<(String, String)> = model
        .readings
        .iter()
        .map(|r| {
            let alt = r.alternatives.get(r.default as usize);
            (
                r.name.clone(),
                alt.map(|a| a.name.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let mut nones = Vec::new();
    for (meaning, option) in completion.choices {
        match meaning {
            Choice::IsNone(fact, fields) if *option == 0 => nones.push((*fact, fields.clone())),
            Choice::IsNone(..) => {}
            Choice::Value(fact, fields) => {
                let value = match model.fact_type(*fact, fields).map(Type::without_none) {
                    Some(Type::Enum(id)) => model
                        .enums
                        .get(*id as usize)
                        .and_then(|e| e.values.get(*option as usize))
                        .map(|v| Json::String(v.clone()))
                        .ok_or("an enumeration value of the case is out of range")?,
                    _ => Json::Bool(*option == 1),
                };
                put(&mut facts, *fact, fields, value);
            }
            Choice::Reading(reading) => {
                let alt = model
                    .readings
                    .get(*reading as usize)
                    .and_then(|r| r.alternatives.get(*option as usize))
                    .ok_or("a reading of the case is out of range")?;
                if let Some(slot) = readings.get_mut(*reading as usize) {
                    slot.1 = alt.name.clone();
                }
            }
        }
    }
    // `"none"` in a facts file; `null` would say "not known".
    for (fact, fields) in nones {
        put(
            &mut facts,
            fact,
            &fields,
            Json::String(String::from("none")),
        );
    }
    order_events(model, &mut facts, &set);
    let facts: Map<String, Json> = model
        .facts
        .iter()
        .zip(facts)
        .map(|(f, v)| (f.field.name.clone(), v))
        .collect();
    let mut witness = Witness {
        description,
        as_of,
        readings,
        facts,
        expect: Map::new(),
    };
    witness.expect = expected(model, &witness)?;
    Ok(witness)
}

/// What the ordinary evaluator gives each verdict of a witness, in the
/// terms of a scenario's `expect`.
pub fn expected(model: &Model, witness: &Witness) -> Result<Map<String, Json>, String> {
    let (facts, readings) = witness.input(model)?;
    let input = Input {
        facts: &facts,
        as_of: witness.as_of,
        readings: &readings,
    };
    let mut evaluator = Evaluator::new(model);
    let mut expect = Map::new();
    for (id, verdict) in model.verdicts.iter().enumerate() {
        let id = id as VerdictId;
        let outcome = match evaluator.verdict_in_force(&input, id) {
            Ok(Value::Bool(false)) => Ok(None),
            Ok(_) => evaluator.verdict(&input, id, &mut NoTrace).map(Some),
            Err(error) => Err(error),
        };
        let json = match outcome {
            Ok(None) => status("not_in_force"),
            Ok(Some(value)) if value.is_known() => crate::render::json::value_json(model, &value),
            Ok(Some(_)) => status("undetermined"),
            Err(error) => {
                let mut entry = Map::new();
                entry.insert(
                    String::from("error"),
                    Json::String(error.code().to_string()),
                );
                Json::Object(entry)
            }
        };
        expect.insert(verdict.name.clone(), json);
    }
    Ok(expect)
}

fn status(name: &str) -> Json {
    let mut entry = Map::new();
    entry.insert(String::from("status"), Json::String(name.to_string()));
    Json::Object(entry)
}

/// A known date, number or amount as a facts file writes it.
fn scalar_json(value: &Value) -> Json {
    match value {
        Value::Date(d) => Json::String(d.to_string()),
        Value::Money(m) => Json::String(format!("{} {}", m.currency(), m.amount())),
        Value::Number(n) => number(*n),
        other => Json::String(format!("{other:?}")),
    }
}

fn number(n: Decimal) -> Json {
    n.normalize()
        .to_string()
        .parse::<serde_json::Number>()
        .map_or(Json::Null, Json::Number)
}

/// A plain value of a type, for a fact the case leaves free.
fn default_json(model: &Model, ty: &Type, as_of: NaiveDate) -> Json {
    match ty {
        Type::Bool => Json::Bool(false),
        Type::Integer | Type::Decimal | Type::Error => number(Decimal::ZERO),
        Type::Money(currency) => Json::String(format!("{currency} 0")),
        Type::Date => Json::String(as_of.to_string()),
        Type::Text => Json::String(String::new()),
        Type::Enum(id) => model
            .enums
            .get(*id as usize)
            .and_then(|e| e.values.first())
            .map_or(Json::Null, |v| Json::String(v.clone())),
        Type::Record(id) => Json::Object(
            model
                .records
                .get(*id as usize)
                .map(|r| {
                    r.fields
                        .iter()
                        .map(|f| (f.name.clone(), default_json(model, &f.ty, as_of)))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        Type::List(_) | Type::Scale(_) => Json::Array(Vec::new()),
        Type::OrNone(inner) => default_json(model, inner, as_of),
    }
}

/// A value the policy fixes, its unknown parts plain values of their type.
fn known_json(model: &Model, value: &Value, ty: &Type, as_of: NaiveDate) -> Json {
    match (value, ty.without_none()) {
        (Value::Record(values), Type::Record(id)) => {
            let Some(record) = model.records.get(*id as usize) else {
                return default_json(model, ty, as_of);
            };
            Json::Object(
                record
                    .fields
                    .iter()
                    .zip(values.iter())
                    .map(|(f, v)| (f.name.clone(), known_json(model, v, &f.ty, as_of)))
                    .collect(),
            )
        }
        (Value::None, _) => Json::String(String::from("none")),
        (Value::Date(_) | Value::Money(_) | Value::Number(_), _) => scalar_json(value),
        (Value::Bool(b), _) => Json::Bool(*b),
        (Value::Enum(..), _) | (Value::Text(_), _) => crate::render::json::value_json(model, value),
        _ => default_json(model, ty, as_of),
    }
}

/// Puts a value at a fact's field path, making records on the way.
fn put(facts: &mut [Json], fact: FactId, fields: &[u32], value: Json) {
    let Some(mut slot) = facts.get_mut(fact as usize) else {
        return;
    };
    for field in fields.iter().copied() {
        let Json::Object(map) = slot else { return };
        let Some(key) = map.keys().nth(field as usize).cloned() else {
            return;
        };
        let Some(next) = map.get_mut(&key) else {
            return;
        };
        slot = next;
    }
    *slot = value;
}

/// An event's opening set by the case and its closing left free (or the
/// reverse): the free end moved so that the opening is not after the
/// closing.
fn order_events(model: &Model, facts: &mut [Json], set: &[(FactId, Vec<u32>)]) {
    for (index, info) in model.facts.iter().enumerate() {
        if !info.is_event {
            continue;
        }
        let Some(Json::Object(map)) = facts.get_mut(index) else {
            continue;
        };
        let (Some(Json::String(opening)), Some(Json::String(closing))) =
            (map.get("opening").cloned(), map.get("closing").cloned())
        else {
            continue;
        };
        if opening <= closing {
            continue;
        }
        let opening_at = map.keys().position(|k| k == "opening").map(|i| i as u32);
        let opening_set = set
            .iter()
            .any(|(f, p)| *f as usize == index && p.first().copied() == opening_at);
        if opening_set {
            map.insert(String::from("closing"), Json::String(opening));
        } else {
            map.insert(String::from("opening"), Json::String(closing));
        }
    }
}
