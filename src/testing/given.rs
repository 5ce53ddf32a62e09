//! A scenario's `given`: values fixed for definitions, in place of their
//! rules, to test one rule in isolation (see [`crate::facts::given`]).
//!
//! ```json
//! {"facts": {"as_of": "2026-03-28"},
//!  "given": {"para5.expiry_date": "2026-03-26"},
//!  "expect": {"moratorium_in_force": false}}
//! ```

use crate::diagnostic::Problem;
use crate::facts::{FactsFormat, Given};
use crate::model::Model;
use crate::span::SourceFile;

/// The key of a scenario file that gives definitions their values.
pub(super) const GIVEN: &str = "given";

/// The values a scenario file gives definitions; each problem, pointing at
/// the name or the value in the file, is reported, and then none is given.
pub(super) fn scenario_given(
    model: &Model,
    source: &SourceFile,
    format: FactsFormat,
    report: &mut dyn FnMut(Problem),
) -> Given {
    match Given::parse_in(model, source, format, GIVEN) {
        Ok(given) => given,
        Err(problems) => {
            problems.into_iter().for_each(report);
            Given::default()
        }
    }
}
