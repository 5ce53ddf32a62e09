//! What the report links together, read off the verdicts' explanations:
//! each rule's value and the verdicts that used it, and the facts each
//! verdict read and those that decided it.

use std::collections::BTreeMap;

use crate::eval::trace::RuleRef;
use crate::eval::{Evaluation, VerdictOutcome};
use crate::explain::{Detail, RuleStep, explain};
use crate::locale::Lang;
use crate::model::{FactId, Model};

/// A rule of the policy that may cite a phrase of its provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rule {
    /// A definition, a deontic rule or an exception.
    Step(RuleKey),
    /// A dated value.
    Parameter(u32),
}

/// [`RuleRef`], ordered, for maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum RuleKey {
    /// A definition.
    Definition(u32),
    /// A deontic rule.
    Deontic(u32),
    /// An exception.
    Exception(u32),
}

impl RuleKey {
    /// The key of a rule of the trace.
    pub(crate) fn of(rule: RuleRef) -> RuleKey {
        match rule {
            RuleRef::Definition(id) => RuleKey::Definition(id),
            RuleRef::Deontic(id) => RuleKey::Deontic(id),
            RuleRef::Exception(id) => RuleKey::Exception(id),
        }
    }
}

impl Rule {
    /// The id of the rule's entry under its provision's text.
    pub(crate) fn anchor(self) -> String {
        match self {
            Rule::Step(RuleKey::Definition(id)) => format!("rule-d{id}"),
            Rule::Step(RuleKey::Deontic(id)) => format!("rule-o{id}"),
            Rule::Step(RuleKey::Exception(id)) => format!("rule-x{id}"),
            Rule::Parameter(id) => format!("rule-p{id}"),
        }
    }

    /// The id of the first place in the text where the rule's phrase stands.
    pub(crate) fn phrase_anchor(self) -> String {
        format!("phrase-{}", self.anchor().trim_start_matches("rule-"))
    }
}

/// One value a rule gave, with the arguments of the call when it is a
/// definition with parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleValue {
    /// The arguments, as `name = value` in words; empty for a plain rule.
    pub arguments: String,
    /// The value in words, or for an exception whether it applied.
    pub value: String,
    /// Whether it was given in place of the rule.
    pub given: bool,
}

/// A verdict, or one element of a verdict given for each element, as a
/// page names and links it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerdictRef {
    /// Its name, with the element's key in words for an element.
    pub name: String,
    /// The id of its section.
    pub anchor: String,
}

/// Everything the report links: rules to values and verdicts, facts to
/// the verdicts they decided.
#[derive(Debug, Default)]
pub(crate) struct RuleIndex {
    /// The values each rule gave, in the order first met, and the verdicts
    /// that used it.
    pub rules: BTreeMap<RuleKey, (Vec<RuleValue>, Vec<VerdictRef>)>,
    /// For each fact (and field path) that decided some verdict: those verdicts.
    pub decided: BTreeMap<(FactId, Box<[u32]>), Vec<VerdictRef>>,
    /// For each fact (and field path) any verdict read: those verdicts.
    pub read: BTreeMap<(FactId, Box<[u32]>), Vec<VerdictRef>>,
}

/// The id of a verdict's section: its name, which the language keeps to
/// letters, digits and underscores.
pub(crate) fn verdict_anchor(name: &str) -> String {
    format!("verdict-{name}")
}

/// The id of a provision's section: its name, which the language keeps to
/// letters, digits, underscores and the dots of a used policy's names.
pub(crate) fn provision_anchor(model: &Model, id: u32) -> String {
    match model.provisions.get(id as usize) {
        Some(info) => format!("provision-{}", info.name),
        None => format!("provision-{id}"),
    }
}

impl RuleIndex {
    /// Reads every verdict's explanations: in full, for the rules used; the
    /// steps that decided, for the facts that decided. Values and the names
    /// of elements are in `lang`'s words.
    pub(crate) fn build(model: &Model, evaluation: &Evaluation<'_>, lang: Lang) -> RuleIndex {
        let say = lang.words();
        let mut index = RuleIndex::default();
        for outcome in &evaluation.verdicts {
            let Some(verdict) = model.verdicts.get(outcome.verdict as usize) else {
                continue;
            };
            let anchor = verdict_anchor(&verdict.name);
            match &outcome.elements {
                Some(elements) => {
                    for (i, element) in elements.iter().enumerate() {
                        let name = say.fill(
                            say.tables.html_element,
                            &[
                                ('x', &verdict.name),
                                (
                                    'r',
                                    &crate::render::keys::key_words_in(model, &element.key, lang),
                                ),
                            ],
                        );
                        let at = VerdictRef {
                            name,
                            anchor: format!("{anchor}-{i}"),
                        };
                        index.add((model, evaluation), &element.outcome, &at, lang);
                    }
                }
                None => {
                    let at = VerdictRef {
                        name: verdict.name.clone(),
                        anchor,
                    };
                    index.add((model, evaluation), outcome, &at, lang);
                }
            }
        }
        index
    }

    fn add(
        &mut self,
        (model, evaluation): (&Model, &Evaluation<'_>),
        outcome: &VerdictOutcome,
        at: &VerdictRef,
        lang: Lang,
    ) {
        if let Some(full) = explain(model, evaluation, outcome, Detail::Full) {
            for step in &full.steps {
                self.add_step(model, step, at, lang);
            }
            for fact in &full.facts {
                push_once(
                    self.read
                        .entry((fact.fact, fact.fields.clone()))
                        .or_default(),
                    at,
                );
            }
        }
        if let Some(decisive) = explain(model, evaluation, outcome, Detail::Decisive) {
            for fact in &decisive.facts {
                push_once(
                    self.decided
                        .entry((fact.fact, fact.fields.clone()))
                        .or_default(),
                    at,
                );
            }
        }
    }

    fn add_step(&mut self, model: &Model, step: &RuleStep, at: &VerdictRef, lang: Lang) {
        let say = lang.words();
        let (applies, does_not, may) = say.tables.html_applies;
        let (values, verdicts) = self.rules.entry(RuleKey::of(step.rule)).or_default();
        let value = RuleValue {
            arguments: step
                .arguments
                .iter()
                .map(|(name, value)| {
                    format!(
                        "{name} = {}",
                        crate::words::value_words_in(model, value, say)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            value: match step.applied {
                Some(true) => String::from(applies),
                Some(false) => String::from(does_not),
                None if matches!(step.rule, RuleRef::Exception(_)) => String::from(may),
                None => crate::render::lines::value_text_in(model, &step.value, say),
            },
            given: step.given,
        };
        if !values.contains(&value) {
            values.push(value);
        }
        push_once(verdicts, at);
        for inner in &step.steps {
            self.add_step(model, inner, at, lang);
        }
    }

    /// The verdicts a fact, or a field inside it, decided: those that
    /// decided on it, on a field inside it, or on the record it is part of.
    pub(crate) fn facts_in<'a>(
        map: &'a BTreeMap<(FactId, Box<[u32]>), Vec<VerdictRef>>,
        fact: FactId,
        fields: &[u32],
    ) -> Vec<&'a VerdictRef> {
        let mut out: Vec<&VerdictRef> = Vec::new();
        for ((f, path), verdicts) in map {
            let related = *f == fact && (path.starts_with(fields) || fields.starts_with(path));
            if related {
                for verdict in verdicts {
                    if !out.contains(&verdict) {
                        out.push(verdict);
                    }
                }
            }
        }
        out
    }
}

fn push_once(list: &mut Vec<VerdictRef>, at: &VerdictRef) {
    if !list.contains(at) {
        list.push(at.clone());
    }
}
