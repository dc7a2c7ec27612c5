use crate::diagnostics::Diagnostic;
use crate::rules::Sink;
use crate::source::FileId;
use crate::workspace::{Reference, Workspace};

crate::declare_rule! {
    /// A nested template or `get_file` path leaves the tree root; hotc does not read it.
    ///
    /// ## Why is this bad?
    /// The tree root is the folder of the nearest `hotc.toml`, else the git
    /// top level, else the current directory. Reading files outside it is refused
    /// unless allowed, so that checking a repository cannot read arbitrary files
    /// of the machine. The referenced file is not checked.
    ///
    /// ## Use instead
    /// Keep the files inside the tree, or allow the path in `hotc.toml`.
    pub static PATH_OUTSIDE_ROOT = ("H702", "path-outside-root", Warning);
}

pub fn check(
    file: FileId,
    reference: &Reference,
    workspace: &Workspace,
    out: &mut Vec<Diagnostic>,
) {
    let Some(target) = &reference.target else {
        return;
    };
    if workspace.find(target).is_some() {
        return;
    }
    let mut sink = Sink::new(file);
    sink.report(
        &PATH_OUTSIDE_ROOT,
        reference.span,
        format!(
            "`{}` is outside the tree root ({}): not read, not checked",
            reference.written,
            shown_root(&workspace.root)
        ),
    )
    .help("allow it with `allow_outside_root` in hotc.toml if the tree needs it");
    out.extend(sink.diagnostics);
}

/// The tree root as users know it: relative to the current directory when it
/// is under it, `.` when it is the current directory.
fn shown_root(root: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    if root == cwd {
        return ".".into();
    }
    crate::source::display_path(root, &cwd)
}
