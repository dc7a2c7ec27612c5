use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A condition that no resource, output, `if` or other used condition
    /// refers to.
    ///
    /// ## Why is this bad?
    /// Heat never evaluates it, so it has no effect, and mistakes in it go
    /// unnoticed until someone uses it. It is usually a leftover or a
    /// misspelt reference elsewhere.
    ///
    /// ## Example
    /// ```yaml
    /// conditions:
    ///   is_prod: {equals: [{get_param: env}, prod]}
    /// ```
    pub static UNUSED_CONDITION = ("H902", "unused-condition", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    // A name referred to anywhere counts, even from a condition nobody uses.
    let mut referred: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut stack: Vec<&crate::syntax::Node> =
        cx.template.conditions.iter().map(|c| c.def()).collect();
    for u in &cx.conditions.uses {
        stack.push(u.node);
    }
    while let Some(node) = stack.pop() {
        match &node.value {
            crate::syntax::Value::Str(s) => {
                referred.insert(s);
            }
            crate::syntax::Value::Seq(items) => stack.extend(items.iter()),
            crate::syntax::Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    for c in &cx.template.conditions {
        if cx.conditions.liveness.contains_key(c.name) || referred.contains(c.name) {
            continue;
        }
        sink.report(
            &UNUSED_CONDITION,
            c.entry.key.span,
            format!("condition `{}` is never used", c.name),
        );
    }
}
