//! `amends "base.policy"` and its `from DATE ... end` blocks: the syntax
//! trees of an amended policy's versions, one per period between the dates
//! on which the amendments (and the base's own, for an amendment of an
//! amended policy) apply. Each version is the base's tree with the blocks
//! dated on or before its first day applied in order, and the amending
//! file's own facts, types and readings added, so that every version has
//! the same facts. [`super::amendment_versions`] checks each and makes the
//! model.
//!
//! The base is parsed from its text shifted by the amending file's text
//! (and a line break), so that every span of every version points into
//! one combined text: the amending file's, then its base's, and so on.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::uses;
use crate::ast::{self, AmendmentBlock, Change, PolicyFile};
use crate::diagnostic::{Problem, Problems};
use crate::model::amend::{ChangeInfo, ChangeKind};
use crate::span::{SourceFile, Span};

/// A file of the combined text: where its text starts, and the file.
pub(super) type Region = (usize, SourceFile);

/// One version of an amended policy, as a syntax tree.
#[derive(Debug, Clone)]
pub(super) struct Version {
    /// Its first day; `None` for the base's, in force before every amendment.
    pub from: Option<NaiveDate>,
    /// The tree: the base's, with the changes applied.
    pub file: PolicyFile,
    /// The changes in force, in the order made.
    pub changes: Vec<ChangeInfo>,
}

/// A policy loaded with its versions.
#[derive(Debug)]
pub(super) struct Loaded {
    /// The combined text, from this file's own text on.
    pub text: String,
    /// The files of the combined text, this one first.
    pub regions: Vec<Region>,
    /// The versions, in date order.
    pub versions: Vec<Version>,
    /// The amending instruments, this file's first: title and symbol.
    pub instruments: Vec<(String, Option<String>)>,
}

/// Problems found while loading: those already located in their own file,
/// and those whose spans point into the combined text.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Problems located in their file.
    pub located: Problems,
    /// Problems with spans in the combined text.
    pub combined: Vec<Problem>,
}

/// Loads a policy parsed at `offset` of the combined text and, if it
/// amends another, its base, and makes its versions.
pub(super) fn load(
    source: &SourceFile,
    file: &PolicyFile,
    offset: usize,
    stack: &[PathBuf],
    found: &mut Found,
) -> Option<Loaded> {
    let own_region = vec![(offset, source.clone())];
    let Some(decl) = file.amends.first() else {
        return Some(Loaded {
            text: source.text.to_string(),
            regions: own_region,
            versions: vec![Version {
                from: None,
                file: file.clone(),
                changes: Vec::new(),
            }],
            instruments: Vec::new(),
        });
    };
    misplaced_items(file, found);
    let base_path = Path::new(&*source.name)
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&decl.path.value);
    let key = uses::canonical(&base_path);
    if stack.len() >= uses::MAX_USE_DEPTH {
        found.combined.push(
            Problem::error(
                "provisio::too_deep",
                format!(
                    "`amends` goes more than {} policies deep",
                    uses::MAX_USE_DEPTH
                ),
                decl.path.span,
                "one policy too many",
            )
            .with_help("fold some of the amendments into one policy"),
        );
        return None;
    }
    if let Some(at) = stack.iter().position(|p| *p == key) {
        let mut chain: Vec<String> = stack
            .get(at..)
            .unwrap_or(&[])
            .iter()
            .map(|p| uses::file_name(p))
            .collect();
        chain.push(uses::file_name(&key));
        found.combined.push(
            Problem::error(
                "provisio::cycle",
                format!("`amends` goes round in a circle: {}", chain.join(" amends ")),
                decl.path.span,
                "this `amends` closes the circle",
            )
            .with_help("a policy cannot amend itself, directly or through others: amend the policy the chain started from"),
        );
        return None;
    }
    let text = match uses::read_policy(&base_path, &decl.path, "amends") {
        Ok(text) => text,
        Err(problem) => {
            found.combined.push(problem);
            return None;
        }
    };
    let base_source = SourceFile::new(base_path.display().to_string(), text);
    let mut base_stack = stack.to_vec();
    base_stack.push(key);
    // The base checked on its own: its errors are reported in its file.
    let base_model = match super::parse_and_check(&base_source, base_stack.clone()) {
        Ok(checked) => checked.model,
        Err(problems) => {
            broken_base(decl, &base_source, problems, found);
            return None;
        }
    };
    let base_offset = offset + source.text.len() + 1;
    let shifted = SourceFile::new(
        base_source.name.clone(),
        format!("{}{}", " ".repeat(base_offset), base_source.text),
    );
    let mut base_file = crate::syntax::parse(&shifted).ok()?;
    // The base's own `use` paths are relative to its folder; every version
    // is checked as the amending file, so they are made whole here.
    let base_folder = base_path.parent().unwrap_or_else(|| Path::new(""));
    for used in &mut base_file.uses {
        let whole = uses::canonical(&base_folder.join(&used.path.value));
        used.path.value = whole.display().to_string();
    }
    let base = load(&base_source, &base_file, base_offset, &base_stack, found)?;
    let blocks = dated_blocks(file, base_model.instrument.adopted, found);
    let instrument = file.instrument.as_ref();
    let by = instrument
        .and_then(|i| i.symbols.first().map(|s| s.value.clone()))
        .or_else(|| instrument.map(|i| i.title.value.clone()))
        .unwrap_or_else(|| uses::file_name(Path::new(&*source.name)));
    let mut starts: Vec<NaiveDate> = base
        .versions
        .iter()
        .filter_map(|v| v.from)
        .chain(blocks.iter().map(|(d, _)| *d))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut versions = Vec::new();
    for start in std::iter::once(None).chain(starts.into_iter().map(Some)) {
        let in_force = base
            .versions
            .iter()
            .rev()
            .find(|v| v.from <= start)
            .or(base.versions.first())?;
        let mut version = Version {
            from: start,
            file: in_force.file.clone(),
            changes: in_force.changes.clone(),
        };
        for (date, block) in &blocks {
            if Some(*date) <= start {
                apply(block, *date, &by, &mut version, found);
            }
        }
        add_own_items(file, &mut version.file);
        versions.push(version);
    }
    let mut regions = own_region;
    regions.extend(base.regions);
    let mut instruments = vec![(
        instrument
            .map(|i| i.title.value.clone())
            .unwrap_or_default(),
        instrument.and_then(|i| i.symbols.first().map(|s| s.value.clone())),
    )];
    instruments.extend(base.instruments);
    Some(Loaded {
        text: format!("{}\n{}", source.text, base.text),
        regions,
        versions,
        instruments,
    })
}

