use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource name that contains `/`.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Resource name may not contain "/"`. Heat uses
    /// `/` to address resources inside nested stacks. Dots, spaces and non-ASCII
    /// characters are fine.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   web/server:
    ///     type: OS::Nova::Server
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   web_server:
    ///     type: OS::Nova::Server
    /// ```
    pub static RESOURCE_NAME = ("H304", "resource-name", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    for r in &cx.template.resources {
        if r.name.contains('/') {
            sink.report(
                &RESOURCE_NAME,
                r.entry.key.span,
                format!("resource name `{}` contains `/`", r.name),
            )
            .help(format!("for example `{}`", r.name.replace('/', "_")));
        }
    }
}
