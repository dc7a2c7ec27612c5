use crate::diagnostics::Fix;
use crate::rules::{Context, Sink, nearest};
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// A `depends_on` entry that names no resource of the template, or the
    /// resource itself.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `The specified reference "serverr" (in port)
    /// is incorrect.`, and for the resource itself `Circular Dependency Found`.
    /// A resource disabled by a condition may be named: Heat ignores the edge.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     depends_on: serverr
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     depends_on: server
    /// ```
    pub static DEPENDS_ON_TARGET = ("H306", "depends-on-target", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    let walker = cx.walker();
    for r in &cx.template.resources {
        let Some(depends_on) = r.get("depends_on") else {
            continue;
        };
        let targets: Vec<&Node> = match &depends_on.value {
            Value::Str(_) | Value::Timestamp(_) => vec![depends_on],
            Value::Seq(items) => items.iter().filter(|i| i.as_str().is_some()).collect(),
            _ => continue,
        };
        let live = walker.owner_liveness(r.def());
        for target in targets {
            let name = target.as_str().unwrap_or_default();
            if name == r.name {
                sink.report_in(
                    &DEPENDS_ON_TARGET,
                    &live,
                    target.span,
                    format!("resource `{}` depends on itself", r.name),
                );
            } else if cx.template.resource(name).is_none() {
                let d = sink.report_in(
                    &DEPENDS_ON_TARGET,
                    &live,
                    target.span,
                    format!(
                        "`depends_on` names `{name}`, which is not a resource of this template"
                    ),
                );
                if let Some(near) = nearest(name, cx.template.resources.iter().map(|r| r.name)) {
                    d.help(format!("did you mean `{near}`?"));
                    // Never a fix that makes the resource depend on itself.
                    if near != r.name {
                        if let Some(fix) = Fix::rename(&cx.source.text, target.span, near) {
                            d.fix(fix);
                        }
                    }
                }
            }
        }
    }
}