/// Reports the items an amending file cannot have outside a block.
fn misplaced_items(file: &PolicyFile, found: &mut Found) {
    for extra in file.amends.iter().skip(1) {
        found.combined.push(
            Problem::error(
                "provisio::duplicate_amends",
                "a policy amends one policy",
                extra.path.span,
                "a second base",
            )
            .with_help("amend the second policy in a file of its own"),
        );
    }
    for provision in &file.provisions {
        found.combined.push(
            Problem::error(
                "provisio::provision_outside_block",
                format!(
                    "the provision `{}` of an amendment stands outside a `from DATE` block",
                    provision.name.name
                ),
                provision.name.span,
                "not in a block",
            )
            .with_help(format!(
                "say from when and how it changes the base: `from DATE replace provision {0} ... end`, or `insert provision {0} after OTHER ...`",
                provision.name.name
            )),
        );
    }
    for verdict in &file.verdicts {
        found.combined.push(
            Problem::error(
                "provisio::verdict_in_amendment",
                format!("the amendment declares the verdict `{}`", verdict.name.name),
                verdict.name.span,
                "a verdict of the amendment",
            )
            .with_help("an amended policy answers with its base's verdicts: declare the verdict in the base"),
        );
    }
    if file.amendments.is_empty()
        && let Some(decl) = file.amends.first()
    {
        found.combined.push(
            Problem::error(
                "provisio::empty_amendment",
                "the amendment changes nothing",
                decl.span,
                "no `from DATE ... end` block follows",
            )
            .with_help(
                "say what changes from when: `from 2027-01-01 replace provision para5 ... end`",
            ),
        );
    }
}

/// Reports a base that does not check: its own errors, in its file, and
/// the `amends` that names it.
fn broken_base(decl: &ast::AmendsDecl, base: &SourceFile, problems: Problems, found: &mut Found) {
    let (located, at_amends) = super::uses::broken_policy(
        problems,
        ("provisio::broken_amends", "amended"),
        (&decl.path.value, decl.path.span),
        &base.name,
    );
    for problem in located {
        found.located.push(problem);
    }
    found.combined.push(at_amends);
}

