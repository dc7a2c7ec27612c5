use super::type_uses;
use crate::catalog::Status;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource type that Heat marks deprecated or unsupported.
    ///
    /// ## Why is this bad?
    /// It still works, but it is on its way out (deprecated: e.g.
    /// `OS::Aodh::Alarm`), or nobody maintains it (unsupported: e.g.
    /// `OS::Neutron::ExtraRoute`), so it may be removed or break with the
    /// service behind it.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   route:
    ///     type: OS::Neutron::ExtraRoute
    /// ```
    pub static DEPRECATED_RESOURCE_TYPE = ("H803", "deprecated-resource-type", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for u in type_uses(cx) {
        let Some(ty) = u.ty else { continue };
        let status = ty.status();
        if !matches!(status, Status::Deprecated | Status::Unsupported) {
            continue;
        }
        let since = ty
            .support
            .version
            .as_deref()
            .map(|v| format!(" since Heat {v}"))
            .unwrap_or_default();
        let d = sink.report_in(
            &DEPRECATED_RESOURCE_TYPE,
            &u.live,
            u.resolved.span,
            format!("`{}` is {}{since}", ty.name, status.name()),
        );
        if let Some(substitute) = &ty.support.substitute {
            d.help(format!("use `{substitute}`"));
        }
    }
}
