//! Hover: what a name means, in the policy's own words. A rule shows its
//! description, type, provision and cited phrase with the provision's text;
//! a fact its description and type; a reading its alternatives and default;
//! each sentence with its French and Spanish where the policy gives them.
//! An enumeration whose values are described is written `one of a, b` in
//! the type, and its values listed under it with how each reads.
//! A name of a used policy is described from that file, which is named; the
//! name a `use` gives shows the used file and its instrument.

use std::path::Path;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Uri};

use super::documents::Document;
use super::index::{Kind, Symbol};
use super::navigation::name_at;
use super::server::Failure;
use crate::ast::{EnumValue, FieldDecl, PolicyFile, Provision, Text, TypeExpr, TypeKind};

/// The hover of the name at the position, if there is a name there.
pub fn hover(
    document: &Document,
    _uri: &Uri,
    params: HoverParams,
) -> Result<Option<Hover>, Failure> {
    let position = params.text_document_position_params.position;
    let Some(occurrence) = name_at(document, position)? else {
        return Ok(None);
    };
    let Some(symbol) = document.index.symbols.get(occurrence.symbol) else {
        return Ok(None);
    };
    let value = match &symbol.home {
        None => document.file.as_ref().and_then(|file| {
            let own = Within {
                text: &document.text,
                file,
                path: Path::new(&document.name),
                prefix: "",
            };
            describe(document, &own, symbol)
        }),
        Some(home) => {
            let unit = document.units.get(&home.path);
            let described = unit.and_then(|unit| {
                let within = Within {
                    text: &unit.text,
                    file: unit.file.as_ref()?,
                    path: &unit.path,
                    prefix: symbol.key.strip_suffix(&home.key).unwrap_or_default(),
                };
                let local = Symbol {
                    key: home.key.clone(),
                    ..symbol.clone()
                };
                describe(document, &within, &local)
            });
            described.map(|value| format!("{value}\n\nDeclared in `{}`", home.path.display()))
        }
    };
    let Some(value) = value else {
        return Ok(None);
    };
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(document.lines.range(&document.text, occurrence.span)),
    }))
}

/// The file a symbol is declared in: its text, syntax tree and path, and
/// the prefix its names have in the document (`mc12.` for a used file's).
struct Within<'a> {
    text: &'a str,
    file: &'a PolicyFile,
    path: &'a Path,
    prefix: &'a str,
}

/// The Markdown that describes a symbol, its key that of its own file.
fn describe(document: &Document, within: &Within, symbol: &Symbol) -> Option<String> {
    let file = within.file;
    let written = |ty: &TypeExpr| type_written(within.text, ty);
    let text = |t: &Option<Text>| t.as_ref().map(sentences);
    let mut lines = Vec::new();
    match symbol.kind {
        Kind::Fact => {
            let fact = file.facts.iter().find(|f| f.name.name == symbol.key)?;
            lines.push(code(&format!(
                "fact {}: {}",
                fact.name.name,
                written(&fact.ty)?
            )));
            lines.extend(text(&fact.description));
            lines.extend(values(&fact.ty));
        }
        Kind::Type => {
            let ty = file.types.iter().find(|t| t.name.name == symbol.key)?;
            lines.push(code(&format!(
                "type {}: {}",
                ty.name.name,
                written(&ty.ty)?
            )));
            lines.extend(text(&ty.description));
            lines.extend(values(&ty.ty));
        }
        Kind::Field => {
            let field = field(file, &symbol.key)?;
            lines.push(code(&format!(
                "field {}: {}",
                symbol.key,
                written(&field.ty)?
            )));
            lines.extend(text(&field.description));
            lines.extend(values(&field.ty));
        }
        Kind::Event => {
            let event = file.events.iter().find(|e| e.name.name == symbol.key)?;
            lines.push(code(&format!("event {}", event.name.name)));
            lines.extend(text(&event.description));
        }
        Kind::Reading | Kind::Alternative => {
            let reading_name = symbol.key.split('.').next()?;
            let reading = file.readings.iter().find(|r| r.name.name == reading_name)?;
            lines.push(code(&format!("reading {}", reading.name.name)));
            lines.extend(text(&reading.description));
            let mut alternatives = String::new();
            for alternative in &reading.alternatives {
                let default = if alternative.default.is_some() {
                    " (default)"
                } else {
                    ""
                };
                let sentence = alternative
                    .sentence
                    .as_ref()
                    .map(|s| format!(": {}", inline(s)))
                    .unwrap_or_default();
                alternatives.push_str(&format!(
                    "- `{}`{default}{sentence}\n",
                    alternative.name.name
                ));
            }
            lines.push(alternatives.trim_end().to_string());
        }
        Kind::Provision => {
            let provision = provision(file, &symbol.key)?;
            lines.push(code(&format!("provision {}", provision.name.name)));
            lines.extend(text(&provision.heading));
            lines.extend(provision.texts.first().map(|t| quote(&t.value)));
        }
        Kind::Rule => lines.extend(rule(document, within, symbol)?),
        Kind::Use => {
            let decl = file.uses.iter().find(|u| u.name.name == symbol.key)?;
            lines.push(code(&format!(
                "use \"{}\" as {}",
                decl.path.value, decl.name.name
            )));
            let folder = within.path.parent().unwrap_or_else(|| Path::new(""));
            let used = super::used::canonical(&folder.join(&decl.path.value));
            match document.units.get(&used).and_then(|u| u.file.as_ref()) {
                Some(used_file) => {
                    if let Some(instrument) = &used_file.instrument {
                        lines.push(format!("Uses \u{201c}{}\u{201d}", instrument.title.value));
                    }
                    lines.push(format!("`{}`", used.display()));
                }
                None => lines.push(format!("`{}` cannot be read", used.display())),
            }
        }
        Kind::Verdict => {
            let verdict = file.verdicts.iter().find(|v| v.name.name == symbol.key)?;
            let ty = verdict
                .ty
                .as_ref()
                .and_then(written)
                .map(|t| format!(": {t}"))
                .unwrap_or_default();
            lines.push(code(&format!("verdict {}{ty}", verdict.name.name)));
            lines.extend(text(&verdict.says));
            lines.extend(verdict.ty.as_ref().and_then(values));
        }
    }
    Some(lines.join("\n\n"))
}

