use crate::diagnostics::Diagnostic;
use crate::hot::environment::MergeIssue;
use crate::rules::Sink;

crate::declare_rule! {
    /// A value in an environment file's `parameters` for a parameter that no
    /// template of the stack declares, which Heat silently drops.
    ///
    /// ## Why is this bad?
    /// Heat merges environment files in order and keeps such a name only from
    /// the first `parameters` section it merges (and then refuses it: `The
    /// Parameter (x) was not defined in template.`). From any later file, or
    /// when `-P` values come first, the value just disappears: usually a
    /// misspelt name, or a parameter the templates no longer have.
    ///
    /// ## Example
    /// ```sh
    /// hotc check stack.yaml -e base.yaml -e sizes.yaml
    /// ```
    /// ```yaml
    /// # sizes.yaml
    /// parameters:
    ///   worker_flavour: m1.large
    /// ```
    pub static IGNORED_ENVIRONMENT_PARAMETER = ("H724", "ignored-environment-parameter", Warning);
}

pub fn report(issue: &MergeIssue, out: &mut Vec<Diagnostic>) {
    let MergeIssue::Dropped {
        file,
        key_span,
        name,
        section,
    } = issue
    else {
        return;
    };
    if *section != "parameters" {
        return;
    }
    let mut sink = Sink::new(*file);
    sink.report(
        &IGNORED_ENVIRONMENT_PARAMETER,
        *key_span,
        format!("Heat drops this value: no template of the stack declares parameter `{name}`"),
    )
    .help("check the name against the templates' parameters");
    out.extend(sink.diagnostics);
}
