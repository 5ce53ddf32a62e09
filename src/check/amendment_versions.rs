//! Checking an amended policy: each version made by [`super::amendments`]
//! is checked as a policy of its own, over the combined text; their
//! problems are located in the file they point into and reported once; a
//! verdict whose type an amendment changes is an error; and the versions
//! become one [`Model`] whose [`Model::version_on`] picks the one in force.

use std::path::PathBuf;

use super::Checked;
use super::amendments::{Found, Loaded, Region, load, region_of};
use crate::ast::PolicyFile;
use crate::diagnostic::{Problem, Problems};
use crate::model::Model;
use crate::model::amend::{Amended, ChangeInfo, ChangeKind, Earlier};
use crate::model::used::UsedPolicy;
use crate::span::{SourceFile, Span};

/// Checks a policy that amends another.
pub(super) fn check_amendment(
    source: &SourceFile,
    file: &PolicyFile,
    use_stack: Vec<PathBuf>,
) -> Result<Checked, Problems> {
    let mut found = Found::default();
    let loaded = load(source, file, 0, &use_stack, &mut found);
    let own_region: Region = (0, source.clone());
    let mut regions = vec![own_region];
    let mut checked = Vec::new();
    let mut warnings = Vec::new();
    if let Some(loaded) = &loaded
        && !found.located.has_errors()
        && !found.combined.iter().any(is_error)
    {
        regions = loaded.regions.clone();
        let combined = SourceFile::new(source.name.clone(), loaded.text.clone());
        for version in &loaded.versions {
            match super::check_used(&combined, &version.file, use_stack.clone()) {
                Ok(done) => {
                    // Warnings about the base's own text belong to its
                    // check; what goes unused, to the latest version's.
                    let latest = std::ptr::eq(version, loaded.versions.last().unwrap_or(version));
                    warnings.extend(done.warnings.items.into_iter().filter(|w| {
                        w.span().is_none_or(|s| s.end <= source.text.len())
                            && (latest || !w.code.starts_with("provisio::unused"))
                    }));
                    checked.push(done.model);
                }
                Err(problems) => {
                    // A rule whose type the amendment changed breaks the
                    // base's verdict that uses it: said at the rule.
                    let retried = checked.last().and_then(|before| {
                        let mut without = version.file.clone();
                        without.verdicts.clear();
                        let after =
                            super::check_used(&combined, &without, use_stack.clone()).ok()?;
                        Some((before, after.model))
                    });
                    let changes = retried.as_ref().map_or_else(Vec::new, |(before, after)| {
                        type_changes(before, after, source.text.len())
                    });
                    match (&retried, changes.is_empty()) {
                        (Some((before, after)), false) => {
                            for (definition, old, new) in changes {
                                found.combined.push(rule_type_changed(
                                    before, after, definition, &old, &new, &regions,
                                ));
                            }
                        }
                        _ => {
                            for problem in problems.items.into_iter().filter(is_error) {
                                let problem = repealed_use(problem, &combined, &version.changes);
                                found.combined.push(problem);
                            }
                        }
                    }
                }
            }
        }
        if checked.len() == loaded.versions.len() {
            verdict_types(&checked, &regions, source.text.len(), &mut found);
            same_facts(&checked, file, &mut found);
        }
    }
    let mut problems = found.located;
    // In the order of the combined text: the amending file's first, as a
    // drafter reads it.
    found
        .combined
        .sort_by_key(|p| p.span().map_or(0, |s| s.start));
    let mut seen = Vec::new();
    for problem in found.combined.into_iter().chain(warnings) {
        let key = (problem.code, problem.message.clone(), problem.span());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        problems.push(relocated(problem, &regions));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    match loaded.and_then(|loaded| assemble(loaded, checked)) {
        Some(model) => Ok(Checked {
            model,
            warnings: problems,
        }),
        None => Err(problems),
    }
}

fn is_error(problem: &Problem) -> bool {
    problem.severity == miette::Severity::Error
}

/// A problem whose spans point into the combined text, located in the
/// file its first span falls in; labels in other files are left out.
fn relocated(mut problem: Problem, regions: &[Region]) -> Problem {
    let Some(primary) = problem.span() else {
        return problem;
    };
    let Some((offset, file)) = region_of(regions, primary) else {
        return problem;
    };
    let end = offset + file.text.len();
    problem.labels = problem
        .labels
        .into_iter()
        .filter(|(span, _)| span.start >= *offset && span.end <= end)
        .map(|(span, label)| (Span::new(span.start - offset, span.end - offset), label))
        .collect();
    problem.in_file(file)
}

/// A rule that still uses a repealed provision: the version's "no such
/// name" said in the amendment's words.
fn repealed_use(problem: Problem, combined: &SourceFile, changes: &[ChangeInfo]) -> Problem {
    let Some(span) = problem.span() else {
        return problem;
    };
    let written = combined.slice(span);
    let repealed = changes.iter().rev().find(|c| {
        c.kind == ChangeKind::Repealed
            && (written == c.provision || written.starts_with(&format!("{}.", c.provision)))
    });
    let Some(change) = repealed else {
        return problem;
    };
    Problem::error(
        "provisio::uses_repealed",
        format!(
            "`{written}` is used here, but {} repeals the provision `{}` from {}",
            change.by, change.provision, change.from
        ),
        span,
        "still used here",
    )
    .with_help(format!(
        "a rule cannot use what is repealed: in the same block, replace the provision of this rule too, or repeal it, or keep `{}`",
        change.provision
    ))
}

/// The definitions of the amending file whose type differs from the same
/// definition's in the version before: each with its old and new type.
fn type_changes<'a>(
    before: &Model,
    after: &'a Model,
    own_len: usize,
) -> Vec<(&'a crate::model::DefinitionInfo, String, String)> {
    let provision_name =
        |m: &'a Model, id: u32| m.provisions.get(id as usize).map(|p| p.name.clone());
    after
        .definitions
        .iter()
        .filter(|d| d.span.end <= own_len)
        .filter_map(|d| {
            let old = before.definitions.iter().find(|o| {
                o.name == d.name
                    && before
                        .provisions
                        .get(o.provision as usize)
                        .map(|p| p.name.clone())
                        == provision_name(after, d.provision)
            })?;
            (old.ty != d.ty).then(|| {
                (
                    d,
                    before.type_name(&old.ty).to_string(),
                    after.type_name(&d.ty).to_string(),
                )
            })
        })
        .collect()
}

