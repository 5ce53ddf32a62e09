//! Values given for definitions, in place of their rules: `provisio eval
//! --given NAME=VALUE` and a scenario's `"given": {NAME: VALUE}`.
//!
//! A given value fixes what a definition is for one evaluation, as a fact
//! is fixed by the facts: the definition's body and exceptions are not
//! evaluated, every rule that uses it sees the value given, and the
//! explanation says the value was given. It tests one rule in isolation.
//!
//! NAME is `provision.definition` (`para5.expiry_date`), or the
//! definition's name alone (`expiry_date`) when no other provision has a
//! definition of that name. Only definitions can be given: not a verdict
//! (give the definitions it reads), not a fact (give it in the facts), not
//! a deontic rule, an exception or a dated value, and not a definition with
//! parameters (it has a value per call, not one value). VALUE is read as a
//! facts file reads a required fact of the definition's type, so `"none"`
//! is accepted where the type allows none; it must be one exact value, not
//! a range or a choice of values.

use std::sync::Arc;

use super::locate::{Locator, Target};
use super::path::Path;
use super::tree::{self, Node};
use super::{FactsFormat, validate};
use crate::diagnostic::Problem;
use crate::model::{DefinitionId, Model};
use crate::span::{SourceFile, Span};
use crate::value::Value;

/// The code of a name that is not a definition that can be given.
pub const UNKNOWN_DEFINITION: &str = "provisio::given::unknown_definition";
/// The code of a name that is a rule or a name of another kind.
pub const CANNOT_GIVE: &str = "provisio::given::cannot_give";
/// The code of a definition given two different values.
pub const GIVEN_TWICE: &str = "provisio::given::given_twice";
/// The code of a value that is not one exact value of the definition's type.
pub const NOT_EXACT: &str = "provisio::given::not_exact";
/// The code of `--given` written without `=`.
pub const BAD_ARGUMENT: &str = "provisio::bad_argument";

/// The definitions given a value, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    /// `slots[id]` is the value given for definition `id`; empty when
    /// nothing is given, so that asking costs one comparison.
    slots: Vec<Option<Value>>,
}

impl Given {
    /// The value given for a definition, if one was.
    #[inline]
    pub fn value(&self, id: DefinitionId) -> Option<&Value> {
        self.slots.get(id as usize)?.as_ref()
    }

