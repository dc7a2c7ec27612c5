//! Rules about environment files.

mod environment_entry;
mod environment_section;
mod ignored_environment_parameter;
mod merge_strategy;

use super::{RuleMeta, Sink};
use crate::diagnostics::Diagnostic;
use crate::hot::environment::MergeIssue;
use crate::syntax::Node;

pub use environment_section::ENVIRONMENT_SECTION;

pub static RULES: &[&RuleMeta] = &[
    &ENVIRONMENT_SECTION,
    &environment_entry::ENVIRONMENT_ENTRY,
    &ignored_environment_parameter::IGNORED_ENVIRONMENT_PARAMETER,
    &merge_strategy::MERGE_STRATEGY,
];

/// Checks one environment file.
pub fn check(root: &Node, sink: &mut Sink) {
    environment_section::check(root, sink);
    environment_entry::check(root, sink);
}

/// What merging a stack's environment files found.
pub fn merge_issues(issues: &[MergeIssue]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for issue in issues {
        ignored_environment_parameter::report(issue, &mut out);
        merge_strategy::report(issue, &mut out);
    }
    out
}
