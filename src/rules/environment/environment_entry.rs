use crate::rules::Sink;
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// An environment entry Heat refuses: a section that is not a mapping
    /// (`event_sinks` a list), a registry value that is not a type name, a
    /// file or null, an invalid `hooks` or `restricted_actions`, an event sink
    /// of an unknown type.
    ///
    /// ## Why is this bad?
    /// Heat refuses the stack: `Invalid hook type "pre-foo" for resource
    /// breakpoint, acceptable hook types are: ('pre-create', 'pre-update',
    /// 'pre-delete', 'post-create', 'post-update', 'post-delete')`, `Invalid
    /// restricted_action type ...`; for the others Heat fails with an internal
    /// error (`KeyError: 'foo'` for an unknown event sink).
    ///
    /// ## Example
    /// ```yaml
    /// resource_registry:
    ///   resources:
    ///     web:
    ///       hooks: pre_create
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///       hooks: pre-create
    /// ```
    pub static ENVIRONMENT_ENTRY = ("H726", "environment-entry", Error);
}

const HOOKS: [&str; 6] = [
    "pre-create",
    "pre-update",
    "pre-delete",
    "post-create",
    "post-update",
    "post-delete",
];
const RESTRICTED: [&str; 2] = ["update", "replace"];

pub fn check(root: &Node, sink: &mut Sink) {
    for section in [
        "parameters",
        "parameter_defaults",
        "resource_registry",
        "parameter_merge_strategies",
    ] {
        if let Some(node) = root.get(section) {
            if !matches!(node.value, Value::Map(_) | Value::Null) {
                sink.report(
                    &ENVIRONMENT_ENTRY,
                    node.span,
                    format!("`{section}` must be a mapping, not {}", node.kind_name()),
                );
            }
        }
    }
    if let Some(sinks) = root.get("event_sinks") {
        match &sinks.value {
            Value::Seq(items) => {
                for item in items {
                    let ty = item.get("type");
                    if ty.and_then(Node::as_str) != Some("zaqar-queue") {
                        sink.report(
                            &ENVIRONMENT_ENTRY,
                            ty.map(|t| t.span).unwrap_or(item.span),
                            "an event sink's `type` must be `zaqar-queue`, the only one Heat has",
                        );
                    }
                }
            }
            Value::Null => {}
            _ => {
                sink.report(
                    &ENVIRONMENT_ENTRY,
                    sinks.span,
                    "`event_sinks` must be a list of sinks",
                );
            }
        }
    }
    let Some(registry) = root.get("resource_registry").and_then(Node::as_map) else {
        return;
    };
    for e in registry {
        match &*e.key_text {
            "base_url" => {}
            "resources" => {
                for r in e.value.as_map().unwrap_or(&[]) {
                    for m in r.value.as_map().unwrap_or(&[]) {
                        match &*m.key_text {
                            "hooks" => check_words(&m.value, &HOOKS, "hook", sink),
                            "restricted_actions" => {
                                check_words(&m.value, &RESTRICTED, "restricted action", sink)
                            }
                            "base_url" => {}
                            _ => check_target(&m.value, sink),
                        }
                    }
                }
            }
            _ => check_target(&e.value, sink),
        }
    }
}

/// A registry value: a type name, a template file, or null (deletes).
fn check_target(value: &Node, sink: &mut Sink) {
    if !matches!(value.value, Value::Str(_) | Value::Null | Value::Map(_)) {
        sink.report(
            &ENVIRONMENT_ENTRY,
            value.span,
            format!(
                "a registry entry maps a type to a type name or a template file, not to {}",
                value.kind_name()
            ),
        );
    }
}

fn check_words(value: &Node, allowed: &[&str], what: &str, sink: &mut Sink) {
    let items: Vec<&Node> = match &value.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![value],
    };
    for item in items {
        let word = item.as_str().unwrap_or("");
        if !allowed.contains(&word) {
            let d = sink.report(
                &ENVIRONMENT_ENTRY,
                item.span,
                format!(
                    "`{}` is not a {what}: the {what}s are {}",
                    item.scalar_text().unwrap_or_default(),
                    allowed.join(", ")
                ),
            );
            if let Some(near) =
                crate::rules::nearest(&word.replace('_', "-"), allowed.iter().copied())
            {
                d.help(format!("did you mean `{near}`?"));
            }
        }
    }
}
