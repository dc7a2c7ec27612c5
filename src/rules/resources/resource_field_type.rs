use crate::hot::functions::{Context as FnContext, as_call};
use crate::rules::{Context, Sink};
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// A resource field whose value has the wrong type: `type`, `description`,
    /// `deletion_policy` and `external_id` must be strings, `properties`,
    /// `metadata` and `update_policy` mappings, `depends_on` a string or a list
    /// of strings, `condition` a string or a boolean (or a condition function).
    /// An empty field (`properties:` with nothing after it) is null, which Heat
    /// refuses too.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `Resource a properties type must be object`,
    /// `Resource a depends_on must be a list of strings`, `Resource a condition
    /// type must be string_or_boolean`. Functions are evaluated in
    /// `properties`, `metadata`, `update_policy`, `deletion_policy` and
    /// `external_id` but never in `type`, `depends_on` or `description`.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     depends_on: {get_resource: net}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   port:
    ///     type: OS::Neutron::Port
    ///     depends_on: net
    /// ```
    pub static RESOURCE_FIELD_TYPE = ("H303", "resource-field-type", Error);
}

#[derive(Clone, Copy, PartialEq)]
enum Expect {
    String,
    Object,
    DependsOn,
    Condition,
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    for r in &cx.template.resources {
        let Some(fields) = r.def().as_map() else {
            continue;
        };
        for field in fields {
            let expect = match &*field.key_text {
                "type" | "deletion_policy" | "external_id" => Expect::String,
                "description" => Expect::String,
                "properties" | "metadata" | "update_policy" => Expect::Object,
                "depends_on" => Expect::DependsOn,
                "condition" => Expect::Condition,
                _ => continue,
            };
            let value = &field.value;
            // An empty `type` is reported as a missing type.
            if value.is_null() && expect == Expect::String && field.key_text.as_ref() == "type" {
                continue;
            }
            let evaluated = !matches!(&*field.key_text, "description" | "depends_on");
            let is_call = |n: &Node| {
                as_call(
                    n,
                    version,
                    if expect == Expect::Condition {
                        FnContext::Condition
                    } else {
                        FnContext::Normal
                    },
                )
                .is_some()
            };
            let evaluated = evaluated && field.key_text.as_ref() != "type";
            if evaluated && is_call(value) {
                continue;
            }
            let ok = match expect {
                // Heat checks the raw value: `type: {get_param: t}` is refused.
                Expect::String => value.as_str().is_some(),
                Expect::Object => matches!(value.value, Value::Map(_)),
                Expect::DependsOn => match &value.value {
                    Value::Str(_) | Value::Timestamp(_) => true,
                    Value::Seq(items) => {
                        if let Some(bad) = items.iter().find(|i| i.as_str().is_none()) {
                            sink.report(
                                &RESOURCE_FIELD_TYPE,
                                bad.span,
                                format!(
                                    "`depends_on` of resource `{}` must be a list of resource names; this item is {}",
                                    r.name,
                                    describe(bad, version)
                                ),
                            )
                            .help("depends_on is never evaluated: write the names as plain strings");
                        }
                        true
                    }
                    _ => false,
                },
                Expect::Condition => matches!(value.value, Value::Str(_) | Value::Bool(_)),
            };
            if ok {
                continue;
            }
            let wanted = match expect {
                Expect::String => "a string",
                Expect::Object => "a mapping",
                Expect::DependsOn => "a resource name or a list of them",
                Expect::Condition => "a condition name, a boolean or a condition function",
            };
            let d = sink.report(
                &RESOURCE_FIELD_TYPE,
                value.span,
                format!(
                    "`{}` of resource `{}` must be {wanted}, not {}",
                    field.key_text,
                    r.name,
                    describe(value, version)
                ),
            );
            if value.is_null() {
                d.help(format!(
                    "remove the empty `{}`, or give it a value",
                    field.key_text
                ));
            } else if !evaluated && is_call(value) {
                d.help(format!(
                    "Heat never evaluates functions in `{}`",
                    field.key_text
                ));
            }
        }
    }
}

fn describe(node: &Node, version: &'static crate::grammar::VersionSpec) -> String {
    match as_call(node, version, FnContext::Normal) {
        Some(call) => format!("a call of `{}`", call.name),
        None => node.kind_name().to_string(),
    }
}
