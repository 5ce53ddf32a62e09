//! provisio: legal provisions as code, evaluated with verdicts that quote the law.
//!
//! The pipeline, one module per stage:
//! [`syntax`] parses a `.policy` file into the [`ast`]; [`check`] resolves and
//! types it into a [`model::Model`]; [`facts`] loads and validates an
//! analyst's facts against the model; [`eval`] computes the verdicts; and
//! [`render`] writes them for a person or a program.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ast;
pub mod batch;
pub mod check;
pub mod diagnostic;
pub mod eval;
pub mod explain;
pub mod facts;
pub mod model;
pub mod render;
pub mod residual;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod testing;
pub mod timeline;
pub mod value;

/// The stack the checker and evaluator keep free before resolving or
/// evaluating one more definition: enough for the deepest expression the
/// nesting limit ([`syntax::limits::MAX_NESTING`]) lets through, in a debug
/// build. With less left, they continue on a new stack segment.
pub(crate) const STACK_RED_ZONE: usize = 1536 * 1024;

/// The size of each new stack segment.
pub(crate) const STACK_SEGMENT: usize = 8 * 1024 * 1024;