    /// Whether no definition is given a value.
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// Each definition given a value, in the policy's order.
    pub fn entries(&self) -> impl Iterator<Item = (DefinitionId, &Value)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(id, value)| Some((id as DefinitionId, value.as_ref()?)))
    }

    /// The same values given to the definitions of another version of an
    /// amended policy ([`Model::version_on`]), found by their qualified
    /// names; a definition that version does not have is left out.
    pub fn for_version(&self, from: &Model, to: &Model) -> Given {
        let mut moved = Given::default();
        for (id, value) in self.entries() {
            let name = qualified_name(from, id);
            let found = (0..to.definitions.len() as DefinitionId)
                .find(|other| qualified_name(to, *other) == name);
            if let Some(other) = found {
                moved.set(to, other, value.clone());
            }
        }
        moved
    }

    /// Gives definition `id` the value `value`, which the caller has read
    /// as a value of its type; the value it had before, if any.
    fn set(&mut self, model: &Model, id: DefinitionId, value: Value) -> Option<Value> {
        if self.slots.is_empty() {
            self.slots = vec![None; model.definitions.len()];
        }
        self.slots
            .get_mut(id as usize)
            .and_then(|slot| slot.replace(value))
    }

    /// Applies `NAME=VALUE`, as written after `--given` on the command
    /// line: VALUE is read as YAML (`2026-03-26`, `true`, `12.50`, `"USD
    /// 12.50"`, `customs_duty`, `none`, `[1, 2]`). Problems point into the
    /// argument.
    pub fn give_assignment(&mut self, model: &Model, assignment: &str) -> Result<(), Problem> {
        let source = SourceFile::new("--given", Arc::from(assignment));
        let Some((name, text)) = assignment.split_once('=') else {
            return Err(Problem::error(
                BAD_ARGUMENT,
                format!(
                    "`{}` does not give a definition's value",
                    crate::echo::shorten(assignment)
                ),
                Span::new(0, assignment.len()),
                "expected NAME=VALUE",
            )
            .with_help("write it as `--given para5.expiry_date=2026-03-26`")
            .in_file(&source));
        };
        let name_span = trimmed_span(assignment, 0, name.len());
        let value_start = name.len() + 1;
        let value_span = trimmed_span(assignment, value_start, assignment.len());
        let name = name.trim();
        let id = definition_named(model, name)
            .map_err(|fault| fault.problem(name_span).in_file(&source))?;
        let text = text.trim();
        if text.is_empty() {
            let ty = model.definitions.get(id as usize).map(|d| &d.ty);
            let form = ty.map_or_else(String::new, |ty| {
                format!(
                    ": {}",
                    super::describe::form(model, ty, FactsFormat::Yaml, false)
                )
            });
            return Err(Problem::error(
                BAD_ARGUMENT,
                format!("`{name}` is given no value"),
                Span::new(value_start - 1, value_start),
                "no value after `=`",
            )
            .with_help(format!("write the value after `=`{form}"))
            .in_file(&source));
        }
        let node = match tree::parse(text, FactsFormat::Yaml) {
            Ok(node) => node,
            // Not YAML: read as text, so that the type's own message says why.
            Err(_) => Node::String(text.to_string()),
        };
        let value = read_given(
            model,
            FactsFormat::Yaml,
            id,
            name,
            &node,
            &Path::root().key(name),
        )
        .map_err(|fault| fault.fault.problem(value_span).in_file(&source))?;
        self.give(model, id, name, value)
            .map_err(|fault| fault.problem(value_span).in_file(&source))
    }

    /// Gives a value, refusing a second, different value for the same definition.
    fn give(
        &mut self,
        model: &Model,
        id: DefinitionId,
        name: &str,
        value: Value,
    ) -> Result<(), Fault> {
        let Some(earlier) = self.set(model, id, value.clone()) else {
            return Ok(());
        };
        if earlier == value {
            return Ok(());
        }
        // The first value stands; the second is the mistake reported.
        self.set(model, id, earlier.clone());
        let qualified = qualified_name(model, id);
        Err(Fault {
            code: GIVEN_TWICE,
            message: format!(
                "`{qualified}` is given twice, as {} and as {}",
                model.format_value(&earlier),
                model.format_value(&value)
            ),
            label: format!("`{name}` was given {} before", model.format_value(&earlier)),
            help: format!("give `{qualified}` one value"),
        })
    }

    /// Reads the `key` entry of a scenario file (an object of `NAME:
    /// VALUE`), every problem located in the file.
    pub fn parse_in(
        model: &Model,
        source: &SourceFile,
        format: FactsFormat,
        key: &str,
    ) -> Result<Given, Vec<Problem>> {
        let mut given = Given::default();
        let text: &str = &source.text;
        let locator = Locator::new(text, format);
        let Ok(Node::Map(top)) = tree::parse(locator.body(), format) else {
            // A file that does not parse is reported with its facts.
            return Ok(given);
        };
        let Some((_, node)) = top.iter().find(|(k, _)| k == key) else {
            return Ok(given);
        };
        let at =
            |path: &Path, target: Target, hint: Option<&str>| locator.span(path, target, hint).0;
        let root = Path::root().key(key);
        let Node::Map(entries) = node else {
            let problem = Problem::error(
                "provisio::scenario",
                format!("`{key}` must map definitions to their values"),
                at(&root, Target::Value, None),
                "not a mapping of names to values",
            )
            .with_help(format!(
                "write `\"{key}\": {{\"para5.expiry_date\": \"2026-03-26\"}}`"
            ))
            .in_file(source);
            return Err(vec![problem]);
        };
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, node) in entries {
            let nth = seen.iter().filter(|s| **s == name.as_str()).count();
            seen.push(name);
            let path = root.key_nth(name, nth);
            let key_span = at(&path, Target::Key, None);
            let id = match definition_named(model, name.trim()) {
                Ok(id) => id,
                Err(fault) => {
                    problems.push(fault.problem(key_span).in_file(source));
                    continue;
                }
            };
            let hint = match node {
                Node::String(s) => Some(s.as_str()),
                _ => None,
            };
            let value_span = at(&path, Target::Value, hint);
            let value = match read_given(model, format, id, name, node, &path) {
                Ok(value) => value,
                Err(fault) => {
                    let span = fault
                        .at
                        .as_ref()
                        .map_or(value_span, |(p, t, h)| at(p, *t, h.as_deref()));
                    problems.push(fault.fault.problem(span).in_file(source));
                    continue;
                }
            };
            if let Err(fault) = given.give(model, id, name, value) {
                problems.push(fault.problem(value_span).in_file(source));
            }
        }
        if problems.is_empty() {
            Ok(given)
        } else {
            Err(problems)
        }
    }
}

