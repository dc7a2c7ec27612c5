use crate::link::GroupKind;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A ResourceGroup member definition that uses `%index%` while the group's
    /// `index_var` is something else.
    ///
    /// ## Why is this bad?
    /// ResourceGroup replaces only its `index_var` (default `%index%`) by each
    /// member's index, so the `%index%` stays in the value, e.g. every server is
    /// named `node-%index%`.
    ///
    /// ## Example
    /// ```yaml
    /// nodes:
    ///   type: OS::Heat::ResourceGroup
    ///   properties:
    ///     index_var: "%i%"
    ///     resource_def:
    ///       type: OS::Nova::Server
    ///       properties:
    ///         name: node-%index%
    /// ```
    pub static INDEX_VAR = ("H710", "index-var", Warning);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for r in &cx.template.resources {
        let Some(resolved) = cx.resolved(r.name) else {
            continue;
        };
        let Some(member) = resolved.members.first() else {
            continue;
        };
        if member.kind != GroupKind::ResourceGroup {
            continue;
        }
        let Some(var) = &member.index_var else {
            continue;
        };
        if var == "%index%" {
            continue;
        }
        let mut stack = vec![member.definition];
        while let Some(node) = stack.pop() {
            match &node.value {
                crate::syntax::Value::Str(s) if s.contains("%index%") => {
                    let d = sink.report(
                        &INDEX_VAR,
                        node.span,
                        format!(
                            "`%index%` is not replaced here: group `{}` replaces `{var}`",
                            r.name
                        ),
                    );
                    d.help(format!("write `{var}` instead"));
                }
                crate::syntax::Value::Seq(items) => stack.extend(items.iter()),
                crate::syntax::Value::Map(entries) => {
                    stack.extend(entries.iter().map(|e| &e.value))
                }
                _ => {}
            }
        }
    }
}
