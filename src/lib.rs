//! hotc: a compiler and linter for OpenStack Heat Orchestration Templates.

pub mod baseline;
pub mod build;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
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
