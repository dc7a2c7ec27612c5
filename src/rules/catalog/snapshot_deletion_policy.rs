use super::catalog_type;
use crate::link::TypeSource;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// `deletion_policy: Snapshot` on a resource type that cannot be
    /// snapshotted.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `resources.port.deletion_policy: "Snapshot"
    /// deletion policy not supported`. Volumes, servers and databases support
    /// it; most types do not.
    ///
    /// ## Example
    /// ```yaml
    /// port:
    ///   type: OS::Neutron::Port
    ///   deletion_policy: Snapshot
    /// ```
    pub static SNAPSHOT_DELETION_POLICY = ("H811", "snapshot-deletion-policy", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.parse_walker();
    for r in &cx.template.resources {
        let Some(policy) = r.get("deletion_policy") else {
            continue;
        };
        let value = match policy.as_str() {
            Some(v) => v.to_string(),
            None => {
                let statics = crate::hot::values::StaticEvaluator {
                    template: cx.template,
                    values: cx.values,
                    conditions: cx.evaluator,
                };
                match statics.value(policy) {
                    Some(serde_json::Value::String(s)) => s,
                    _ => continue,
                }
            }
        };
        if !value.eq_ignore_ascii_case("snapshot") {
            continue;
        }
        let Some(TypeSource::Plugin(name)) = cx.resolved(r.name).map(|res| &res.source) else {
            continue;
        };
        let Some(ty) = catalog_type(cx, name) else {
            continue;
        };
        if ty.supports_snapshot_deletion_policy {
            continue;
        }
        sink.report_in(
            &SNAPSHOT_DELETION_POLICY,
            &walker.owner_liveness(r.def()),
            policy.span,
            format!(
                "`{}` does not support the Snapshot deletion policy",
                ty.name
            ),
        )
        .help("use Retain to keep the resource, or Delete");
    }
}
