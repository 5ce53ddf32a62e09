//! The layout tree: the parse tree cut down to what decides the layout.
//! A *line unit* (an item, a clause of a header or a rule, a record field,
//! a reading's alternative, a rule in a provision, a dated value's entry,
//! the `end` of a record or an amendment, a sentence's translation) starts a line of its own at its
//! canonical indentation; a *group* (`from` and `until` of `in force`, an
//! event's `opening` and `closing`) is a run of tokens that may be moved;
//! everything else is tokens in source order.

use pest::iterators::Pair;

use super::tokens::Tokens;
use crate::locale::Lang;
use crate::syntax::Rule;

/// A node of the layout tree.
#[derive(Debug)]
pub(super) enum Node {
    /// A token, by its index in [`Tokens::items`].
    Token(usize),
    /// A line unit or a group.
    Unit(Unit),
}

/// A line unit, a group, or the whole file.
#[derive(Debug)]
pub(super) struct Unit {
    /// The grammar rule it stands for.
    pub rule: Rule,
    /// For a line unit, its indentation in spaces.
    pub indent: Option<usize>,
    /// For a unit that may be moved among its siblings, its place in the
    /// order the documentation writes them.
    pub rank: Option<u8>,
    /// Its tokens and units, in the order they are printed.
    pub children: Vec<Node>,
}

impl Unit {
    /// The index of its first token, if it has any.
    pub fn first_token(&self) -> Option<usize> {
        self.children.iter().find_map(|child| match child {
            Node::Token(index) => Some(*index),
            Node::Unit(unit) => unit.first_token(),
        })
    }
}

/// What a pair is for the layout, by its rule and its parent's.
enum Role {
    /// A line unit, with its rank among siblings that may move, and how
    /// many spaces in from the unit around it: none for an `end` and a
    /// verdict's `says fr`, two for a clause, four for a translation `in
    /// fr`, so that it never lines up with the clauses of its item.
    Line { rank: Option<u8>, depth: usize },
    /// A group with its rank.
    Group(u8),
    /// Neither: its tokens and units belong to the unit around it.
    Plain,
}

/// The role of a pair of rule `rule` inside a pair of rule `parent`.
fn role(parent: Rule, rule: Rule) -> Role {
    use Rule as R;
    let line = |rank| Role::Line { rank, depth: 2 };
    match (parent, rule) {
        (R::policy, R::EOI) => Role::Plain,
        (R::policy, _) => line(None),
        (R::instrument, R::symbol_clause) => line(Some(0)),
        (R::instrument, R::adopted_clause) => line(Some(1)),
        (R::instrument, R::in_force_clause) => line(Some(2)),
        (R::instrument, R::scenarios_clause) => line(Some(3)),
        (R::record_type, R::field_decl) => line(None),
        (R::record_type | R::amendment_block, R::kw_end) => Role::Line {
            rank: None,
            depth: 0,
        },
        (R::says, R::says_translation) => Role::Line {
            rank: None,
            depth: 0,
        },
        (_, R::translation) => Role::Line {
            rank: None,
            depth: 4,
        },
        (R::reading_decl, R::alternative) => line(None),
        (R::provision | R::replace_change | R::insert_change, R::text_clause) => line(Some(0)),
        (R::provision | R::replace_change | R::insert_change, R::in_force_clause) => line(Some(1)),
        (
            R::provision | R::replace_change | R::insert_change,
            R::definition | R::parameter | R::exception | R::deontic,
        ) => line(Some(2)),
        (R::definition | R::parameter | R::exception, R::cites) => line(None),
        (R::parameter | R::parameter_change, R::history_entry) => line(None),
        (R::deontic, R::binds_clause) => line(Some(0)),
        (R::deontic, R::action_clause) => line(Some(1)),
        (R::deontic, R::while_clause) => line(Some(2)),
        (R::deontic, R::when_clause) => line(Some(3)),
        (R::deontic, R::cites) => line(Some(4)),
        (R::verdict, R::says) => line(None),
        (
            R::amendment_block,
            R::replace_change | R::repeal_change | R::insert_change | R::parameter_change,
        ) => line(None),
        (R::in_force_clause, R::in_force_from) => Role::Group(0),
        (R::in_force_clause, R::in_force_until) => Role::Group(1),
        (R::event_decl, R::event_opening) => Role::Group(0),
        (R::event_decl, R::event_closing) => Role::Group(1),
        _ => Role::Plain,
    }
}

/// Builds the layout tree of a parsed file, collecting its tokens.
pub(super) fn build(source: &str, policy: Pair<'_, Rule>, tokens: &mut Tokens) -> Unit {
    let mut root = Unit {
        rule: Rule::policy,
        indent: None,
        rank: None,
        children: Vec::new(),
    };
    let start = policy.as_span().start();
    let end = policy.as_span().end();
    let mut cursor = start;
    walk_children(source, policy, None, &mut cursor, tokens, &mut root);
    tokens.gap(source, cursor, end, Rule::policy);
    // Whatever follows the policy (nothing, as it ends at EOI) is read too.
    tokens.gap(source, end, source.len(), Rule::policy);
    tokens.finish();
    root
}

