use crate::rules::Sink;
use crate::syntax::Node;

crate::declare_rule! {
    /// A CloudFormation-format template: hotc does not check it.
    ///
    /// ## Why
    /// Heat still reads `AWSTemplateFormatVersion` and `HeatTemplateFormatVersion`
    /// templates, but hotc checks only HOT. This is reported once per file so that
    /// a clean run does not suggest the file was checked.
    pub static CFN_NOT_CHECKED = ("H104", "cfn-not-checked", Info);
}

pub fn check(root: &Node, key: &str, sink: &mut Sink) {
    let span = root.entry(key).map(|e| e.key.span).unwrap_or(root.span);
    sink.report(
        &CFN_NOT_CHECKED,
        span,
        format!("CloudFormation-format template ({key}): not checked"),
    );
}
