use crate::rules::{Context, Sink};
use crate::syntax::Value;

crate::declare_rule! {
    /// A template section holds the wrong kind of value.
    ///
    /// ## Why is this bad?
    /// `parameters`, `resources`, `outputs` and `conditions` must be mappings
    /// (null is accepted as empty, except for `conditions`), and
    /// `parameter_groups` a list. Heat rejects other shapes, sometimes with an
    /// internal error (`'list' object has no attribute 'items'`).
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   - server: {type: OS::Nova::Server}
    /// ```
    pub static SECTION_TYPE = ("H106", "section-type", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for section in [
        "parameters",
        "resources",
        "outputs",
        "conditions",
        "parameter_groups",
    ] {
        let Some(entry) = cx.template.section(section) else {
            continue;
        };
        let ok = match (&entry.value.value, section) {
            (Value::Null, "conditions") => true, // reported by empty-conditions
            (Value::Null, _) => true,
            (Value::Seq(_), "parameter_groups") => true,
            (Value::Map(_), s) => s != "parameter_groups",
            _ => false,
        };
        if !ok {
            let expected = if section == "parameter_groups" {
                "a list"
            } else {
                "a mapping"
            };
            sink.report(
                &SECTION_TYPE,
                entry.value.span,
                format!(
                    "`{section}` must be {expected}, not {}",
                    entry.value.kind_name()
                ),
            );
        }
    }
}