/// The span of `text[start..end]` without its surrounding white space.
fn trimmed_span(text: &str, start: usize, end: usize) -> Span {
    let part = text.get(start..end).unwrap_or("");
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if part.trim().is_empty() {
        return Span::new(start, end);
    }
    Span::new(start + lead, end - trail)
}

/// What is wrong with a name or a value, before it is pointed at.
#[derive(Debug, Clone)]
struct Fault {
    code: &'static str,
    message: String,
    label: String,
    help: String,
}

impl Fault {
    fn problem(self, span: Span) -> Problem {
        Problem::error(
            self.code,
            crate::echo::shorten_quoted(&self.message).into_owned(),
            span,
            self.label,
        )
        .with_help(self.help)
    }
}

/// A fault in a value, with where inside it, when it is deeper than the
/// value itself (a field of a record).
struct ValueFault {
    fault: Fault,
    at: Option<(Path, Target, Option<String>)>,
}

/// A definition's name as a policy refers to it: `para5.expiry_date`.
pub fn qualified_name(model: &Model, id: DefinitionId) -> String {
    let Some(definition) = model.definitions.get(id as usize) else {
        return String::new();
    };
    match model.provisions.get(definition.provision as usize) {
        Some(provision) => format!("{}.{}", provision.name, definition.name),
        None => definition.name.clone(),
    }
}

/// The definition a name given a value stands for, or why it stands for none.
fn definition_named(model: &Model, name: &str) -> Result<DefinitionId, Fault> {
    let provision_named = |p: &str| model.provisions.iter().position(|info| info.name == p);
    let found: Vec<DefinitionId> = match name.split_once('.') {
        Some((provision, rule)) => match provision_named(provision) {
            Some(p) => model
                .definitions
                .iter()
                .enumerate()
                .filter(|(_, d)| d.provision as usize == p && d.name == rule)
                .map(|(id, _)| id as DefinitionId)
                .collect(),
            None => Vec::new(),
        },
        None => model
            .definitions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.name == name)
            .map(|(id, _)| id as DefinitionId)
            .collect(),
    };
    match found.as_slice() {
        [id] => {
            let takes = model
                .definitions
                .get(*id as usize)
                .map_or(0, |d| d.params.len());
            if takes > 0 {
                let qualified = qualified_name(model, *id);
                return Err(Fault {
                    code: CANNOT_GIVE,
                    message: format!(
                        "`{qualified}` has parameters, so it has no one value to give"
                    ),
                    label: "a definition with parameters".to_string(),
                    help:
                        "give the definitions its calls use, or the facts their arguments come from"
                            .to_string(),
                });
            }
            Ok(*id)
        }
        [] => Err(not_a_definition(model, name)),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|id| format!("`{}`", qualified_name(model, *id)))
                .collect();
            Err(Fault {
                code: UNKNOWN_DEFINITION,
                message: format!(
                    "`{name}` names a definition in several provisions: {}",
                    names.join(", ")
                ),
                label: "more than one definition".to_string(),
                help: format!(
                    "write the provision's name before it, such as {}",
                    names.first().cloned().unwrap_or_default()
                ),
            })
        }
    }
}

