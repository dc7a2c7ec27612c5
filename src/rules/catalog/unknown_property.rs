use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A property that the resource type does not have, at the top of
    /// `properties` or inside a nested map (a Server's `networks` entries, ...).
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `Property error: resources.server.properties:
    /// Unknown Property flavour` (top-level names even in `template validate`;
    /// nested ones when the stack is created). Group members are checked
    /// against their member type, which Heat does only when it creates them.
    ///
    /// ## Example
    /// ```yaml
    /// server:
    ///   type: OS::Nova::Server
    ///   properties:
    ///     flavour: m1.small
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     flavor: m1.small
    /// ```
    pub static UNKNOWN_PROPERTY = ("H804", "unknown-property", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &UNKNOWN_PROPERTY, |k| {
        matches!(k, ProblemKind::UnknownProperty { .. })
    });
}
