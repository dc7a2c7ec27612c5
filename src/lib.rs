//! hotc: a compiler and linter for OpenStack Heat Orchestration Templates.

pub mod grammar;