/// Why a name that is no definition cannot be given: it names something
/// else, or nothing (with the nearest definition's name).
fn not_a_definition(model: &Model, name: &str) -> Fault {
    let cannot = |message: String, label: &str, help: String| Fault {
        code: CANNOT_GIVE,
        message,
        label: label.to_string(),
        help,
    };
    if let Some(verdict) = model.verdicts.iter().find(|v| v.name == name) {
        let help = match &verdict.body.kind {
            crate::model::ExprKind::Definition(id) => format!(
                "a verdict is computed from the rules; give the definition it reads, `{}`",
                qualified_name(model, *id)
            ),
            _ => "a verdict is computed from the rules; give the definitions it uses".to_string(),
        };
        return cannot(
            format!("`{name}` is a verdict, which cannot be given"),
            "a verdict",
            help,
        );
    }
    if model.facts.iter().any(|f| f.field.name == name) {
        return cannot(
            format!("`{name}` is a fact, not a definition"),
            "a fact",
            format!("give `{name}` in the facts"),
        );
    }
    if let Some((provision, rule)) = name.split_once('.')
        && let Some(p) = model
            .provisions
            .iter()
            .position(|info| info.name == provision)
    {
        let in_provision = |n: &str, at: u32| n == rule && at as usize == p;
        let kind = if model
            .deontics
            .iter()
            .any(|d| in_provision(&d.name, d.provision))
        {
            Some("a deontic rule, whose status follows from its conditions")
        } else if model.exceptions.iter().any(|e| {
            e.name
                .as_deref()
                .is_some_and(|n| in_provision(n, e.provision))
        }) {
            Some("an exception, which applies or not by its condition")
        } else if model
            .parameters
            .iter()
            .any(|d| in_provision(&d.name, d.provision))
        {
            Some("a dated value, whose values the policy writes")
        } else {
            None
        };
        if let Some(kind) = kind {
            return cannot(
                format!("`{name}` is {kind}; only definitions can be given"),
                "not a definition",
                "give the definitions it uses".to_string(),
            );
        }
    }
    let qualified: Vec<String> = (0..model.definitions.len() as DefinitionId)
        .map(|id| qualified_name(model, id))
        .collect();
    let unique: Vec<&str> = model
        .definitions
        .iter()
        .map(|d| d.name.as_str())
        .filter(|n| model.definitions.iter().filter(|d| d.name == *n).count() == 1)
        .collect();
    let candidates = qualified.iter().map(String::as_str).chain(unique);
    let help = crate::suggest::did_you_mean(name, candidates).unwrap_or_else(|| {
        if qualified.is_empty() {
            "this policy has no definitions".to_string()
        } else {
            let shown: Vec<&str> = qualified.iter().take(8).map(String::as_str).collect();
            let more = if qualified.len() > shown.len() {
                ", ..."
            } else {
                ""
            };
            format!("the definitions are {}{more}", shown.join(", "))
        }
    });
    Fault {
        code: UNKNOWN_DEFINITION,
        message: format!("the policy has no definition `{name}`"),
        label: "not a definition of this policy".to_string(),
        help,
    }
}

/// A given value read as one exact value of the definition's type.
fn read_given(
    model: &Model,
    format: FactsFormat,
    id: DefinitionId,
    name: &str,
    node: &Node,
    path: &Path,
) -> Result<Value, Box<ValueFault>> {
    let Some(definition) = model.definitions.get(id as usize) else {
        return Ok(Value::UNKNOWN);
    };
    let (value, problems) = validate::read_value(model, format, node, &definition.ty, path);
    if let Some(problem) = problems.into_iter().next() {
        // The facts' message starts with the path; a given value's problem
        // names the definition instead.
        let message = problem
            .message
            .strip_prefix(&format!("{path}: "))
            .map(|rest| {
                if rest.starts_with(&format!("`{name}`")) {
                    rest.to_string()
                } else {
                    format!("`{name}`: {rest}")
                }
            })
            .unwrap_or(problem.message);
        let deeper = problem.at.segs().len() > path.segs().len();
        return Err(Box::new(ValueFault {
            fault: Fault {
                code: problem.kind.code(),
                message,
                label: problem.label,
                help: problem.help.unwrap_or_default(),
            },
            at: deeper.then_some((problem.at, problem.target, problem.hint)),
        }));
    }
    if !value.is_known() {
        return Err(Box::new(ValueFault {
            fault: Fault {
                code: NOT_EXACT,
                message: format!("`{name}` must be given one exact value, not a range or a choice"),
                label: "not one value".to_string(),
                help: format!(
                    "give {}: a given value stands for the definition's value itself",
                    model.type_name(&definition.ty)
                ),
            },
            at: None,
        }));
    }
    Ok(value)
}
