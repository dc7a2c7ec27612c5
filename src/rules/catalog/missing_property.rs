use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A required property that the resource does not set (also inside nested
    /// maps, e.g. a required key of a list entry).
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Property error:
    /// resources.server.properties: Property flavor not assigned`.
    ///
    /// ## Example
    /// ```yaml
    /// server:
    ///   type: OS::Nova::Server
    ///   properties:
    ///     image: fedora-coreos
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///   properties:
    ///     image: fedora-coreos
    ///     flavor: m1.small
    /// ```
    pub static MISSING_PROPERTY = ("H805", "missing-property", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &MISSING_PROPERTY, |k| {
        matches!(k, ProblemKind::MissingProperty { .. })
    });
}
