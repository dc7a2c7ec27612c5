//! Rules about the tree of files: nested templates and `get_file` targets.

pub mod include_cycle;
pub mod instance_limit;
mod missing_file;
mod nested_not_a_template;
pub mod nesting_too_deep;
mod path_outside_root;

use std::path::Path;

use super::RuleMeta;
use crate::diagnostics::Diagnostic;
use crate::source::FileId;
use crate::workspace::Workspace;

pub static RULES: &[&RuleMeta] = &[
    &missing_file::MISSING_FILE,
    &path_outside_root::PATH_OUTSIDE_ROOT,
    &include_cycle::INCLUDE_CYCLE,
    &nesting_too_deep::NESTING_TOO_DEEP,
    &nested_not_a_template::NESTED_NOT_A_TEMPLATE,
    &instance_limit::INSTANCE_LIMIT,
];

/// Checks over the whole tree of files.
pub fn check_workspace(
    workspace: &Workspace,
    _allow_outside: &dyn Fn(&Path) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, f) in workspace.files.iter().enumerate() {
        let file = FileId(i as u32);
        // Files read only for their type mappings are not checked.
        if f.context_only || f.origin == crate::workspace::Origin::Context {
            continue;
        }
        for reference in &f.references {
            missing_file::check(file, reference, workspace, &mut out);
            path_outside_root::check(file, reference, workspace, &mut out);
            nested_not_a_template::check(file, reference, workspace, &mut out);
        }
    }
    out
}
