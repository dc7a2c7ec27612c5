//! Rules against the resource-type catalog: resource types, their
//! properties, attributes, update policies and deletion policies. Group
//! members are checked against their member type too.

mod conflicting_properties;
mod deprecated_resource_type;
mod hidden_resource_type;
mod missing_property;
mod property_constraint;
mod property_type;
mod snapshot_deletion_policy;
mod unimplemented_property;
mod unknown_attribute;
mod unknown_property;
mod unknown_resource_type;
mod update_policy;

use serde_json::Value as Json;

use super::{Context, RuleMeta, TemplateCheck};
use crate::catalog::ResourceType;
use crate::catalog::value::{CallInfo, Problem, ProblemKind, ValueChecker, ValueKind};
use crate::hot::Named;
use crate::hot::functions::{Context as FnContext, Status, as_call};
use crate::hot::parameters::ParamType;
use crate::hot::values::StaticEvaluator;
use crate::hot::walk::Liveness;
use crate::link::{GroupKind, Resolved, TypeSource};
use crate::source::Span;
use crate::syntax::{Node, Value};

pub static RULES: &[&RuleMeta] = &[
    &unknown_resource_type::UNKNOWN_RESOURCE_TYPE,
    &hidden_resource_type::HIDDEN_RESOURCE_TYPE,
    &deprecated_resource_type::DEPRECATED_RESOURCE_TYPE,
    &unknown_property::UNKNOWN_PROPERTY,
    &missing_property::MISSING_PROPERTY,
    &property_type::PROPERTY_TYPE,
    &property_constraint::PROPERTY_CONSTRAINT,
    &unimplemented_property::UNIMPLEMENTED_PROPERTY,
    &conflicting_properties::CONFLICTING_PROPERTIES,
    &update_policy::UPDATE_POLICY,
    &snapshot_deletion_policy::SNAPSHOT_DELETION_POLICY,
    &unknown_attribute::UNKNOWN_ATTRIBUTE,
];

pub static CHECKS: &[TemplateCheck] = &[
    unknown_resource_type::check,
    hidden_resource_type::check,
    deprecated_resource_type::check,
    unknown_property::check,
    missing_property::check,
    property_type::check,
    property_constraint::check,
    unimplemented_property::check,
    conflicting_properties::check,
    update_policy::check,
    snapshot_deletion_policy::check,
    unknown_attribute::check,
];

/// A plugin type named by a resource or a group member.
pub(crate) struct TypeUse<'c, 'd> {
    pub resource: &'c Named<'d>,
    /// The type as the registry and Heat's global aliases resolve it, if the
    /// catalog knows it.
    pub ty: Option<&'c ResourceType>,
    /// The plugin name after the registry (before Heat's global aliases).
    pub name: &'c str,
    pub resolved: &'c Resolved<'d>,
    /// The properties given to it.
    pub properties: Option<&'d Node>,
    pub member: Option<GroupKind>,
    /// Whether Heat checks it with the effective values.
    pub live: Liveness,
}

impl TypeUse<'_, '_> {
    /// How to name it in messages.
    pub fn what(&self) -> String {
        match self.member {
            Some(_) => format!("the members of group `{}`", self.resource.name),
            None => format!("resource `{}`", self.resource.name),
        }
    }
}

/// Every plugin type the template's resources and group members use.
pub(crate) fn type_uses<'c, 'd>(cx: &'c Context<'c, 'd>) -> Vec<TypeUse<'c, 'd>> {
    let mut out = Vec::new();
    let walker = cx.walker();
    for r in &cx.template.resources {
        let Some(resolved) = cx.resolved(r.name) else {
            continue;
        };
        let live = walker.owner_liveness(r.def());
        if let TypeSource::Plugin(name) = &resolved.source {
            out.push(TypeUse {
                resource: r,
                ty: catalog_type(cx, name),
                name,
                resolved,
                properties: r.get("properties"),
                member: None,
                live: live.clone(),
            });
        }
        for m in &resolved.members {
            if let TypeSource::Plugin(name) = &m.resolved.source {
                let member_live = match (&live, group_count(cx, r)) {
                    (Liveness::Live, Some(0)) => Liveness::Conditional(
                        format!("group `{}` has count 0, so no member is created", r.name).into(),
                    ),
                    (l, _) => l.clone(),
                };
                out.push(TypeUse {
                    resource: r,
                    ty: catalog_type(cx, name),
                    name,
                    resolved: &m.resolved,
                    properties: m.properties,
                    member: Some(m.kind),
                    live: member_live,
                });
            }
        }
    }
    out
}

