//! Renderers: evaluations and problems written for a person or a program.

pub mod diagnostics;
pub mod json;
pub mod sentence;
pub mod text;
pub mod words;