/// The problem for a rule whose new type breaks a verdict of the base.
fn rule_type_changed(
    before: &Model,
    after: &Model,
    definition: &crate::model::DefinitionInfo,
    old: &str,
    new: &str,
    regions: &[Region],
) -> Problem {
    let provision = after
        .provisions
        .get(definition.provision as usize)
        .map_or("", |p| p.name.as_str());
    let name = format!("{provision}.{}", definition.name);
    let old_id = before.definitions.iter().position(|o| {
        o.name == definition.name
            && before
                .provisions
                .get(o.provision as usize)
                .map(|p| p.name.as_str())
                == Some(provision)
    });
    let verdicts: Vec<String> = before
        .verdicts
        .iter()
        .filter(|v| old_id.is_some_and(|id| names_definition(&v.body, id as u32)))
        .map(|v| format!("`{}` (declared at {})", v.name, place(regions, v.span)))
        .collect();
    let verdicts = if verdicts.is_empty() {
        String::from("the base's verdicts")
    } else {
        format!("the verdict {}", verdicts.join(" and "))
    };
    Problem::error(
        "provisio::verdict_type_changed",
        format!("the amendment changes `{name}` from {old} to {new}, which {verdicts} cannot follow"),
        definition.span,
        format!("now {new}"),
    )
    .with_help(format!(
        "a verdict keeps its type through amendments: keep `{name}` {old}, or declare a new verdict in the base"
    ))
}

/// Whether an expression names a definition, directly or inside.
fn names_definition(expr: &crate::model::Expr, id: u32) -> bool {
    let mut pending = vec![expr];
    while let Some(expr) = pending.pop() {
        if matches!(expr.kind, crate::model::ExprKind::Definition(d) if d == id) {
            return true;
        }
        crate::model::expr::for_each_child(expr, |child| pending.push(child));
    }
    false
}

/// "base.policy:28": where a span of the combined text stands.
fn place(regions: &[Region], span: Span) -> String {
    region_of(regions, span)
        .map(|(offset, file)| {
            let local = Span::new(span.start - offset, span.end - offset);
            format!("{}:{}", file.name, super::uses::line_of(file, local))
        })
        .unwrap_or_default()
}

