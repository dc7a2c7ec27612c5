use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A property value that Heat cannot turn into the property's type: a
    /// literal, a parameter's value, or what a function yields (a
    /// `comma_delimited_list` parameter into a string property, ...).
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Value 'abc' is not an integer`,
    /// `Value must be a string; got [...]`, `"yes" is not a valid boolean`.
    /// Heat's coercions apply: numbers in strings are numbers, an integer or
    /// a boolean passes as a string, a boolean takes only `true`/`false`.
    ///
    /// ## Example
    /// ```yaml
    /// volume:
    ///   type: OS::Cinder::Volume
    ///   properties:
    ///     size: ten
    /// ```
    pub static PROPERTY_TYPE = ("H806", "property-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &PROPERTY_TYPE, |k| {
        matches!(k, ProblemKind::WrongType)
    });
}
