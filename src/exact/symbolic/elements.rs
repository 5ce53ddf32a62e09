//! The value of a verdict given for each element of a list, for one element.

use super::Symbolic;
use crate::exact::term::{Cases, Exact, Fallback, Leaf, Path};
use crate::model::VerdictId;
use crate::value::Value;

impl<'m> Symbolic<'_, 'm> {
    /// The value of a verdict given for each element, in every case, with
    /// its binder at `element`. An element not known as a whole is outside
    /// the fragment; one whose fields are unknown is read as any other value
    /// with unknown parts (the parts that need the fast evaluation fall back).
    pub fn element(&mut self, id: VerdictId, element: &Value) -> Exact<Cases> {
        let model = self.model;
        let verdict = model.verdicts.get(id as usize).ok_or(Fallback)?;
        if verdict.for_each.is_none() || !element.is_known() || !self.bound.is_empty() {
            return Err(Fallback);
        }
        self.bound.push(Leaf::Val(element.clone()));
        let cases = self.expr(&verdict.body, &Path::default());
        self.bound.pop();
        cases
    }
}