/// The hover of a rule: its kind, name and type, its description, and the
/// phrase it cites with its provision's text.
fn rule(document: &Document, within: &Within, symbol: &Symbol) -> Option<Vec<String>> {
    let file = within.file;
    let prefix = within.prefix;
    let (provision_name, name) = symbol.key.split_once('.')?;
    let provision = provision(file, provision_name)?;
    let written = |ty: &Option<TypeExpr>| ty.as_ref().and_then(|ty| type_written(within.text, ty));
    let mut listed = None;
    let (header, description, cites) =
        if let Some(d) = provision.definitions.iter().find(|d| d.name.name == name) {
            let prefixed = format!("{}{provision_name}", within.prefix);
            let ty = written(&d.ty).or_else(|| checked_type(document, &prefixed, name));
            let ty = ty.map(|t| format!(": {t}")).unwrap_or_default();
            listed = d.ty.as_ref().and_then(values);
            (
                format!("define {prefix}{provision_name}.{name}{ty}"),
                d.description.clone(),
                d.cites.clone(),
            )
        } else if let Some(p) = provision.parameters.iter().find(|p| p.name.name == name) {
            let ty = written(&p.ty).map(|t| format!(": {t}")).unwrap_or_default();
            listed = p.ty.as_ref().and_then(values);
            (
                format!("parameter {prefix}{provision_name}.{name}{ty}"),
                p.description.clone(),
                p.cites.clone(),
            )
        } else if let Some(e) = provision
            .exceptions
            .iter()
            .find(|e| e.name.as_ref().is_some_and(|n| n.name == name))
        {
            (
                format!(
                    "exception {prefix}{provision_name}.{name} to {}",
                    e.target.dotted()
                ),
                None,
                e.cites.clone(),
            )
        } else {
            let d = provision.deontics.iter().find(|d| d.name.name == name)?;
            let kind = format!("{:?}", d.kind).to_lowercase();
            let action = d.action.first().cloned();
            (
                format!("{kind} {prefix}{provision_name}.{name}: boolean"),
                action,
                d.cites.first().cloned(),
            )
        };
    let mut lines = vec![code(&header)];
    lines.extend(description.as_ref().map(sentences));
    lines.extend(listed);
    let heading = provision
        .heading
        .as_ref()
        .map(|h| format!(" ({})", h.value))
        .unwrap_or_default();
    lines.push(format!("In provision `{}`{heading}", provision.name.name));
    if let Some(cites) = cites {
        lines.push(format!("Cites: \u{201c}{}\u{201d}", cites.value));
    }
    lines.extend(provision.texts.first().map(|t| quote(&t.value)));
    Some(lines)
}

