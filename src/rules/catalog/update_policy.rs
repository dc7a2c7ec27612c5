use super::{call_info, catalog_type};
use crate::catalog::value::ValueChecker;
use crate::link::TypeSource;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// An `update_policy` with keys or values the resource type's update-policy
    /// schema does not allow.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Property error: resources.group.update_policy:
    /// Unknown Property rolling_updates`. Types without an update-policy schema
    /// accept no keys; ResourceGroup takes `rolling_update` and `batch_create`,
    /// AutoScalingGroup `rolling_update`.
    ///
    /// ## Example
    /// ```yaml
    /// group:
    ///   type: OS::Heat::ResourceGroup
    ///   update_policy:
    ///     rolling_updates: {max_batch_size: 1}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///   update_policy:
    ///     rolling_update: {max_batch_size: 1}
    /// ```
    pub static UPDATE_POLICY = ("H810", "update-policy", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    let calls = call_info(cx);
    let checker = ValueChecker {
        catalogs: cx.tree.catalogs,
        calls: &calls,
    };
    for r in &cx.template.resources {
        let Some(policy) = r.get("update_policy") else {
            continue;
        };
        let Some(TypeSource::Plugin(name)) = cx.resolved(r.name).map(|res| &res.source) else {
            continue;
        };
        let Some(ty) = catalog_type(cx, name) else {
            continue;
        };
        for p in checker.map(&ty.update_policy, Some(policy)) {
            let message = if p.path.is_empty() {
                p.message.clone()
            } else {
                format!("{}: {}", p.path, p.message)
            };
            let d = sink.report_in(
                &UPDATE_POLICY,
                &walker.owner_liveness(r.def()),
                p.span,
                format!(
                    "{message} (update_policy of resource `{}`, type {})",
                    r.name, ty.name
                ),
            );
            if let crate::catalog::value::ProblemKind::UnknownProperty {
                suggestion: Some(s),
                ..
            } = &p.kind
            {
                d.help(format!("did you mean `{s}`?"));
            } else if ty.update_policy.is_empty() {
                d.help(format!("`{}` has no update policy", ty.name));
            }
        }
    }
}
