use crate::rules::Sink;
use crate::syntax::Node;

crate::declare_rule! {
    /// The template's top level is not a mapping.
    ///
    /// ## Why is this bad?
    /// Heat rejects it: `The template is not a JSON object or YAML mapping.`
    ///
    /// ## Example
    /// ```yaml
    /// - heat_template_version: 2018-08-31
    /// ```
    pub static NOT_A_MAPPING = ("H101", "not-a-mapping", Error);
}

pub fn check(root: &Node, sink: &mut Sink) {
    sink.report(
        &NOT_A_MAPPING,
        root.span,
        format!(
            "the template is not a JSON object or YAML mapping (found {})",
            root.kind_name()
        ),
    );
}
