use crate::hot::conditions::Finding;
use crate::rules::{Context, Sink, nearest};

crate::declare_rule! {
    /// A condition name that is not defined in the `conditions` section, used by
    /// a resource's or an output's `condition`, by `if`, or by a definition that
    /// Heat evaluates.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `resources.server.condition: Invalid condition
    /// "is_prd"`. Definitions are evaluated only where they are used, and `and` /
    /// `or` stop at the first operand that decides, so a name Heat never reaches
    /// is not reported (a warning says when hotc cannot tell).
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   is_prod: {equals: [{get_param: env}, prod]}
    /// resources:
    ///   backup:
    ///     type: OS::Cinder::VolumeBackup
    ///     condition: is_prd
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     condition: is_prod
    /// ```
    pub static UNDEFINED_CONDITION = ("H502", "undefined-condition", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for (finding, live) in super::findings(cx) {
        if let Finding::Undefined { name, span } = finding {
            let d = sink.report_in(
                &UNDEFINED_CONDITION,
                &live,
                span,
                format!("`{name}` is not a defined condition"),
            );
            match nearest(&name, cx.template.conditions.iter().map(|c| c.name)) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None if cx.template.conditions.is_empty() => {
                    d.help("define it in the template's `conditions` section")
                }
                None => d,
            };
        }
    }
}