/// Reports a verdict whose type differs from one version to the next,
/// naming the verdict's declaration and the rule that changed its type.
fn verdict_types(checked: &[Model], regions: &[Region], own_len: usize, found: &mut Found) {
    for pair in checked.windows(2) {
        let [before, after] = pair else { continue };
        for verdict in &after.verdicts {
            let Some(old) = before.verdicts.iter().find(|v| v.name == verdict.name) else {
                continue;
            };
            if old.ty == verdict.ty {
                continue;
            }
            let old_type = before.type_name(&old.ty).to_string();
            let new_type = after.type_name(&verdict.ty).to_string();
            // The rule of the amendment whose type changed, if one did.
            let culprit = after.definitions.iter().find(|d| {
                d.span.end <= own_len
                    && before.definitions.iter().any(|o| {
                        o.name == d.name
                            && before.provisions.get(o.provision as usize).map(|p| &p.name)
                                == after.provisions.get(d.provision as usize).map(|p| &p.name)
                            && o.ty != d.ty
                    })
            });
            let declared = region_of(regions, old.span)
                .map(|(offset, file)| {
                    let local = Span::new(old.span.start - offset, old.span.end - offset);
                    format!("{}:{}", file.name, super::uses::line_of(file, local))
                })
                .unwrap_or_default();
            let (span, label) = match culprit {
                Some(d) => (d.span, format!("now gives {new_type}")),
                None => (verdict.span, format!("now gives {new_type}")),
            };
            found.combined.push(
                Problem::error(
                    "provisio::verdict_type_changed",
                    format!(
                        "the amendment changes the verdict `{}` from {old_type} to {new_type}",
                        verdict.name
                    ),
                    span,
                    label,
                )
                .with_help(format!(
                    "a verdict keeps its type through amendments (it is declared at {declared} as {old_type}): keep the rule's type, or give the new value another verdict in the base"
                )),
            );
        }
    }
}

/// Every version must read the facts alike, since one set of facts is
/// loaded for all of them.
fn same_facts(checked: &[Model], file: &PolicyFile, found: &mut Found) {
    let Some(last) = checked.last() else { return };
    let shape = |m: &Model| -> Vec<String> {
        m.facts
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f.field.name,
                    m.type_name(&f.field.ty),
                    f.field.optional
                )
            })
            .chain(
                m.readings
                    .iter()
                    .map(|r| format!("{} {}", r.name, r.alternatives.len())),
            )
            .collect()
    };
    let last_shape = shape(last);
    if checked.iter().any(|m| shape(m) != last_shape)
        && let Some(decl) = file.amends.first()
    {
        found.combined.push(
            Problem::error(
                "provisio::amendment_changes_facts",
                "the versions of the amended policy read the facts differently",
                decl.span,
                "amended here",
            )
            .with_help("declare the facts and types the amendment needs at the top of the amending file, not inside a replaced provision"),
        );
    }
}

/// The model: the latest version, holding the earlier ones.
fn assemble(loaded: Loaded, mut checked: Vec<Model>) -> Option<Model> {
    // The bases' texts, so that a problem found while evaluating is located
    // in the file it points into: before the policies each version uses,
    // whose provisions' instrument indices move up.
    let bases: Vec<UsedPolicy> = loaded
        .regions
        .iter()
        .skip(1)
        .map(|(offset, file)| UsedPolicy {
            name: String::new(),
            instrument: crate::model::InstrumentInfo::default(),
            source: file.clone(),
            offset: *offset,
            // Not merged by `use`: only its text is kept, to locate problems.
            path: std::path::PathBuf::new(),
            own: Default::default(),
            also: Vec::new(),
        })
        .collect();
    for model in &mut checked {
        for provision in &mut model.provisions {
            if let Some(i) = &mut provision.instrument {
                *i += bases.len() as u32;
            }
        }
        let used = std::mem::take(&mut model.used);
        model.used = bases.iter().cloned().chain(used).collect();
    }
    let mut versions: Vec<(Option<chrono::NaiveDate>, Vec<ChangeInfo>, Model)> = loaded
        .versions
        .into_iter()
        .zip(checked)
        .map(|(v, m)| (v.from, v.changes, m))
        .collect();
    let (from, changes, mut latest) = versions.pop()?;
    let mut earlier = Vec::new();
    let starts: Vec<Option<chrono::NaiveDate>> = versions
        .iter()
        .skip(1)
        .map(|(f, _, _)| *f)
        .chain([from])
        .collect();
    let mut next_from = starts.into_iter();
    for (version_from, version_changes, mut model) in versions {
        let Some(Some(until)) = next_from.next() else {
            continue;
        };
        model.amended = Some(Box::new(Amended {
            changes: version_changes,
            from: version_from,
            earlier: Vec::new(),
            instruments: loaded.instruments.clone(),
            bases: bases.len(),
        }));
        earlier.push(Earlier { until, model });
    }
    latest.amended = Some(Box::new(Amended {
        changes,
        from,
        earlier,
        instruments: loaded.instruments,
        bases: bases.len(),
    }));
    Some(latest)
}
