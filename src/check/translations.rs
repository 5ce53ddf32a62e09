//! A policy's sentences in French and Spanish: `in fr "..."` after a
//! description, `says fr "..."` after a verdict's sentence.
//!
//! The checker reads each language's code (an unknown one, English, or the
//! same language twice is an error at the code), checks a translated verdict
//! sentence as it checks the English one (in `template.rs`), fills the
//! model's table of translations once the file checks, and warns, under the
//! lint `missing_translation`, about each item whose sentences lack a
//! language the policy gives elsewhere: that language falls back to English
//! there. A policy that gives no translation gets no warning.

use std::collections::{BTreeSet, HashMap};

use super::Checker;
use super::declare::fold_whitespace;
use crate::ast::{self, PolicyFile, Text, TypeExpr, TypeKind};
use crate::diagnostic::Problem;
use crate::locale::Lang;
use crate::model::translations::Described;
use crate::span::Span;

/// One sentence that may be translated.
struct Sentence<'a> {
    /// The English sentence with its translations.
    text: &'a Text,
    /// What it is, for messages: "its description", "alternative `opening`".
    what: String,
    /// Whether it is a verdict's sentence, translated with `says fr`.
    says: bool,
}

/// The sentences of one item, which the missing-translation lint reports
/// together so that a policy is not flooded with one warning per sentence.
struct Group<'a> {
    /// The item: "fact `measure`", "verdict `in_force`".
    subject: String,
    /// Where the warning points: the item's name (inside the item, so that
    /// an allow comment above a rule or a verdict silences it there).
    at: Span,
    sentences: Vec<Sentence<'a>>,
}

impl<'a> Group<'a> {
    fn new(subject: String, at: Span) -> Self {
        Group {
            subject,
            at,
            sentences: Vec::new(),
        }
    }

    fn add(&mut self, text: Option<&'a Text>, what: impl Into<String>) {
        if let Some(text) = text {
            self.sentences.push(Sentence {
                text,
                what: what.into(),
                says: false,
            });
        }
    }

    /// The descriptions of a type's record fields and enumeration values,
    /// nested records included.
    fn fields(&mut self, ty: &'a TypeExpr) {
        match &ty.kind {
            TypeKind::Enum(values) => {
                for value in values {
                    self.add(
                        value.description.as_ref(),
                        format!("value `{}`", value.name.name),
                    );
                }
            }
            TypeKind::Record(fields) => {
                for field in fields {
                    self.add(
                        field.description.as_ref(),
                        format!("field `{}`", field.name.name),
                    );
                    self.fields(&field.ty);
                }
            }
            TypeKind::List(inner) => self.fields(inner),
            _ => {}
        }
    }
}

/// The groups of a provision: its heading, then each rule's sentences.
fn provision_groups<'a>(provision: &'a ast::Provision, groups: &mut Vec<Group<'a>>) {
    let mut own = Group::new(
        format!("provision `{}`", provision.name.name),
        provision.name.span,
    );
    own.add(provision.heading.as_ref(), "its heading");
    groups.push(own);
    for definition in &provision.definitions {
        let mut group = Group::new(
            format!("definition `{}`", definition.name.name),
            definition.name.span,
        );
        group.add(definition.description.as_ref(), "its description");
        let params = definition.params.iter().flatten();
        for ty in params.filter_map(|p| p.ty.as_ref()).chain(&definition.ty) {
            group.fields(ty);
        }
        groups.push(group);
    }
    for parameter in &provision.parameters {
        let mut group = Group::new(
            format!("parameter `{}`", parameter.name.name),
            parameter.name.span,
        );
        group.add(parameter.description.as_ref(), "its description");
        if let Some(ty) = &parameter.ty {
            group.fields(ty);
        }
        groups.push(group);
    }
    for deontic in &provision.deontics {
        let mut group = Group::new(format!("rule `{}`", deontic.name.name), deontic.name.span);
        for binds in &deontic.binds {
            group.add(Some(binds), "whom it binds");
        }
        for action in &deontic.action {
            group.add(Some(action), "its action");
        }
        groups.push(group);
    }
}