/// The catalog type a plugin name stands for, after Heat's global aliases.
pub(crate) fn catalog_type<'c>(cx: &Context<'c, '_>, name: &str) -> Option<&'c ResourceType> {
    cx.tree
        .catalogs
        .resolve(name)
        .and_then(|r| r.resource_type())
}

/// Whether Heat's global environment maps the name to a provider template
/// (which hotc does not have): nothing to check, nothing to report.
pub(crate) fn global_template(cx: &Context, name: &str) -> bool {
    matches!(
        cx.tree.catalogs.resolve(name),
        Some(crate::catalog::Resolved::Template(_))
    )
}

fn group_count(cx: &Context, r: &Named) -> Option<i64> {
    let count = r.get("properties")?.get("count")?;
    let statics = StaticEvaluator {
        template: cx.template,
        values: cx.values,
        conditions: cx.evaluator,
    };
    match statics.value(count)? {
        Json::Number(n) => n.as_i64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What each function call yields when Heat validates properties.
pub(crate) fn call_info<'a>(cx: &'a Context<'a, '_>) -> impl Fn(&Node) -> Option<CallInfo> + 'a {
    let version = cx.template.version;
    move |node: &Node| {
        let version = version?;
        let call = as_call(node, version, FnContext::Normal)?;
        if call.status != Status::Available {
            return Some(CallInfo::Unknown);
        }
        let statics = StaticEvaluator {
            template: cx.template,
            values: cx.values,
            conditions: cx.evaluator,
        };
        Some(match call.name {
            "get_param" => {
                let name = match &call.args.value {
                    Value::Str(s) => Some(s.as_ref()),
                    _ => None,
                };
                match (statics.value(node), name) {
                    (Some(value), _) => CallInfo::Value {
                        value,
                        constraints: true,
                    },
                    // A whole parameter whose value is not known: its type is.
                    (None, Some(name)) => {
                        match cx.template.parameter_def(name).and_then(|p| p.ty) {
                            Some(ParamType::String) => CallInfo::Kind(ValueKind::String),
                            Some(ParamType::Number) => CallInfo::Kind(ValueKind::Number),
                            Some(ParamType::Boolean) => CallInfo::Kind(ValueKind::Boolean),
                            Some(ParamType::CommaDelimitedList) => CallInfo::Kind(ValueKind::List),
                            _ => CallInfo::Unknown,
                        }
                    }
                    _ => CallInfo::Unknown,
                }
            }
            "get_resource" => match call.args.as_str() {
                Some(name) => CallInfo::Value {
                    value: Json::String(name.into()),
                    constraints: false,
                },
                None => CallInfo::Unknown,
            },
            "if" | "list_join" | "str_replace" | "str_replace_strict" | "str_replace_vstrict" => {
                match statics.value(node) {
                    Some(value) => CallInfo::Value {
                        value,
                        constraints: true,
                    },
                    None if call.name == "if" => CallInfo::Unknown,
                    None => CallInfo::Kind(ValueKind::String),
                }
            }
            "get_file" | "digest" | "make_url" => CallInfo::Kind(ValueKind::String),
            "list_concat" | "list_concat_unique" | "repeat" | "filter" => {
                CallInfo::Kind(ValueKind::List)
            }
            "map_merge" | "map_replace" => CallInfo::Kind(ValueKind::Map),
            _ => CallInfo::Unknown,
        })
    }
}

