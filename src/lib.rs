//! hotc: a compiler and linter for OpenStack Heat Orchestration Templates.

// Input never panics hotc: no unwrap or expect in the library (see DESIGN.md,
// "Panic policy"). Tests may; clippy.toml allows them there.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod baseline;
pub mod build;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod crash;
pub mod diagnostics;
pub mod emit;
pub mod fix;
pub mod grammar;
pub mod graph;
pub mod hot;
pub mod link;
pub mod lsp;
pub mod policy;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod workspace;
