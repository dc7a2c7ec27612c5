use super::type_uses;
use crate::catalog::Status;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource type that Heat keeps only as a placeholder for a retired
    /// service (`OS::Neutron::LBaaS::*`, `OS::Senlin::*`, `OS::Glance::Image`,
    /// ...).
    ///
    /// ## Why is this bad?
    /// Heat accepts the type and creates nothing: it behaves like
    /// `OS::Heat::None`, any property and attribute goes, and every attribute
    /// is null — whatever depends on it silently gets nothing. Magnum's
    /// `with_master_lb.yaml` maps the API load balancer to the Neutron LBaaS
    /// types this way.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   lb:
    ///     type: OS::Neutron::LBaaS::LoadBalancer
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     type: OS::Octavia::LoadBalancer
    /// ```
    pub static HIDDEN_RESOURCE_TYPE = ("H802", "hidden-resource-type", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for u in type_uses(cx) {
        let Some(ty) = u.ty else { continue };
        if ty.status() != Status::Hidden && !ty.removed_placeholder {
            continue;
        }
        let since = ty
            .support
            .version
            .as_deref()
            .map(|v| format!(" since Heat {v}"))
            .unwrap_or_default();
        let d = sink.report_in(
            &HIDDEN_RESOURCE_TYPE,
            &u.live,
            u.resolved.span,
            format!(
                "`{}` is a placeholder{since}: Heat accepts it and creates nothing",
                ty.name
            ),
        );
        for (file, span) in &u.resolved.registry {
            d.related.push(crate::diagnostics::Related {
                file: *file,
                span: *span,
                message: "mapped here".into(),
            });
        }
        if let Some(substitute) = &ty.support.substitute {
            d.help(format!("use `{substitute}`"));
        } else if ty.name.starts_with("OS::Neutron::LBaaS::") {
            d.help(format!(
                "use `{}`",
                ty.name.replace("OS::Neutron::LBaaS::", "OS::Octavia::")
            ));
        }
    }
}
