use super::{global_template, type_uses};
use crate::diagnostics::Fix;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource type that is neither one of Heat's, nor mapped by the
    /// environment's `resource_registry`, nor a template file.
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `The Resource Type (OS::Nova::Servr) could not be
    /// found.` For a group member, Heat finds it when it creates the members.
    /// A type the environments of a tree map in several ways is not checked.
    /// Custom plugin types can be declared in a catalog file named in
    /// `hotc.toml` (`[types] catalogs`).
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   server:
    ///     type: OS::Nova::Servr
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     type: OS::Nova::Server
    /// ```
    pub static UNKNOWN_RESOURCE_TYPE = ("H801", "unknown-resource-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for u in type_uses(cx) {
        if u.ty.is_some() || global_template(cx, u.name) {
            continue;
        }
        let mapped = !u.resolved.registry.is_empty();
        let message = if mapped {
            format!(
                "`{}` is mapped to `{}`, which is not a resource type Heat knows",
                u.resolved.written, u.name
            )
        } else {
            format!("`{}` is not a resource type Heat knows", u.name)
        };
        let d = sink.report_in(&UNKNOWN_RESOURCE_TYPE, &u.live, u.resolved.span, message);
        for (file, span) in &u.resolved.registry {
            d.related.push(crate::diagnostics::Related {
                file: *file,
                span: *span,
                message: "mapped here".into(),
            });
        }
        let near = cx.tree.catalogs.nearest(u.name, 3);
        if !near.is_empty() {
            let list: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
            d.help(format!("did you mean {}?", list.join(" or ")));
            // One candidate: the editor may offer it. Never `--fix`: a type
            // Heat does not know may be a plugin the catalog lacks.
            if let (false, [only]) = (mapped, near.as_slice()) {
                if let Some(fix) = Fix::rename(&cx.source.text, u.resolved.span, only) {
                    d.fix(fix.on_request());
                }
            }
        } else if u.name.ends_with(".yml") {
            d.help("Heat takes a type as a template only when it ends in .yaml or .template");
        }
    }
}