/// Walks the children of `pair` into `unit`, reading the gaps between them.
fn walk_children(
    source: &str,
    pair: Pair<'_, Rule>,
    indent: Option<usize>,
    cursor: &mut usize,
    tokens: &mut Tokens,
    unit: &mut Unit,
) {
    let parent = pair.as_rule();
    let end = pair.as_span().end();
    let spread = parent == Rule::enum_type && any_value_described(&pair);
    if spread {
        tokens.join_next = true;
    }
    for child in pair.into_inner() {
        let span = child.as_span();
        if span.start() == span.end() {
            continue;
        }
        gap_into(source, *cursor, span.start(), parent, tokens, unit);
        *cursor = span.start();
        let role = match (parent, child.as_rule()) {
            (Rule::enum_type, Rule::enum_value) if spread => Role::Line {
                rank: None,
                depth: 2,
            },
            (parent, rule) => role(parent, rule),
        };
        match role {
            Role::Plain => walk(source, child, indent, cursor, tokens, unit),
            Role::Line { rank, depth } => {
                let own = indent.map_or(0, |i| i + depth);
                let mut inner = Unit {
                    rule: child.as_rule(),
                    indent: Some(own),
                    rank,
                    children: Vec::new(),
                };
                walk(source, child, Some(own), cursor, tokens, &mut inner);
                unit.children.push(Node::Unit(inner));
            }
            Role::Group(rank) => {
                let mut inner = Unit {
                    rule: child.as_rule(),
                    indent: None,
                    rank: Some(rank),
                    children: Vec::new(),
                };
                walk(source, child, indent, cursor, tokens, &mut inner);
                unit.children.push(Node::Unit(inner));
            }
        }
        *cursor = span.end();
    }
    gap_into(source, *cursor, end, parent, tokens, unit);
    *cursor = end;
    if spread {
        tokens.break_next = true;
    }
    order(unit);
    order_translations(unit, tokens);
}

/// Whether a value of an enumeration is described: then each value starts
/// a line of its own, its sentence and translations after it, two spaces in
/// from the line that says `one of`; otherwise the values stay as written,
/// `one of a, b, c` on one line.
fn any_value_described(enumeration: &Pair<'_, Rule>) -> bool {
    enumeration.clone().into_inner().any(|value| {
        value.as_rule() == Rule::enum_value
            && value
                .into_inner()
                .any(|part| part.as_rule() == Rule::value_text)
    })
}

/// Puts each run of a sentence's translations in the order of
/// [`Lang::TRANSLATIONS`] (French, then Spanish); a code that is no
/// language keeps its place after them, for the checker to report.
fn order_translations(unit: &mut Unit, tokens: &Tokens) {
    let rank = |node: &Node| -> Option<usize> {
        let Node::Unit(inner) = node else { return None };
        if !matches!(inner.rule, Rule::translation | Rule::says_translation) {
            return None;
        }
        // The code is the unit's second token, after `in` or `says`.
        let code = inner.children.iter().filter_map(|child| match child {
            Node::Token(index) => tokens.items.get(*index),
            Node::Unit(_) => None,
        });
        let code = code.clone().nth(1).map(|token| token.text.as_str());
        Some(
            Lang::TRANSLATIONS
                .iter()
                .position(|lang| Some(lang.code()) == code)
                .unwrap_or(Lang::TRANSLATIONS.len()),
        )
    };
    let mut start = 0;
    while start < unit.children.len() {
        let run = unit.children[start..]
            .iter()
            .take_while(|node| rank(node).is_some())
            .count();
        if run > 1 {
            let end = start + run;
            let mut moving: Vec<Node> = unit.children.drain(start..end).collect();
            moving.sort_by_key(|node| rank(node).unwrap_or(usize::MAX));
            for (offset, node) in moving.into_iter().enumerate() {
                unit.children.insert(start + offset, node);
            }
        }
        start += run.max(1);
    }
}

/// Reads a gap, adding the punctuation in it to `unit`.
fn gap_into(
    source: &str,
    from: usize,
    to: usize,
    rule: Rule,
    tokens: &mut Tokens,
    unit: &mut Unit,
) {
    if from >= to {
        return;
    }
    let before = tokens.items.len();
    tokens.gap(source, from, to, rule);
    unit.children
        .extend((before..tokens.items.len()).map(Node::Token));
}

/// Walks one pair: a token, or a pair whose children are walked.
fn walk(
    source: &str,
    pair: Pair<'_, Rule>,
    indent: Option<usize>,
    cursor: &mut usize,
    tokens: &mut Tokens,
    unit: &mut Unit,
) {
    let span = pair.as_span();
    let is_token = matches!(pair.as_rule(), Rule::string | Rule::value_text)
        || pair.clone().into_inner().next().is_none();
    if is_token {
        tokens.push(source, span.start(), span.as_str(), pair.as_rule(), false);
        unit.children.push(Node::Token(tokens.items.len() - 1));
        *cursor = span.end();
        return;
    }
    // Deep expressions nest the walk; grow the stack as the checker does.
    stacker::maybe_grow(crate::STACK_RED_ZONE, crate::STACK_SEGMENT, || {
        walk_children(source, pair, indent, cursor, tokens, unit);
    });
}

/// Puts the units that may move in the order the documentation writes
/// them, keeping the order of equals (a repeated clause stays second).
fn order(unit: &mut Unit) {
    let places: Vec<usize> = unit
        .children
        .iter()
        .enumerate()
        .filter(|(_, child)| matches!(child, Node::Unit(u) if u.rank.is_some()))
        .map(|(i, _)| i)
        .collect();
    if places.len() < 2 {
        return;
    }
    let mut moving: Vec<Node> = Vec::with_capacity(places.len());
    for &place in places.iter().rev() {
        moving.push(unit.children.remove(place));
    }
    moving.reverse();
    moving.sort_by_key(|node| match node {
        Node::Unit(u) => u.rank.unwrap_or(u8::MAX),
        Node::Token(_) => u8::MAX,
    });
    for (place, node) in places.into_iter().zip(moving) {
        unit.children.insert(place, node);
    }
}
