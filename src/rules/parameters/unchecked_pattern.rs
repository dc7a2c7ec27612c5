use crate::hot::constraints::Constraint;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// An `allowed_pattern` that hotc cannot check: it uses Python regular
    /// expression features the Rust engine does not have (look-around,
    /// back-references), or it does not compile.
    ///
    /// ## Why is this bad?
    /// Nothing is wrong as far as hotc can tell, but values are not checked
    /// against the pattern, so a default or value that Heat would refuse goes
    /// unnoticed. A pattern that Python cannot compile either makes Heat fail
    /// (`unterminated character set at position 0`).
    ///
    /// ## Example
    /// ```yaml
    /// constraints:
    ///   - allowed_pattern: "(?!admin).*"
    /// ```
    pub static UNCHECKED_PATTERN = ("H212", "unchecked-pattern", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for p in &cx.template.parameter_defs {
        for entry in p.valid_constraints() {
            let Constraint::AllowedPattern(pattern) = &entry.constraint else {
                continue;
            };
            if let Err(reason) = crate::hot::pattern::compile(pattern) {
                let span = entry
                    .node
                    .get("allowed_pattern")
                    .map(|n| n.span)
                    .unwrap_or(entry.key_span);
                sink.report(
                    &UNCHECKED_PATTERN,
                    span,
                    format!("hotc cannot check values against this pattern: {reason}"),
                );
            }
        }
    }
}
