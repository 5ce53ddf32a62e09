//! `boundary_unstated`: a provision's text sets a boundary in time ("until",
//! "by 31 December 2023", "beyond", "in 2017") without saying on which side
//! its day falls, and the rule that encodes it compares dates without taking
//! the boundary from a reading. The warning points at the words in the text
//! and names the rule that encodes them: the rule that cites them, or else
//! the rule that compares with the day they name.

use chrono::NaiveDate;

use super::Checker;
use super::allows::Allows;
use super::boundary_phrases::{Phrase, Sense, Split, cited, open_boundaries, words};
use crate::ast::BinaryOp;
use crate::diagnostic::Problem;
use crate::model::{DefinitionId, Expr, ExprKind, ProvisionId, Type};
use crate::span::Span;
use crate::value::Value;

const LINT: &str = "provisio::boundary_unstated";
const REVERSED: &str = "provisio::boundary_reversed";

/// What a rule's expressions do with dates.
#[derive(Debug, Default)]
struct Scan {
    /// The first comparison of dates.
    comparison: Option<(Span, BinaryOp)>,
    /// Whether a reading is consulted anywhere.
    reading: bool,
    /// The written dates compared with.
    days: Vec<NaiveDate>,
    /// Each comparison with a written date: where, how, the date, and
    /// where it puts the boundary about that date.
    splits: Vec<(Span, BinaryOp, NaiveDate, Split)>,
    /// Each comparison with a definition named directly: the definition,
    /// where, how.
    compared: Vec<(DefinitionId, Span, BinaryOp)>,
}

/// Where `x OP day` puts the boundary about `day`: `after`, `>`, `on or
/// before` and `<=` at its end, the others at its start. With the date on
/// the left (`day OP x`), the other way.
fn split_of(op: BinaryOp, day_on_left: bool) -> Split {
    let at_end = matches!(
        op,
        BinaryOp::After | BinaryOp::Greater | BinaryOp::OnOrBefore | BinaryOp::LessOrEqual
    );
    if at_end != day_on_left {
        Split::End
    } else {
        Split::Start
    }
}

fn is_ordering(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Before
            | BinaryOp::OnOrBefore
            | BinaryOp::After
            | BinaryOp::OnOrAfter
            | BinaryOp::Less
            | BinaryOp::LessOrEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterOrEqual
    )
}

impl Scan {
    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::ReadingIs { .. } => self.reading = true,
            ExprKind::Binary { op, left, right } if is_ordering(*op) && left.ty == Type::Date => {
                if self.comparison.is_none() {
                    self.comparison = Some((expr.span, *op));
                }
                for side in [left, right] {
                    if let ExprKind::Definition(id) = side.kind {
                        self.compared.push((id, expr.span, *op));
                    }
                }
                for (side, on_left) in [(left, true), (right, false)] {
                    if let ExprKind::Const(Value::Date(day)) = side.kind {
                        self.days.push(day);
                        self.splits
                            .push((expr.span, *op, day, split_of(*op, on_left)));
                    }
                }
            }
            _ => {}
        }
        crate::model::expr::for_each_child(expr, |child| self.expr(child));
    }

    /// Whether this rule decides a boundary without a reading.
    fn decides_alone(&self) -> bool {
        self.comparison.is_some() && !self.reading
    }
}

/// A rule of a provision, as the lint sees it.
struct Rule {
    name: String,
    /// The definition it is, if it is one.
    definition: Option<DefinitionId>,
    cites: Option<String>,
    span: Span,
    scan: Scan,
}

/// Whether a rule compares with the day (or an edge of the year) a phrase names.
fn names_day(phrase: &Phrase, days: &[NaiveDate]) -> bool {
    days.iter()
        .any(|day| phrase.day == Some(*day) || phrase.split_at(*day).is_some())
}

/// The comparison that decides the boundary day the other way, and what this one does.
fn other_way(op: BinaryOp) -> (&'static str, &'static str) {
    match op {
        BinaryOp::Before => ("excludes", "on or before"),
        BinaryOp::After => ("excludes", "on or after"),
        BinaryOp::Less => ("excludes", "<="),
        BinaryOp::Greater => ("excludes", ">="),
        BinaryOp::OnOrBefore => ("includes", "before"),
        BinaryOp::OnOrAfter => ("includes", "after"),
        BinaryOp::LessOrEqual => ("includes", "<"),
        _ => ("includes", ">"),
    }
}

fn names(rules: &[&Rule]) -> String {
    let names: Vec<String> = rules.iter().map(|r| format!("`{}`", r.name)).collect();
    crate::explain::phrase::and_list(&names, "and")
}