/// The blocks with their dates, those whose date is wrong reported and
/// left out: not a date, repeated, out of order, before the base's adoption.
fn dated_blocks<'f>(
    file: &'f PolicyFile,
    adopted: Option<NaiveDate>,
    found: &mut Found,
) -> Vec<(NaiveDate, &'f AmendmentBlock)> {
    let mut blocks: Vec<(NaiveDate, &AmendmentBlock)> = Vec::new();
    for block in &file.amendments {
        let date = match super::parse_date(&block.from.text) {
            Ok(date) => date,
            Err(reason) => {
                found.combined.push(
                    Problem::error(
                        "provisio::invalid_date",
                        format!("`{}` is not a date: {reason}", block.from.text),
                        block.from.span,
                        "not a date",
                    )
                    .with_help(
                        "write the day the changes apply from as YYYY-MM-DD, such as 2027-01-01",
                    ),
                );
                continue;
            }
        };
        if let Some(adopted) = adopted
            && date < adopted
        {
            found.combined.push(
                Problem::error(
                    "provisio::amendment_before_base",
                    format!(
                        "the block applies from {date}, before the base was adopted on {adopted}"
                    ),
                    block.from.span,
                    "before the base existed",
                )
                .with_help(format!(
                    "an amendment changes its base from a day the base exists: date the block on or after {adopted}"
                )),
            );
            continue;
        }
        if let Some((last, last_block)) = blocks.last() {
            if date == *last {
                found.combined.push(
                    Problem::error(
                        "provisio::repeated_amendment_date",
                        format!("two blocks of the amendment apply from {date}"),
                        block.from.span,
                        "the second block from this day",
                    )
                    .with_label(last_block.from.span, "the first")
                    .with_help("put the changes that apply from one day in one block"),
                );
                continue;
            }
            if date < *last {
                found.combined.push(
                    Problem::error(
                        "provisio::amendment_out_of_order",
                        format!("the block from {date} comes after the block from {last}"),
                        block.from.span,
                        "earlier than the block before it",
                    )
                    .with_label(last_block.from.span, "the block before")
                    .with_help("order the blocks by their dates, earliest first, as they apply"),
                );
                continue;
            }
        }
        blocks.push((date, block));
    }
    blocks
}

/// Applies one block's changes to a version, reporting what the version
/// does not have to change.
fn apply(
    block: &AmendmentBlock,
    date: NaiveDate,
    by: &str,
    version: &mut Version,
    found: &mut Found,
) {
    for change in &block.changes {
        let names: Vec<String> = version
            .file
            .provisions
            .iter()
            .map(|p| p.name.name.clone())
            .collect();
        let position = |name: &str| names.iter().position(|n| n == name);
        let record = |changes: &mut Vec<ChangeInfo>, provision: &str, kind| {
            changes.push(ChangeInfo {
                provision: provision.to_string(),
                kind,
                parameter: None,
                by: by.to_string(),
                from: date,
            })
        };
        match change {
            Change::Replace(provision) => match position(&provision.name.name) {
                Some(at) => {
                    if let Some(slot) = version.file.provisions.get_mut(at) {
                        *slot = provision.clone();
                    }
                    record(
                        &mut version.changes,
                        &provision.name.name,
                        ChangeKind::Replaced,
                    );
                }
                None => found
                    .combined
                    .push(unknown_provision(&provision.name, "replace", &names)),
            },
            Change::Repeal { name, .. } => match position(&name.name) {
                Some(at) => {
                    version.file.provisions.remove(at);
                    record(&mut version.changes, &name.name, ChangeKind::Repealed);
                }
                None => found
                    .combined
                    .push(unknown_provision(name, "repeal", &names)),
            },
            Change::Insert { provision, after } => {
                if let Some(at) = position(&provision.name.name) {
                    let mut problem = Problem::error(
                        "provisio::provision_exists",
                        format!("the base already has a provision `{}`", provision.name.name),
                        provision.name.span,
                        "already in the base",
                    )
                    .with_help(format!(
                        "to change it, write `replace provision {}`; to add a provision, give it a name the base does not use",
                        provision.name.name
                    ));
                    if let Some(existing) = version.file.provisions.get(at) {
                        problem = problem.with_label(existing.name.span, "the base's");
                    }
                    found.combined.push(problem);
                    continue;
                }
                match position(&after.name) {
                    Some(at) => {
                        version.file.provisions.insert(at + 1, provision.clone());
                        record(
                            &mut version.changes,
                            &provision.name.name,
                            ChangeKind::Inserted,
                        );
                    }
                    None => found
                        .combined
                        .push(unknown_provision(after, "insert after", &names)),
                }
            }
            Change::Parameter {
                target, history, ..
            } => {
                change_parameter(target, history, date, version, &names, found);
                if let [provision, parameter] = target.segments.as_slice() {
                    record(
                        &mut version.changes,
                        &provision.name,
                        ChangeKind::ParameterChanged,
                    );
                    if let Some(last) = version.changes.last_mut() {
                        last.parameter = Some(parameter.name.clone());
                    }
                }
            }
        }
    }
}

