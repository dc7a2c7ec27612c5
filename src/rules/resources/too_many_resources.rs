use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A template with more resources than Heat's `max_resources_per_stack`
    /// (1000 by default).
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `Maximum resources per stack exceeded.` The limit
    /// is a heat.conf setting; set the one your cloud uses in `hotc.toml`
    /// (`[limits] max_resources_per_stack`). For nested stacks Heat counts the
    /// resources of the whole tree.
    pub static TOO_MANY_RESOURCES = ("H310", "too-many-resources", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let limit = cx.limits.max_resources_per_stack;
    if cx.template.resources.len() <= limit {
        return;
    }
    let Some(section) = cx.template.section("resources") else {
        return;
    };
    sink.report(
        &TOO_MANY_RESOURCES,
        section.key.span,
        format!(
            "the template has {} resources, more than Heat's limit of {limit} per stack",
            cx.template.resources.len()
        ),
    );
}
