//! provisio: legal provisions as code, evaluated with verdicts that quote the law.
//!
//! The pipeline, one module per stage:
//! [`syntax`] parses a `.policy` file into the [`ast`]; [`check`] resolves and
//! types it into a [`model::Model`]; [`facts`] loads and validates an
//! analyst's facts against the model; [`eval`] computes the verdicts; and
//! [`render`] writes them for a person or a program.

//!
//! # Embedding
//!
//! Check a policy once, then evaluate as many sets of facts as you like:
//!
//! ```
//! use provisio::eval::{AsOfSource, Readings, evaluate};
//! use provisio::explain::{Detail, explain};
//! use provisio::facts::{FactsFormat, parse_facts_text};
//! use provisio::span::SourceFile;
//!
//! let policy = SourceFile::new(
//!     "deadline.policy",
//!     r#"
//!     instrument "A filing rule" adopted 2025-01-01
//!     fact filed "the day the claim was filed": date
//!     provision art1 "Deadline"
//!       text "A claim is on time if filed within 30 days of 1 March 2025."
//!       define on_time "the claim was filed on time" = filed on or before 2025-03-01 + 30 days
//!         cites "within 30 days"
//!     verdict on_time = art1.on_time
//!       says "The claim {was|was not|may or may not have been} filed on time."
//!     "#,
//! );
//! let model = provisio::check::check_source(&policy).expect("the policy checks").model;
//! let readings = Readings::defaults(&model);
//! let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("a date");
//! for (text, expected) in [(r#"{"filed": "2025-03-31"}"#, true), (r#"{"filed": "2025-04-01"}"#, false)] {
//!     let facts = parse_facts_text(&model, "facts", text, FactsFormat::Json).expect("facts load");
//!     let evaluation = evaluate(&model, &facts, as_of, AsOfSource::Given, &readings).expect("evaluates");
//!     let outcome = &evaluation.verdicts[0];
//!     assert_eq!(outcome.value.as_bool(), Some(expected));
//!     // The explanation quotes the phrase the rule cites.
//!     let why = explain(&model, &evaluation, outcome, Detail::Decisive).expect("explained");
//!     assert_eq!(why.steps[0].quote.as_deref(), Some("within 30 days"));
//! }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod ast;
pub mod batch;
pub mod calendar;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod echo;
pub mod eval;
pub mod exact;
pub mod explain;
pub mod facts;
pub mod format;
pub mod locale;
pub mod lsp;
pub mod model;
pub mod new;
pub mod reform;
pub mod render;
pub mod residual;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod testing;
pub mod timeline;
pub mod value;
pub mod words;

/// The stack the checker and evaluator keep free before resolving or
/// evaluating one more definition: enough for the deepest expression the
/// nesting limit ([`syntax::limits::MAX_NESTING`]) lets through, in a debug
/// build. With less left, they continue on a new stack segment.
pub(crate) const STACK_RED_ZONE: usize = 1536 * 1024;

/// The size of each new stack segment.
pub(crate) const STACK_SEGMENT: usize = 8 * 1024 * 1024;