/// `change parameter PROVISION.NAME from DATE: VALUE ...`: the parameter's
/// entries from the block's date on give way to the new ones.
fn change_parameter(
    target: &ast::Path,
    history: &[(ast::DateLit, Option<ast::Expr>)],
    date: NaiveDate,
    version: &mut Version,
    names: &[String],
    found: &mut Found,
) {
    let [provision_name, parameter_name] = target.segments.as_slice() else {
        found.combined.push(
            Problem::error(
                "provisio::parameter_change_target",
                format!("`{}` does not name a parameter of a provision", target.dotted()),
                target.span,
                "not `provision.parameter`",
            )
            .with_help("name the parameter with its provision: `change parameter para2.threshold from ...`"),
        );
        return;
    };
    let Some(provision) = version
        .file
        .provisions
        .iter_mut()
        .find(|p| p.name.name == provision_name.name)
    else {
        found
            .combined
            .push(unknown_provision(provision_name, "change", names));
        return;
    };
    let parameter_names: Vec<&str> = provision
        .parameters
        .iter()
        .map(|p| p.name.name.as_str())
        .collect();
    let Some(at) = parameter_names
        .iter()
        .position(|n| *n == parameter_name.name)
    else {
        let help =
            crate::suggest::did_you_mean(&parameter_name.name, parameter_names.iter().copied())
                .unwrap_or_else(|| match parameter_names.is_empty() {
                    true => format!("`{}` has no dated value to change", provision_name.name),
                    false => format!("its parameters are: {}", parameter_names.join(", ")),
                });
        found.combined.push(
            Problem::error(
                "provisio::amends_unknown_parameter",
                format!(
                    "the base's provision `{}` has no parameter `{}` to change",
                    provision_name.name, parameter_name.name
                ),
                parameter_name.span,
                "not in the base",
            )
            .with_help(help),
        );
        return;
    };
    let mut entries = Vec::new();
    for (day, value) in history {
        match super::parse_date(&day.text) {
            Ok(day_date) if day_date < date => found.combined.push(
                Problem::error(
                    "provisio::parameter_change_before_block",
                    format!("the new value applies from {day_date}, before the block's date {date}"),
                    day.span,
                    "before the block applies",
                )
                .with_help(format!(
                    "a block changes the base from its own date on: date the value on or after {date}, or put it in an earlier block"
                )),
            ),
            // A date that is no date is reported with the version.
            _ => entries.push((day.clone(), value.clone())),
        }
    }
    if let Some(parameter) = provision.parameters.get_mut(at) {
        parameter
            .history
            .retain(|(day, _)| super::parse_date(&day.text).is_ok_and(|d| d < date));
        parameter.history.extend(entries);
    }
}

/// The problem for a change that names a provision the base does not have.
fn unknown_provision(name: &ast::Ident, verb: &str, names: &[String]) -> Problem {
    let help = crate::suggest::did_you_mean(&name.name, names.iter().map(String::as_str))
        .unwrap_or_else(|| {
            let listed: Vec<&str> = names.iter().map(String::as_str).collect();
            if verb == "replace" {
                format!(
                    "to add a provision, write `insert provision {} after OTHER`; the base's provisions are: {}",
                    name.name,
                    listed.join(", ")
                )
            } else {
                format!("the base's provisions are: {}", listed.join(", "))
            }
        });
    Problem::error(
        "provisio::amends_unknown_provision",
        format!("the base has no provision `{}` to {verb}", name.name),
        name.span,
        "not in the base",
    )
    .with_help(help)
}

/// Adds the amending file's own declarations to a version: every version
/// has them, so that the facts are the same on every date.
fn add_own_items(file: &PolicyFile, version: &mut PolicyFile) {
    version.types.extend(file.types.iter().cloned());
    version.events.extend(file.events.iter().cloned());
    version.facts.extend(file.facts.iter().cloned());
    version.readings.extend(file.readings.iter().cloned());
    version.assumptions.extend(file.assumptions.iter().cloned());
    version.uses.extend(file.uses.iter().cloned());
    if let (Some(own), Some(base)) = (&file.instrument, &mut version.instrument)
        && !own.scenarios_as_of.is_empty()
    {
        base.scenarios_as_of = own.scenarios_as_of.clone();
    }
    version.amends.clear();
    version.amendments.clear();
}

/// The region a span of the combined text falls in.
pub(super) fn region_of(regions: &[Region], span: Span) -> Option<&Region> {
    regions
        .iter()
        .filter(|(offset, _)| span.start >= *offset)
        .max_by_key(|(offset, _)| *offset)
}
