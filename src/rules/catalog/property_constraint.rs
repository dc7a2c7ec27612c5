use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A property value that breaks the property's constraints: allowed
    /// values, range, length, pattern, or a custom constraint that needs no
    /// cloud (`ip_addr`, `net_cidr`, `mac_addr`, `dns_name`, `iso_8601`,
    /// `cron_expression`, `timezone`, ...).
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Property error:
    /// resources.volume.properties.size: 0 is out of range (min: 1, max:
    /// None)`, `Error validating value '10.0.0.0/33': Invalid net cidr`.
    /// Constraints that ask a cloud (`nova.flavor`, `glance.image`, ...) are not
    /// checked.
    ///
    /// ## Example
    /// ```yaml
    /// subnet:
    ///   type: OS::Neutron::Subnet
    ///   properties:
    ///     network: private
    ///     cidr: 10.0.0.0/33
    /// ```
    pub static PROPERTY_CONSTRAINT = ("H807", "property-constraint", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &PROPERTY_CONSTRAINT, |k| {
        matches!(k, ProblemKind::Constraint)
    });
}