/// `boundary_reversed`: the rule compares with the day a phrase names,
/// but puts the boundary on the other side of it.
fn reversed(provision: &str, phrase: &Phrase, rule: &Rule, allows: &mut Allows) -> Option<Problem> {
    if rule.scan.reading {
        return None;
    }
    let (span, op, day, split) = rule
        .scan
        .splits
        .iter()
        .copied()
        .find(|(_, _, day, split)| {
            phrase
                .split_at(*day)
                .is_some_and(|expected| expected != *split)
        })?;
    if allows.silences(REVERSED, Some(rule.span)) {
        return None;
    }
    let human = crate::words::human_date(day);
    let written = day.format("%Y-%m-%d");
    let (text_side, rule_side, follow) = match split {
        Split::Start => (
            "end",
            "start",
            format!("`after {written}` or `on or before {written}`"),
        ),
        Split::End => (
            "start",
            "end",
            format!("`before {written}` or `on or after {written}`"),
        ),
    };
    Some(
        Problem::error(
            REVERSED,
            format!(
                "provision `{provision}` says \"{}\", which puts the boundary at the {text_side} of {human}, but `{}` puts it at the {rule_side}",
                phrase.written, rule.name
            ),
            phrase.span,
            format!("the boundary falls at the {text_side} of {human}"),
        )
        .with_label(span, format!("`{}` puts it at the {rule_side} of {human}", op.as_str()))
        .with_help(format!(
            "compare as the text reads: {follow}; if the text means otherwise, put `# provisio: allow boundary_reversed` on the line before `{}`",
            rule.name
        ))
        .as_warning(),
    )
}

/// How many rules and further phrases a warning names or underlines.
const SHOWN: usize = 5;

