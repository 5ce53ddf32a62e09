//! Renderers: evaluations and problems written for a person or a program.

pub mod all_readings;
pub mod diagnostics;
pub mod json;
pub mod lines;
pub mod markdown;
pub mod sentence;
pub mod svg;
pub mod text;
pub mod timeline;
pub mod words;

use crate::explain::Detail;

/// How to render an evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// How much of each explanation to show.
    pub detail: Detail,
    /// Whether to colour text for a terminal.
    pub color: bool,
}
