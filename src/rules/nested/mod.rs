//! Rules about nested stacks: what a parent gives a template resource or a
//! group member, against the nested template's parameters and outputs.

mod index_var;
mod missing_nested_parameter;
mod nested_property_value;
mod registry_loop;
mod unknown_nested_attribute;
mod unknown_nested_property;

use super::{Context, RuleMeta, TemplateCheck};
use crate::hot::walk::Liveness;
use crate::hot::{Named, Template};
use crate::link::{GroupKind, Resolved};
use crate::source::{FileId, Span};
use crate::syntax::Node;

pub static RULES: &[&RuleMeta] = &[
    &unknown_nested_property::UNKNOWN_NESTED_PROPERTY,
    &missing_nested_parameter::MISSING_NESTED_PARAMETER,
    &nested_property_value::NESTED_PROPERTY_VALUE,
    &unknown_nested_attribute::UNKNOWN_NESTED_ATTRIBUTE,
    &index_var::INDEX_VAR,
    &registry_loop::REGISTRY_LOOP,
];

pub static CHECKS: &[TemplateCheck] = &[
    unknown_nested_property::check,
    missing_nested_parameter::check,
    nested_property_value::check,
    unknown_nested_attribute::check,
    index_var::check,
    registry_loop::check,
];

/// A stack a resource creates from a template: the resource itself (a template
/// resource) or its group's member.
pub(crate) struct NestedUse<'c, 'd> {
    pub resource: &'c Named<'d>,
    /// The properties given (`None` when computed by a function, or absent).
    pub properties: Option<&'d Node>,
    /// Whether properties are given at all.
    pub has_properties: bool,
    pub file: FileId,
    pub template: &'c Template<'d>,
    /// The span of the type that names the template.
    pub type_span: Span,
    pub member: Option<GroupKind>,
    /// The string a ResourceGroup replaces by each member's index.
    pub index_var: Option<String>,
    /// Whether the stack is created with the effective values.
    pub live: Liveness,
}

/// Every nested stack the template's resources create, with the nested model.
pub(crate) fn nested_uses<'c, 'd>(cx: &'c Context<'c, 'd>) -> Vec<NestedUse<'c, 'd>> {
    let mut out = Vec::new();
    let Some(version) = cx.template.version else {
        return out;
    };
    let walker = cx.walker();
    let is_call = |n: &Node| {
        crate::hot::functions::as_call(n, version, crate::hot::functions::Context::Normal).is_some()
    };
    for r in &cx.template.resources {
        let Some(resolved) = cx.resolved(r.name) else {
            continue;
        };
        let live = walker.owner_liveness(r.def());
        let mut push = |res: &Resolved<'d>,
                        properties: Option<&'d Node>,
                        member: Option<GroupKind>,
                        index_var: Option<String>,
                        live: Liveness| {
            let Some(file) = res.template_file() else {
                return;
            };
            let Some(template) = cx.template_of(file) else {
                return;
            };
            if template.version.is_none() {
                return;
            }
            out.push(NestedUse {
                resource: r,
                has_properties: properties.is_some(),
                properties: properties.filter(|p| !is_call(p)),
                file,
                template,
                type_span: res.span,
                member,
                index_var,
                live,
            });
        };
        push(resolved, r.get("properties"), None, None, live.clone());
        for m in &resolved.members {
            let live = match (&live, group_count(cx, r)) {
                (Liveness::Live, Some(0)) => Liveness::Conditional(
                    format!("group `{}` has count 0, so no member is created", r.name).into(),
                ),
                (l, _) => l.clone(),
            };
            push(
                &m.resolved,
                m.properties,
                Some(m.kind),
                m.index_var.clone(),
                live,
            );
        }
    }
    out
}

/// A ResourceGroup's `count` when hotc knows it.
fn group_count(cx: &Context, r: &Named) -> Option<i64> {
    let count = r.get("properties")?.get("count")?;
    let statics = crate::hot::values::StaticEvaluator {
        template: cx.template,
        values: cx.values,
        conditions: cx.evaluator,
    };
    match statics.value(count)? {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