/// Every translatable sentence of a file, item by item, in file order of kind.
fn groups(file: &PolicyFile) -> Vec<Group<'_>> {
    let mut groups = Vec::new();
    if let Some(instrument) = &file.instrument {
        let mut group = Group::new(String::from("the instrument"), instrument.title.span);
        group.add(Some(&instrument.title), "its title");
        groups.push(group);
    }
    for decl in &file.types {
        let mut group = Group::new(format!("type `{}`", decl.name.name), decl.name.span);
        group.add(decl.description.as_ref(), "its description");
        group.fields(&decl.ty);
        groups.push(group);
    }
    for event in &file.events {
        let mut group = Group::new(format!("event `{}`", event.name.name), event.name.span);
        group.add(event.description.as_ref(), "its description");
        groups.push(group);
    }
    for fact in &file.facts {
        let mut group = Group::new(format!("fact `{}`", fact.name.name), fact.name.span);
        group.add(fact.description.as_ref(), "its description");
        group.fields(&fact.ty);
        groups.push(group);
    }
    for reading in &file.readings {
        let mut group = Group::new(
            format!("reading `{}`", reading.name.name),
            reading.name.span,
        );
        group.add(reading.description.as_ref(), "its description");
        for alternative in &reading.alternatives {
            group.add(
                alternative.sentence.as_ref(),
                format!("alternative `{}`", alternative.name.name),
            );
        }
        groups.push(group);
    }
    for provision in &file.provisions {
        provision_groups(provision, &mut groups);
    }
    for block in &file.amendments {
        for change in &block.changes {
            match change {
                ast::Change::Replace(provision) | ast::Change::Insert { provision, .. } => {
                    provision_groups(provision, &mut groups)
                }
                ast::Change::Repeal { .. } | ast::Change::Parameter { .. } => {}
            }
        }
    }
    for verdict in &file.verdicts {
        let mut group = Group::new(
            format!("verdict `{}`", verdict.name.name),
            verdict.name.span,
        );
        if let Some(says) = &verdict.says {
            group.sentences.push(Sentence {
                text: says,
                what: String::from("its sentence"),
                says: true,
            });
        }
        if let Some(ty) = &verdict.ty {
            group.fields(ty);
        }
        groups.push(group);
    }
    for assumption in &file.assumptions {
        let subject = match &assumption.name {
            Some(name) => format!("assumption `{}`", name.name),
            None => String::from("the assumption"),
        };
        let at = assumption
            .name
            .as_ref()
            .map_or(assumption.sentence.span, |n| n.span);
        let mut group = Group::new(subject, at);
        group.add(Some(&assumption.sentence), "its sentence");
        groups.push(group);
    }
    groups
}

/// The languages of a sentence's translations whose codes are known and
/// not English, without repeats.
fn languages(text: &Text) -> BTreeSet<Lang> {
    text.translations
        .iter()
        .filter_map(|t| Lang::from_code(&t.lang.name))
        .filter(|lang| *lang != Lang::En)
        .collect()
}

/// "French", "French or Spanish".
fn names_of(langs: &BTreeSet<Lang>, joiner: &str) -> String {
    let names: Vec<&str> = langs.iter().map(|l| l.english_name()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {joiner} {last}", rest.join(", ")),
    }
}

/// The codes a sentence may be translated into, for help lines: "`fr`
/// (French) and `es` (Spanish)".
fn codes_help() -> String {
    let codes: Vec<String> = Lang::TRANSLATIONS
        .iter()
        .map(|l| format!("`{}` ({})", l.code(), l.english_name()))
        .collect();
    codes.join(" and ")
}

