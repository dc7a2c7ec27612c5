use crate::diagnostics::Diagnostic;
use crate::hot::Kind;
use crate::rules::Sink;
use crate::source::FileId;
use crate::workspace::{Reference, ReferenceKind, Workspace};

crate::declare_rule! {
    /// `type:` names a file that is not a HOT template.
    ///
    /// ## Why is this bad?
    /// Heat loads the file as a template and fails: `Template format version not
    /// found.` Usually the path points at the wrong file.
    pub static NESTED_NOT_A_TEMPLATE = ("H705", "nested-not-a-template", Error);
}

pub fn check(
    file: FileId,
    reference: &Reference,
    workspace: &Workspace,
    out: &mut Vec<Diagnostic>,
) {
    if !matches!(
        reference.kind,
        ReferenceKind::NestedTemplate | ReferenceKind::RegistryTemplate
    ) {
        return;
    }
    let Some(index) = reference.target.as_ref().and_then(|t| workspace.find(t)) else {
        return;
    };
    let target = &workspace.files[index];
    if target.read_error.is_some() {
        return;
    }
    let kind = target.parsed.root.as_ref().map(crate::hot::classify);
    // A file that does not parse is reported in that file.
    if kind.is_none() && !target.parsed.issues.is_empty() {
        return;
    }
    if matches!(kind, Some(Kind::Hot) | Some(Kind::Cfn(_))) {
        return;
    }
    let mut sink = Sink::new(file);
    sink.report(
        &NESTED_NOT_A_TEMPLATE,
        reference.span,
        format!(
            "`{}` is not a template: it has no `heat_template_version`",
            reference.written
        ),
    );
    out.extend(sink.diagnostics);
}
