use std::collections::HashMap;

use crate::rules::{Context, Sink, nearest};
use crate::source::Span;
use crate::syntax::Value;

crate::declare_rule! {
    /// A malformed `parameter_groups` section: not a list, a group without a
    /// `parameters` list, a parameter in two groups, or a name that is not a
    /// declared parameter.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template with `Parameter Groups error`, e.g. `The
    /// grouped parameter flavour does not reference a valid parameter.` or `The
    /// image parameter must be assigned to one parameter group only.`
    ///
    /// ## Example
    /// ```yaml
    /// parameter_groups:
    ///   - label: Nodes
    ///     parameters: [flavour, image]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// parameter_groups:
    ///   - label: Nodes
    ///     parameters: [flavor, image]
    /// ```
    pub static PARAMETER_GROUPS = ("H210", "parameter-groups", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    let Some(section) = cx.template.section("parameter_groups") else {
        return;
    };
    let groups = match &section.value.value {
        Value::Null => return,
        Value::Seq(items) => items,
        _ => {
            sink.report(
                &PARAMETER_GROUPS,
                section.value.span,
                "`parameter_groups` must be a list of groups",
            );
            return;
        }
    };
    let mut first_group: HashMap<String, Span> = HashMap::new();
    for group in groups {
        if group.as_map().is_none() {
            sink.report(
                &PARAMETER_GROUPS,
                group.span,
                format!(
                    "a parameter group must be a mapping, not {}",
                    group.kind_name()
                ),
            )
            .help("write `- label: ...\\n  parameters: [...]`");
            continue;
        }
        let Some(parameters) = group.entry("parameters") else {
            sink.report(
                &PARAMETER_GROUPS,
                group.span,
                "this parameter group has no `parameters`",
            );
            continue;
        };
        let Some(names) = parameters.value.as_seq() else {
            sink.report(
                &PARAMETER_GROUPS,
                parameters.value.span,
                "the `parameters` of a parameter group must be a list",
            );
            continue;
        };
        for name_node in names {
            let name = name_node.scalar_text().unwrap_or_default();
            // Of the pseudo parameters, Heat's group check knows only these two.
            let pseudo = matches!(name.as_str(), "OS::stack_id" | "OS::project_id");
            if cx.template.parameter(&name).is_none() && !pseudo {
                let d = sink.report(
                    &PARAMETER_GROUPS,
                    name_node.span,
                    format!("`{name}` in a parameter group is not a declared parameter"),
                );
                if let Some(near) = nearest(&name, cx.template.parameters.iter().map(|p| p.name)) {
                    d.help(format!("did you mean `{near}`?"));
                }
                continue;
            }
            match first_group.get(&name) {
                Some(first) => {
                    sink.report(
                        &PARAMETER_GROUPS,
                        name_node.span,
                        format!("parameter `{name}` is in more than one parameter group"),
                    )
                    .related_here(*first, "first grouped here");
                }
                None => {
                    first_group.insert(name, name_node.span);
                }
            }
        }
    }
}