impl Checker<'_> {
    /// One warning for the boundaries of a provision's text that no rule
    /// encodes by name, if some rule of the provision compares dates on
    /// its own (save those that encode another phrase): it points at the
    /// first and names those rules.
    fn untied_warning(
        &self,
        provision: &str,
        untied: &[&Phrase],
        rules: &[Rule],
        tied_somewhere: &[bool],
        allows: &mut Allows,
    ) -> Option<Problem> {
        let (first, others) = untied.split_first()?;
        let candidates: Vec<&Rule> = rules
            .iter()
            .enumerate()
            .filter(|(r, rule)| {
                !tied_somewhere.get(*r).copied().unwrap_or(false) && rule.scan.decides_alone()
            })
            .map(|(_, rule)| rule)
            .filter(|r| !allows.silences(LINT, Some(r.span)))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let verb = if candidates.len() == 1 {
            "compares"
        } else {
            "compare"
        };
        let shown: Vec<&Rule> = candidates.iter().take(SHOWN).copied().collect();
        let mut who = names(&shown);
        if candidates.len() > SHOWN {
            who = format!("{who} and {} more", candidates.len() - SHOWN);
        }
        let quoted = &first.written;
        let (said, pronoun) = match others.len() {
            0 => (format!("\"{quoted}\""), "it"),
            1 => (format!("\"{quoted}\" and one more boundary"), "them"),
            more => (format!("\"{quoted}\" and {more} more boundaries"), "them"),
        };
        let mut problem = Problem::error(
            LINT,
            format!(
                "provision `{provision}` says {said} without saying whether the boundary day counts; no rule cites {pronoun}, and {who} {verb} dates"
            ),
            first.span,
            "is the boundary day in or out?",
        )
        .with_help(format!(
            "cite the words in the rule that encodes them (`cites \"{quoted} ...\"`), so that the checker can tell which rule it is; then branch on a reading of the boundary, or, if the text is not ambiguous, put `# provisio: allow boundary_unstated` on the line before that rule"
        ))
        .as_warning();
        for phrase in others.iter().take(SHOWN) {
            problem = problem.with_label(phrase.span, "another boundary no rule cites");
        }
        for rule in &shown {
            if let Some((span, op)) = rule.scan.comparison {
                let (chosen, _) = other_way(op);
                problem = problem
                    .with_label(span, format!("`{}` {chosen} the boundary day", op.as_str()));
            }
        }
        Some(problem)
    }

    /// The rules of a provision with what they do with dates.
    fn boundary_rules(&self, provision: ProvisionId) -> Vec<Rule> {
        let mut rules = Vec::new();
        for (id, definition) in self.definitions.iter().enumerate() {
            let Some(definition) = definition else {
                continue;
            };
            if definition.provision == provision {
                let mut scan = Scan::default();
                scan.expr(&definition.body);
                rules.push(Rule {
                    name: definition.name.clone(),
                    definition: Some(id as DefinitionId),
                    cites: definition.cites.clone(),
                    span: definition.span,
                    scan,
                });
            }
        }
        for exception in self.exceptions.iter().flatten() {
            if exception.provision == provision {
                let mut scan = Scan::default();
                scan.expr(&exception.condition);
                scan.expr(&exception.value);
                rules.push(Rule {
                    definition: None,
                    name: exception
                        .name
                        .clone()
                        .unwrap_or_else(|| String::from("an exception")),
                    cites: exception.cites.clone(),
                    span: exception.span,
                    scan,
                });
            }
        }
        for deontic in self.deontics.iter().flatten() {
            if deontic.provision == provision {
                let mut scan = Scan::default();
                for expr in deontic.while_.iter().chain(deontic.when.iter()) {
                    scan.expr(expr);
                }
                rules.push(Rule {
                    name: deontic.name.clone(),
                    definition: None,
                    cites: deontic.cites.clone(),
                    span: deontic.span,
                    scan,
                });
            }
        }
        rules
    }

    /// `boundary_unstated` for every provision's text.
    pub(super) fn lint_boundaries(&mut self, allows: &mut Allows) {
        let mut problems = Vec::new();
        for provision in &self.file.provisions {
            let Some(&id) = self.provision_index.get(provision.name.name.as_str()) else {
                continue;
            };
            if self.provisions.get(id as usize).map(|p| p.span) != Some(provision.name.span) {
                continue;
            }
            let Some(text) = provision.texts.first() else {
                continue;
            };
            // The text as written, so that spans point into the file.
            let literal = self.source.slice(text.span);
            let inner = literal
                .get(1..literal.len().saturating_sub(1))
                .unwrap_or("");
            let start = text.span.start + 1;
            let words = words(inner, start);
            let phrases = open_boundaries(inner, start, &words);
            if phrases.is_empty() {
                continue;
            }
            let rules = self.boundary_rules(id);
            // Where each rule's cited phrase stands among the text's words.
            let cited_at: Vec<Vec<(usize, usize)>> = rules
                .iter()
                .map(|r| {
                    r.cites
                        .as_deref()
                        .map(|c| cited(&words, c))
                        .unwrap_or_default()
                })
                .collect();
            // The rules that encode each phrase: those that cite it, or else
            // those that compare with the day it names.
            let tied: Vec<Vec<usize>> = phrases
                .iter()
                .map(|phrase| {
                    let citing: Vec<usize> = (0..rules.len())
                        .filter(|r| {
                            cited_at.get(*r).is_some_and(|at| {
                                at.iter()
                                    .any(|(a, b)| *a <= phrase.last && phrase.first <= *b)
                            })
                        })
                        .collect();
                    if citing.is_empty() {
                        (0..rules.len())
                            .filter(|r| names_day(phrase, &rules[*r].scan.days))
                            .collect()
                    } else {
                        citing
                    }
                })
                .collect();
            // The rules that encode some phrase of the text.
            let mut tied_somewhere = vec![false; rules.len()];
            for rule in tied.iter().flatten() {
                if let Some(slot) = tied_somewhere.get_mut(*rule) {
                    *slot = true;
                }
            }
            // The phrases no rule encodes by name, for one warning.
            let mut untied: Vec<&Phrase> = Vec::new();
            for (index, phrase) in phrases.iter().enumerate() {
                let mine = tied.get(index).cloned().unwrap_or_default();
                let quoted = &phrase.written;
                if phrase.sense != Sense::Open {
                    for rule in mine.iter().filter_map(|r| rules.get(*r)) {
                        if let Some(problem) = reversed(&provision.name.name, phrase, rule, allows)
                        {
                            problems.push(problem);
                        }
                    }
                    continue;
                }
                if !mine.is_empty() {
                    // Each rule that decides the boundary: one that encodes the
                    // words and compares dates, or, for one that only gives the
                    // day, a rule that compares with it.
                    let mut deciders: Vec<(&Rule, Span, BinaryOp, Option<&str>)> = Vec::new();
                    for rule in mine.iter().filter_map(|r| rules.get(*r)) {
                        if let Some((span, op)) = rule.scan.comparison {
                            deciders.push((rule, span, op, None));
                        } else if let Some(id) = rule.definition {
                            for other in &rules {
                                let via = other.scan.compared.iter().find(|(d, ..)| *d == id);
                                if let Some((_, span, op)) = via
                                    && !deciders.iter().any(|(r, ..)| std::ptr::eq(*r, other))
                                {
                                    deciders.push((other, *span, *op, Some(rule.name.as_str())));
                                }
                            }
                        }
                    }
                    for (rule, span, op, via) in deciders {
                        if rule.scan.reading || allows.silences(LINT, Some(rule.span)) {
                            continue;
                        }
                        let (chosen, other) = other_way(op);
                        let how = match via {
                            None => String::from("which encodes it"),
                            Some(via) => format!("which compares with `{via}` that encodes it"),
                        };
                        problems.push(
                            Problem::error(
                                LINT,
                                format!(
                                    "provision `{}` says \"{quoted}\" without saying whether the boundary day counts, and `{}`, {how}, {chosen} that day",
                                    provision.name.name, rule.name
                                ),
                                phrase.span,
                                "is the boundary day in or out?",
                            )
                            .with_label(span, format!("`{}` {chosen} the boundary day", op.as_str()))
                            .with_help(format!(
                                "if the text is ambiguous, declare a reading of it and branch on it in `{}` (`if reading boundary is ... then ... {other} ... else ... {} ...`); if it is not, put `# provisio: allow boundary_unstated` on the line before `{}`",
                                rule.name,
                                op.as_str(),
                                rule.name
                            ))
                            .as_warning(),
                        );
                    }
                    continue;
                }
                untied.push(phrase);
            }
            if let Some(problem) = self.untied_warning(
                &provision.name.name,
                &untied,
                &rules,
                &tied_somewhere,
                allows,
            ) {
                problems.push(problem);
            }
        }
        for problem in problems {
            self.report(problem);
        }
    }
}