/// The problems Heat's validation finds in the properties of one type use.
pub(crate) fn problems(cx: &Context, u: &TypeUse) -> Vec<Problem> {
    let Some(ty) = u.ty else {
        return Vec::new();
    };
    let calls = call_info(cx);
    let checker = ValueChecker {
        catalogs: cx.tree.catalogs,
        calls: &calls,
    };
    // A group member's properties may hold the index variable; the first
    // member gets 0, so check that one.
    checker.properties(ty, u.properties)
}

/// Whether the value at `span` is a `get_param` of a parameter that the
/// resource's own (false) condition reads: the condition guards the value
/// (`condition: has_volume` with `size: {get_param: volume_size}`), and the
/// bad value cannot occur where the resource exists.
pub(crate) fn guarded(
    cx: &Context,
    resource: &Named,
    properties: Option<&Node>,
    span: Span,
) -> bool {
    let (Some(condition), Some(properties), Some(version)) =
        (resource.get("condition"), properties, cx.template.version)
    else {
        return false;
    };
    let mut stack = vec![properties];
    let mut found = None;
    while let Some(n) = stack.pop() {
        if n.span == span {
            found = Some(n);
            break;
        }
        match &n.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    let Some(call) = found.and_then(|n| as_call(n, version, FnContext::Normal)) else {
        return false;
    };
    if call.name != "get_param" {
        return false;
    }
    let name = match &call.args.value {
        Value::Seq(items) => items.first().and_then(Node::as_str),
        _ => call.args.as_str(),
    };
    let Some(name) = name else {
        return false;
    };
    crate::hot::conditions::parameters_read(cx.template, condition).contains(name)
}

/// Reports the problems of one kind found in every type use.
pub(crate) fn report_problems(
    cx: &Context,
    sink: &mut super::Sink,
    rule: &'static RuleMeta,
    wanted: fn(&ProblemKind) -> bool,
) {
    for u in type_uses(cx) {
        for p in problems(cx, &u) {
            if !wanted(&p.kind) {
                continue;
            }
            if guarded(cx, u.resource, u.properties, p.span) {
                continue;
            }
            let span = if p.span == Span::default() {
                u.resolved.span
            } else {
                p.span
            };
            let within = if p.path.is_empty() {
                String::new()
            } else {
                format!(" in `{}`", p.path)
            };
            let message = match &p.kind {
                ProblemKind::UnknownProperty { name, .. } => {
                    format!("`{name}` is not a property of {}{within}", u.name)
                }
                ProblemKind::MissingProperty { name } => format!(
                    "{} set{} no `{name}`{within}, which {} requires",
                    u.what(),
                    if u.member.is_some() { "" } else { "s" },
                    u.name
                ),
                ProblemKind::NotImplemented { name } => {
                    format!("`{name}` of {} is not implemented in Heat", u.name)
                }
                _ if p.path.is_empty() => format!("{} ({}): {}", u.what(), u.name, p.message),
                _ => format!("`{}` of {} ({}): {}", p.path, u.what(), u.name, p.message),
            };
            let d = sink.report_in(rule, &u.live, span, message);
            if let ProblemKind::UnknownProperty {
                suggestion: Some(s),
                ..
            } = &p.kind
            {
                d.help(format!("did you mean `{s}`?"));
                // The one nearest name, offered in an editor; `--fix` leaves
                // it alone (the author may have meant another property).
                if let Some(fix) = crate::diagnostics::Fix::rename(&cx.source.text, span, s) {
                    d.fix(fix.on_request());
                }
            } else if matches!(p.kind, ProblemKind::MissingProperty { .. }) {
                d.help(format!("`hotc types {}` shows its properties", u.name));
                // A missing property has no line of its own: point at the
                // type that requires it too.
                if p.path.is_empty() && span != u.resolved.span {
                    d.related.push(crate::diagnostics::Related {
                        file: cx.file,
                        span: u.resolved.span,
                        message: format!("{} requires it", u.name),
                    });
                }
            }
        }
    }
}
