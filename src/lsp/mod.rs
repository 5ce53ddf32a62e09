//! `provisio lsp`: a language server over standard input and output, for
//! editors to show the checker's diagnostics as the drafter types, and to
//! hover, navigate, complete, rename, outline and format policies.
//!
//! The protocol is that of rust-analyzer's crates: `lsp-server` carries the
//! JSON-RPC messages over stdio, `lsp-types` gives them their types. Both are
//! maintained with rust-analyzer, synchronous and light (no async runtime,
//! which a server that checks one file in a few milliseconds does not need),
//! and leave the analysis to us: each request is answered from the document
//! store on the one thread that reads the messages.
//!
//! One file per concept: [`documents`] keeps the open documents and checks
//! each on open and on every change (full-text sync), then the open
//! documents that depend on it (the policies that `use` it, the facts and
//! scenario files of a policy), and no other; [`facts`] checks facts and
//! scenario files against their policy; [`diagnostics`] turns the
//! checker's problems into LSP diagnostics; [`index`] finds the names and
//! their uses in the syntax tree, and [`used`] reads the files a policy
//! uses for theirs; [`symbols`], [`hover`], [`navigation`], [`completion`],
//! [`rename`], [`formatting`] and [`actions`] (with [`boundary_fixes`])
//! answer the requests.

pub mod actions;
pub mod boundary_fixes;
pub mod completion;
pub mod diagnostics;
pub mod documents;
pub mod facts;
pub mod formatting;
pub mod hover;
pub mod index;
pub mod lines;
pub mod navigation;
pub mod rename;
pub mod scenarios;
pub mod symbols;
pub mod used;

mod server;

pub use server::{Server, capabilities, serve};
