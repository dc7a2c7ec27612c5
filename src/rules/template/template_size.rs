use crate::rules::{Context, Sink};
use crate::source::Span;

crate::declare_rule! {
    /// A template larger than Heat's `max_template_size` (512 KiB by default).
    ///
    /// ## Why is this bad?
    /// Heat refuses it: `Template size (N bytes) exceeds maximum allowed size
    /// (524288 bytes).` The limit is a heat.conf setting; set the one your cloud
    /// uses in `hotc.toml` (`[limits] max_template_bytes`). hotc checks the rest
    /// of the template anyway.
    pub static TEMPLATE_SIZE = ("H108", "template-size", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let size = cx.source.text.len();
    let limit = cx.limits.max_template_bytes;
    if size <= limit {
        return;
    }
    let at = cx
        .template
        .version_entry
        .map(|e| e.key.span)
        .unwrap_or(Span::empty(0));
    sink.report(
        &TEMPLATE_SIZE,
        at,
        format!("the template is {size} bytes, more than Heat's limit of {limit} bytes"),
    );
}
