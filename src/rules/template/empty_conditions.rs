use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// An empty `conditions:` section.
    ///
    /// ## Why is this bad?
    /// Unlike the other sections, Heat rejects a null `conditions:`:
    /// `Condition definitions must be a map. Found a NoneType instead`.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    /// resources: {}
    /// ```
    ///
    /// ## Use instead
    /// Remove the section, or write `conditions: {}`.
    pub static EMPTY_CONDITIONS = ("H107", "empty-conditions", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    if let Some(entry) = cx.template.section("conditions") {
        if entry.value.is_null() {
            sink.report(
                &EMPTY_CONDITIONS,
                entry.key.span,
                "`conditions` is empty: Heat requires a mapping here",
            )
            .help("remove the section, or write `conditions: {}`");
        }
    }
}
