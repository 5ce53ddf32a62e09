//! Dated changes of one bracket of a scale: `over USD 9525 (from 2019-01-01:
//! USD 9700): 12%` in a scale that is a dated value. Each change date
//! becomes one more entry of the dated value's history, the scale as of
//! that date, so that evaluation, explanations ("in force from 1 January
//! 2019") and exact reasoning see constant scales as before.

use chrono::NaiveDate;

use super::Checker;
use crate::ast::{self, BracketPart, ExprKind};
use crate::diagnostic::Problem;

impl Checker<'_> {
    /// The versions of a history entry's value, from `from` until `until`
    /// (the next entry's date, if any): the value as written, its bracket
    /// changes left out, then one version per date a change applies from,
    /// in date order. A value that is not a scale with changes has one
    /// version, itself. A change dated outside the entry's stretch is
    /// reported and left out.
    pub(super) fn scale_versions(
        &mut self,
        from: NaiveDate,
        until: Option<NaiveDate>,
        expr: &ast::Expr,
    ) -> Vec<(NaiveDate, ast::Expr)> {
        let ExprKind::Scale { kind, brackets } = &expr.kind else {
            return vec![(from, expr.clone())];
        };
        let mut dated: Vec<(NaiveDate, usize, &ast::BracketChange)> = Vec::new();
        for (index, bracket) in brackets.iter().enumerate() {
            for change in &bracket.changes {
                let Some(day) = self.date(&change.date.text, change.date.span) else {
                    continue;
                };
                if day <= from || until.is_some_and(|until| day >= until) {
                    let stretch = match until {
                        Some(until) => format!("after {from} and before {until}"),
                        None => format!("after {from}"),
                    };
                    self.report(
                        Problem::error(
                            "provisio::bracket_change_date",
                            format!("this change of a bracket is dated {day}, outside the entry it belongs to, which holds from {from}"),
                            change.date.span,
                            "not within the entry",
                        )
                        .with_help(format!("date it {stretch}; a change from a later entry's date belongs in that entry's scale")),
                    );
                    continue;
                }
                if let Some((_, _, first)) = dated
                    .iter()
                    .find(|(d, i, c)| *d == day && *i == index && c.part == change.part)
                {
                    let first = first.date.span;
                    self.report(
                        Problem::error(
                            "provisio::bracket_change_date",
                            format!("this part of the bracket is changed twice from {day}"),
                            change.date.span,
                            "this date again",
                        )
                        .with_label(first, "first here")
                        .with_help(
                            "give each date once; a later date changes the part again from then on",
                        ),
                    );
                    continue;
                }
                dated.push((day, index, change));
            }
        }
        dated.sort_by_key(|(day, _, _)| *day);
        let mut days: Vec<NaiveDate> = dated.iter().map(|(day, _, _)| *day).collect();
        days.dedup();
        let version = |on: NaiveDate| {
            let brackets = brackets
                .iter()
                .enumerate()
                .map(|(index, bracket)| {
                    let mut bracket = bracket.clone();
                    for (day, _, change) in dated.iter().filter(|(d, i, _)| *i == index && *d <= on)
                    {
                        let _ = day;
                        match change.part {
                            BracketPart::Over => bracket.over = change.value.clone(),
                            BracketPart::Base => bracket.base = Some(change.value.clone()),
                            BracketPart::Rate => bracket.rate = change.value.clone(),
                        }
                    }
                    bracket.changes.clear();
                    bracket
                })
                .collect();
            ast::Expr {
                kind: ExprKind::Scale {
                    kind: *kind,
                    brackets,
                },
                span: expr.span,
            }
        };
        let mut versions = vec![(from, version(from))];
        versions.extend(days.into_iter().map(|day| (day, version(day))));
        versions
    }

    /// Bracket changes written in a scale that is not a dated value's: they
    /// have no date to be looked up as of.
    pub(super) fn refuse_bracket_changes(&mut self, brackets: &[ast::BracketDecl]) -> bool {
        let Some(change) = brackets.iter().flat_map(|b| &b.changes).next() else {
            return false;
        };
        self.report(
            Problem::error(
                "provisio::bracket_change_outside_parameter",
                "a bracket's dated changes belong to a scale that is a dated value",
                change.date.span,
                "no history to change",
            )
            .with_help("write the scale in a `parameter`, as `from DATE: marginal rates ... end`, or compute the part from a dated value: `over threshold: 12%`"),
        );
        true
    }
}
