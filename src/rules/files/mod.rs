//! Rules about reading a file: encoding, YAML syntax, budgets.

mod alias_expansion_limit;
mod binary_file;
mod duplicate_key;
mod empty_file;
mod invalid_encoding;
mod invalid_yaml;
mod nesting_depth_limit;
mod unreadable_file;

pub use alias_expansion_limit::ALIAS_EXPANSION_LIMIT;
pub use binary_file::BINARY_FILE;
pub use duplicate_key::DUPLICATE_KEY;
pub use empty_file::EMPTY_FILE;
pub use invalid_encoding::INVALID_ENCODING;
pub use invalid_yaml::INVALID_YAML;
pub use nesting_depth_limit::NESTING_DEPTH_LIMIT;
pub use unreadable_file::UNREADABLE_FILE;

use super::{RuleMeta, Sink};
use crate::diagnostics::Severity;
use crate::syntax::{Issue, IssueKind};

pub static RULES: &[&RuleMeta] = &[
    &INVALID_YAML,
    &INVALID_ENCODING,
    &BINARY_FILE,
    &EMPTY_FILE,
    &DUPLICATE_KEY,
    &ALIAS_EXPANSION_LIMIT,
    &NESTING_DEPTH_LIMIT,
    &UNREADABLE_FILE,
];

/// Turns what the reader found into diagnostics.
pub fn report_issues(issues: &[Issue], sink: &mut Sink) {
    for issue in issues {
        let rule = match issue.kind {
            IssueKind::Empty => &EMPTY_FILE,
            IssueKind::Binary => &BINARY_FILE,
            IssueKind::InvalidUtf8 => &INVALID_ENCODING,
            IssueKind::InvalidYaml | IssueKind::InvalidJson | IssueKind::UnsupportedTag => {
                &INVALID_YAML
            }
            IssueKind::DuplicateKey => &DUPLICATE_KEY,
            IssueKind::AliasBudget => &ALIAS_EXPANSION_LIMIT,
            IssueKind::DepthLimit { .. } => &NESTING_DEPTH_LIMIT,
        };
        let d = sink.report(rule, issue.span, issue.message.clone());
        if issue.kind == (IssueKind::DepthLimit { heat_fails: true }) {
            d.severity = Severity::Error;
        }
        for (span, message) in &issue.related {
            d.related_here(*span, message.clone());
        }
    }
}
