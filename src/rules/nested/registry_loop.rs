use crate::link::TypeSource;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A type whose `resource_registry` aliases lead back to itself.
    ///
    /// ## Why is this bad?
    /// Heat cannot resolve the type and refuses the stack: `The Resource Type
    /// (OS::Custom::Server) could not be found.` (it names the type as written).
    ///
    /// ## Example
    /// ```yaml
    /// resource_registry:
    ///   OS::Custom::Server: OS::Custom::Instance
    ///   OS::Custom::Instance: OS::Custom::Server
    /// ```
    pub static REGISTRY_LOOP = ("H723", "registry-loop", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    for r in &cx.template.resources {
        let Some(resolved) = cx.resolved(r.name) else {
            continue;
        };
        let mut all = vec![resolved];
        all.extend(resolved.members.iter().map(|m| &m.resolved));
        for res in all {
            if res.source != TypeSource::Loop {
                continue;
            }
            let d = sink.report_in(
                &REGISTRY_LOOP,
                &walker.owner_liveness(r.def()),
                res.span,
                format!(
                    "the registry's aliases for `{}` lead back to it",
                    res.written
                ),
            );
            for (file, span) in &res.registry {
                d.related.push(crate::diagnostics::Related {
                    file: *file,
                    span: *span,
                    message: "mapped here".into(),
                });
            }
        }
    }
}
