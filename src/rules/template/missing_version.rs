use crate::rules::Sink;
use crate::syntax::Node;

crate::declare_rule! {
    /// The template has no `heat_template_version` (with a string value).
    ///
    /// ## Why is this bad?
    /// Heat needs the version to know which sections and functions exist. Without
    /// the key the client stops with `Template format version not found.`; with a
    /// non-string value (an unquoted number) Heat says `Template version was not
    /// provided`.
    ///
    /// ## Example
    /// ```yaml
    /// heat_template_version: 2018
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// heat_template_version: 2018-08-31
    /// ```
    pub static MISSING_VERSION = ("H102", "missing-version", Error);
}

pub fn check(root: &Node, sink: &mut Sink) {
    match root.entry("heat_template_version") {
        Some(entry) => {
            sink.report(
                &MISSING_VERSION,
                entry.value.span,
                format!(
                    "`heat_template_version` must be a string such as 2018-08-31, not {}",
                    entry.value.kind_name()
                ),
            );
        }
        None => {
            let span = root
                .as_map()
                .and_then(|e| e.first())
                .map(|e| e.key.span)
                .unwrap_or(root.span);
            sink.report(
                &MISSING_VERSION,
                span,
                "template format version not found: the template has no `heat_template_version`",
            )
            .help("add `heat_template_version: 2021-04-16` (or the version the template is written for) at the top");
        }
    }
}