/// A definition's type as the checker inferred it, when the file checks.
fn checked_type(document: &Document, provision: &str, name: &str) -> Option<String> {
    let model = document.model.as_ref()?;
    let definition = model.definitions.iter().find(|d| {
        d.name == name
            && model
                .provisions
                .get(d.provision as usize)
                .is_some_and(|p| p.name == provision)
    })?;
    Some(crate::model::types::declared_type(
        &definition.ty,
        &model.enums,
    ))
}

/// The field a key such as `claim.amount` names, in a fact's or a type's
/// record (or a list of records), nested records included.
fn field<'f>(file: &'f PolicyFile, key: &str) -> Option<&'f FieldDecl> {
    let mut parts = key.split('.');
    let owner = parts.next()?;
    let mut ty = file
        .facts
        .iter()
        .find(|f| f.name.name == owner)
        .map(|f| &f.ty)
        .or_else(|| {
            file.types
                .iter()
                .find(|t| t.name.name == owner)
                .map(|t| &t.ty)
        })?;
    let mut found = None;
    for part in parts {
        while let TypeKind::List(inner) = &ty.kind {
            ty = inner;
        }
        let TypeKind::Record(fields) = &ty.kind else {
            return None;
        };
        let next = fields.iter().find(|f| f.name.name == part)?;
        ty = &next.ty;
        found = Some(next);
    }
    found
}

fn provision<'f>(file: &'f PolicyFile, name: &str) -> Option<&'f Provision> {
    super::index::all_provisions(file)
        .into_iter()
        .find(|p| p.name.name == name)
}

/// The values of an enumeration, directly or as a list's elements, when
/// one of them at least is described.
fn described_values(ty: &TypeExpr) -> Option<&[EnumValue]> {
    match &ty.kind {
        TypeKind::List(inner) => described_values(inner),
        TypeKind::Enum(values) if values.iter().any(|v| v.description.is_some()) => Some(values),
        _ => None,
    }
}

/// A type as the hover writes it: as written in the file, but for an
/// enumeration whose values are described, which is written `one of a, b`
/// (its values are listed below with how each reads).
fn type_written(text: &str, ty: &TypeExpr) -> Option<String> {
    let Some(values) = described_values(ty) else {
        return text.get(ty.span.start..ty.span.end).map(str::to_string);
    };
    let mut out = String::new();
    if ty.optional {
        out.push_str("optional ");
    }
    let mut inner = ty;
    while let TypeKind::List(element) = &inner.kind {
        out.push_str("list of ");
        inner = element;
    }
    let names: Vec<&str> = values.iter().map(|v| v.name.name.as_str()).collect();
    out.push_str("one of ");
    out.push_str(&names.join(", "));
    if ty.or_none.is_some() {
        out.push_str(" or none");
    }
    Some(out)
}

/// The values of a described enumeration, one list item each with how it
/// reads: `- `customs_duty`: customs duty (fr: un droit de douane)`.
fn values(ty: &TypeExpr) -> Option<String> {
    let values = described_values(ty)?;
    let items: Vec<String> = values
        .iter()
        .map(|value| match &value.description {
            Some(description) => format!("- `{}`: {}", value.name.name, inline(description)),
            None => format!("- `{}`", value.name.name),
        })
        .collect();
    Some(items.join("\n"))
}

/// A sentence of the policy and each of its translations, a paragraph
/// each: `fr: ...` under the English.
fn sentences(text: &Text) -> String {
    let mut out = text.value.clone();
    for translation in &text.translations {
        out.push_str(&format!(
            "\n\n{}: {}",
            translation.lang.name, translation.value
        ));
    }
    out
}

/// A sentence and its translations on one line, for a list item:
/// `English (fr: ...; es: ...)`.
fn inline(text: &Text) -> String {
    if text.translations.is_empty() {
        return text.value.clone();
    }
    let others: Vec<String> = text
        .translations
        .iter()
        .map(|t| format!("{}: {}", t.lang.name, t.value))
        .collect();
    format!("{} ({})", text.value, others.join("; "))
}

fn code(line: &str) -> String {
    format!("```provisio\n{line}\n```")
}

/// A provision's text as a Markdown quotation, its lines joined as the
/// law reads them.
fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    format!("> {}", words.join(" "))
}
