//! Parsing: from the text of a `.policy` file to its syntax tree.
//!
//! The pest grammar in `grammar/provisio.pest` recognises the file; the pairs
//! it produces are lowered at once into [`crate::ast`], where every node keeps
//! its span. A file that does not parse yields one [`Problem`].

mod expr;
pub mod limits;
mod lower;
mod lower_amend;
mod lower_for_each;
mod lower_sentence;
mod periods;
mod phrases;
pub mod reserved;

use pest::Parser as _;

use crate::ast::PolicyFile;
use crate::diagnostic::Problem;
use crate::span::SourceFile;

mod generated {
    #![allow(missing_docs)]
    /// The parser generated from the grammar.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/provisio.pest"]
    pub struct PolicyParser;
}

pub(crate) use generated::{PolicyParser, Rule};

/// Parses a policy file into its syntax tree; a file that does not follow the
/// grammar gives one `provisio::syntax` problem.
pub fn parse(source: &SourceFile) -> Result<PolicyFile, Problem> {
    let Some(policy) = parse_tree(source)? else {
        return Ok(PolicyFile::default());
    };
    Ok(lower::lower_policy(policy))
}

/// The pest parse tree of a policy file, with the same problem as [`parse`]
/// for a file that does not follow the grammar: the formatter lays the file
/// out from it.
pub(crate) fn parse_tree(
    source: &SourceFile,
) -> Result<Option<pest::iterators::Pair<'_, Rule>>, Problem> {
    limits::check_nesting(source)?;
    let mut pairs = PolicyParser::parse(Rule::policy, &source.text)
        .map_err(|error| phrases::syntax_error(source, error))?;
    Ok(pairs.next())
}