impl Checker<'_> {
    /// Reads the language code of every translation: an unknown code,
    /// English, or a language given twice for one sentence is an error.
    pub(super) fn check_translation_codes(&mut self) {
        let file = self.file;
        let mut problems = Vec::new();
        for group in groups(file) {
            for sentence in &group.sentences {
                let keyword = if sentence.says { "says" } else { "in" };
                let mut seen: HashMap<Lang, Span> = HashMap::new();
                for translation in &sentence.text.translations {
                    let code = &translation.lang;
                    match Lang::from_code(&code.name) {
                        None => {
                            let codes = Lang::TRANSLATIONS.iter().map(|l| l.code());
                            let hint = crate::suggest::did_you_mean(&code.name, codes)
                                .or_else(|| named(&code.name));
                            let help = match hint {
                                Some(hint) => format!(
                                    "{hint} A sentence may be given in {}, after the English one: `{keyword} fr \"...\"`",
                                    codes_help()
                                ),
                                None => format!(
                                    "a sentence may be given in {}, after the English one: `{keyword} fr \"...\"`",
                                    codes_help()
                                ),
                            };
                            problems.push(
                                Problem::error(
                                    "provisio::unknown_language",
                                    format!(
                                        "`{}` is not a language the sentences of a policy can be given in",
                                        code.name
                                    ),
                                    code.span,
                                    "unknown language",
                                )
                                .with_help(help),
                            );
                        }
                        Some(Lang::En) => problems.push(
                            Problem::error(
                                "provisio::unknown_language",
                                format!(
                                    "{} gives {} in English as a translation",
                                    group.subject, sentence.what
                                ),
                                code.span,
                                "English",
                            )
                            .with_help(format!(
                                "the first quoted text is the English sentence; after it, `{keyword}` gives it in {}: remove `{keyword} en \"...\"` or make it the first text",
                                codes_help()
                            )),
                        ),
                        Some(lang) => {
                            if let Some(first) = seen.get(&lang) {
                                problems.push(
                                    Problem::error(
                                        "provisio::duplicate_translation",
                                        format!(
                                            "{} gives {} in {} twice",
                                            group.subject,
                                            sentence.what,
                                            lang.english_name()
                                        ),
                                        code.span,
                                        "given again here",
                                    )
                                    .with_label(*first, "first given here")
                                    .with_help(format!(
                                        "keep one {} sentence and remove the other",
                                        lang.english_name()
                                    )),
                                );
                            } else {
                                seen.insert(lang, code.span);
                            }
                        }
                    }
                }
            }
        }
        for problem in problems {
            self.report(problem);
        }
    }

    /// `missing_translation`: where a policy gives its sentences in a
    /// language, each item with a sentence that lacks it, one warning per
    /// item naming every sentence and language missing.
    pub(super) fn lint_translations(&mut self) {
        let file = self.file;
        let groups = groups(file);
        let given: BTreeSet<Lang> = groups
            .iter()
            .flat_map(|g| g.sentences.iter().flat_map(|s| languages(s.text)))
            .collect();
        if given.is_empty() {
            return;
        }
        let mut problems = Vec::new();
        for group in &groups {
            let mut labels = Vec::new();
            let mut missing_any: BTreeSet<Lang> = BTreeSet::new();
            for sentence in &group.sentences {
                let has = languages(sentence.text);
                let missing: BTreeSet<Lang> = given.difference(&has).copied().collect();
                if missing.is_empty() {
                    continue;
                }
                labels.push((
                    sentence.text.span,
                    format!("{}: no {}", sentence.what, names_of(&missing, "or")),
                ));
                missing_any.extend(missing);
            }
            let Some(first_missing) = group
                .sentences
                .iter()
                .find(|s| given.difference(&languages(s.text)).next().is_some())
            else {
                continue;
            };
            let total = group.sentences.len();
            let which = if labels.len() == 1 {
                first_missing.what.clone()
            } else if labels.len() == total {
                format!("its {} sentences", labels.len())
            } else {
                format!("{} of its {total} sentences", labels.len())
            };
            let fall = if labels.len() == 1 { "falls" } else { "fall" };
            let keyword = if first_missing.says { "says" } else { "in" };
            let mut problem = Problem::error(
                "provisio::missing_translation",
                format!(
                    "{} is not given in {}: {which} {fall} back to English there",
                    group.subject,
                    names_of(&missing_any, "or")
                ),
                group.at,
                format!("not in {}", names_of(&missing_any, "or")),
            )
            .with_help(format!(
                "the policy gives sentences in {}; add `{keyword} {} \"...\"` after the English sentence, or `# provisio: allow missing_translation` where English is meant",
                names_of(&given, "and"),
                missing_any.first().map_or("fr", |l| l.code()),
            ))
            .as_warning();
            for (span, label) in labels {
                // The instrument's warning already points at its title.
                if span == group.at {
                    continue;
                }
                problem = problem.with_label(span, label);
            }
            problems.push(problem);
        }
        for problem in problems {
            self.report(problem);
        }
    }

    /// Records a description's translations in the model's table, folded
    /// like the English.
    fn translate(&mut self, item: Described, text: Option<&Text>) {
        let Some(text) = text else { return };
        for translation in &text.translations {
            if let Some(lang) = Lang::from_code(&translation.lang.name) {
                self.translations
                    .add_description(item, lang, fold_whitespace(&translation.value));
            }
        }
    }

    /// Records the translations of a record's fields, by their index among
    /// the fields kept.
    pub(super) fn translate_fields(&mut self, record: u32, fields: &[&ast::FieldDecl]) {
        for (index, field) in fields.iter().enumerate() {
            self.translate(
                Described::Field(record, index as u32),
                field.description.as_ref(),
            );
        }
    }

    /// Records the translations of an enumeration's values, by their index
    /// among the values kept. An enumeration declared twice with the same
    /// values is one: a translation given already stands.
    pub(super) fn translate_enum_values(&mut self, id: u32, values: &[&ast::EnumValue]) {
        for (index, value) in values.iter().enumerate() {
            let Some(text) = &value.description else {
                continue;
            };
            let item = Described::EnumValue(id, index as u32);
            for translation in &text.translations {
                if let Some(lang) = Lang::from_code(&translation.lang.name)
                    && self.translations.description(item, lang).is_none()
                {
                    self.translations.add_description(
                        item,
                        lang,
                        fold_whitespace(&translation.value),
                    );
                }
            }
        }
    }

    /// Fills the model's table with every description's translations, once
    /// the file has checked, so that the ids are those of the model.
    pub(super) fn fill_translations(&mut self) {
        let file = self.file;
        if let Some(instrument) = &file.instrument {
            self.translate(Described::Instrument, Some(&instrument.title));
        }
        for (id, decl) in self.type_ast.clone().into_iter().enumerate() {
            self.translate(Described::Type(id as u32), decl.description.as_ref());
        }
        let described = file
            .events
            .iter()
            .map(|e| (&e.name, e.description.as_ref()))
            .chain(file.facts.iter().map(|f| (&f.name, f.description.as_ref())));
        for (name, description) in described {
            if let Some(id) = self.fact_index.get(name.name.as_str()).copied() {
                self.translate(Described::Fact(id), description);
            }
        }
        for reading in &file.readings {
            let Some(id) = self.reading_index.get(reading.name.name.as_str()).copied() else {
                continue;
            };
            self.translate(Described::Reading(id), reading.description.as_ref());
            for alternative in &reading.alternatives {
                let index = self.readings.get(id as usize).and_then(|r| {
                    r.alternatives
                        .iter()
                        .position(|a| a.name == alternative.name.name)
                });
                if let Some(index) = index {
                    self.translate(
                        Described::Alternative(id, index as u32),
                        alternative.sentence.as_ref(),
                    );
                }
            }
        }
        for provision in &file.provisions {
            if let Some(id) = self
                .provision_index
                .get(provision.name.name.as_str())
                .copied()
            {
                self.translate(Described::Provision(id), provision.heading.as_ref());
            }
        }
        for (id, (_, definition)) in self.definition_ast.clone().into_iter().enumerate() {
            self.translate(
                Described::Definition(id as u32),
                definition.description.as_ref(),
            );
        }
        for (id, (_, parameter)) in self.parameter_ast.clone().into_iter().enumerate() {
            self.translate(
                Described::Parameter(id as u32),
                parameter.description.as_ref(),
            );
        }
        for (id, (_, deontic)) in self.deontic_ast.clone().into_iter().enumerate() {
            self.translate(Described::DeonticBinds(id as u32), deontic.binds.first());
            self.translate(Described::DeonticAction(id as u32), deontic.action.first());
        }
        for assumption in &file.assumptions {
            let id = self
                .assumptions
                .iter()
                .position(|a| a.span == assumption.span);
            if let Some(id) = id {
                self.translate(Described::Assumption(id as u32), Some(&assumption.sentence));
            }
        }
    }
}

/// The language a code stands for when it is no code of ours but a common
/// other name for it (`spa`, `esp`, `french`), as a did-you-mean.
fn named(code: &str) -> Option<String> {
    let lang = match code.to_lowercase().as_str() {
        "fra" | "fre" | "french" | "francais" | "français" => Lang::Fr,
        "sp" | "spa" | "esp" | "spanish" | "espanol" | "español" | "castellano" => Lang::Es,
        _ => return None,
    };
    Some(format!(
        "did you mean `{}` ({})?",
        lang.code(),
        lang.english_name()
    ))
}
