use crate::diagnostics::Diagnostic;
use crate::rules::Sink;
use crate::source::FileId;
use crate::workspace::{Reference, ReferenceKind, Workspace};

crate::declare_rule! {
    /// A nested template (`type: x.yaml`) or a `get_file` target does not exist or
    /// cannot be read.
    ///
    /// ## Why is this bad?
    /// The client reads every such file before sending the stack; a missing one
    /// stops it: `Could not fetch contents for file:///.../missing.yaml`. Paths are
    /// relative to the file that names them.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   master:
    ///     type: kubemaster.yml
    /// ```
    pub static MISSING_FILE = ("H701", "missing-file", Error);
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
    let Some(index) = workspace.find(target) else {
        return;
    };
    let Some(error) = &workspace.files[index].read_error else {
        return;
    };
    let what = match reference.kind {
        ReferenceKind::NestedTemplate => "nested template",
        ReferenceKind::GetFile => "get_file target",
        ReferenceKind::RegistryTemplate => "registry template",
    };
    let mut sink = Sink::new(file);
    sink.report(
        &MISSING_FILE,
        reference.span,
        format!("{what} `{}` cannot be read: {error}", reference.written),
    );
    out.extend(sink.diagnostics);
}
