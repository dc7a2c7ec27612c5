use crate::catalog::value::ProblemKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A property that Heat declares but has not implemented.
    ///
    /// ## Why is this bad?
    /// Heat refuses to create the stack: `Property error:
    /// resources.a.properties: Property x not implemented yet`.
    pub static UNIMPLEMENTED_PROPERTY = ("H808", "unimplemented-property", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    super::report_problems(cx, sink, &UNIMPLEMENTED_PROPERTY, |k| {
        matches!(k, ProblemKind::NotImplemented { .. })
    });
}
