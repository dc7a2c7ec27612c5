//! hotc: a compiler and linter for OpenStack Heat Orchestration Templates.

pub mod build;
pub mod check;
pub mod cli;
pub mod diagnostics;
pub mod emit;
pub mod grammar;
pub mod graph;
pub mod hot;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod workspace;
