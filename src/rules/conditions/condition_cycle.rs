use crate::hot::conditions::Finding;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// Conditions whose definitions refer to each other in a cycle.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template when it evaluates one of them: `Condition
    /// validation error: Circular definition for condition "c1"`.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   a: {not: b}
    ///   b: {not: a}
    /// ```
    pub static CONDITION_CYCLE = ("H503", "condition-cycle", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for (finding, live) in super::findings(cx) {
        if let Finding::Cycle { name, span } = finding {
            let d = sink.report_in(
                &CONDITION_CYCLE,
                &live,
                span,
                format!("evaluating condition `{name}` needs `{name}` itself"),
            );
            if let Some(def) = cx.template.condition(&name) {
                d.related_here(
                    def.entry.key.span,
                    format!("condition `{name}` is defined here"),
                );
            }
        }
    }
}
