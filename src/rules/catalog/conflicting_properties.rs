use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A property set together with the deprecated property Heat moves into
    /// it (e.g. a Port's `network` and `network_id`).
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Cannot define the following
    /// properties at the same time: network, network_id`.
    ///
    /// ## Example
    /// ```yaml
    /// port:
    ///   type: OS::Neutron::Port
    ///   properties:
    ///     network: private
    ///     network_id: private
    /// ```
    pub static CONFLICTING_PROPERTIES = ("H809", "conflicting-properties", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &CONFLICTING_PROPERTIES, |k| {
        matches!(k, ProblemKind::Conflict)
    });
}
