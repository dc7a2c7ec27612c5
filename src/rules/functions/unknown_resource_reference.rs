use crate::diagnostics::Fix;
use crate::hot::conditions::Truth;
use crate::hot::functions::{Call, Context as FnContext, Status, as_call};
use crate::hot::walk::{Liveness, Section, Site, Visitor};
use crate::rules::{Context, Sink, nearest};
use crate::source::Span;
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// A `get_resource` or `get_attr` of a resource that the template does not
    /// have, or that a condition disables.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `The specified reference "netwrok" (in
    /// port.Properties.network) is incorrect.` A resource whose condition is
    /// false does not exist for references; whatever refers to it must carry a
    /// condition that is false too. In an output Heat's validation misses a
    /// `get_resource` of a missing resource, but the output can never resolve.
    /// A reference in the first branch of an `if` whose condition implies the
    /// resource's (the same name, or an `and` with it as an operand) is Heat's
    /// own idiom and never reported: Heat drops the branch it does not select.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   network:
    ///     type: OS::Neutron::Net
    ///   port:
    ///     type: OS::Neutron::Port
    ///     properties:
    ///       network: {get_resource: netwrok}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///       network: {get_resource: network}
    /// ```
    pub static UNKNOWN_RESOURCE_REFERENCE = ("H402", "unknown-resource-reference", Error);
}

struct Finder<'c, 't, 'd> {
    cx: &'c Context<'t, 'd>,
    sink: &'c mut Sink,
}

/// The resource name a `get_resource` or `get_attr` call refers to.
pub(crate) fn target<'d>(call: &Call<'d>) -> Option<&'d Node> {
    match call.name {
        "get_resource" => Some(call.args),
        "get_attr" => match &call.args.value {
            Value::Seq(items) => items.first(),
            Value::Str(_) => Some(call.args),
            _ => None,
        },
        _ => None,
    }
}

impl<'d> Visitor<'d> for Finder<'_, '_, 'd> {
    fn call(&mut self, call: &Call<'d>, context: FnContext, site: &Site<'d>, live: &Liveness) {
        if call.status != Status::Available || context != FnContext::Normal {
            return;
        }
        let Some(name_node) = target(call) else {
            return;
        };
        let Some(name) = name_node.as_str() else {
            return;
        };
        let template = self.cx.template;
        let Some(resource) = template.resource(name) else {
            let d = self.sink.report_in(
                &UNKNOWN_RESOURCE_REFERENCE,
                live,
                name_node.span,
                format!(
                    "`{name}` is not a resource of this template ({} in {})",
                    call.name,
                    describe(site)
                ),
            );
            if let Some(p) = template.parameter(name) {
                d.related_here(p.entry.key.span, "a parameter has that name")
                    .help(format!(
                        "to read the parameter, write `{{get_param: {name}}}`"
                    ));
            } else if let Some(near) = nearest(name, template.resources.iter().map(|r| r.name)) {
                d.help(format!("did you mean `{near}`?"));
                if let Some(fix) = Fix::rename(&self.cx.source.text, name_node.span, near) {
                    d.fix(fix);
                }
            }
            return;
        };
        // A reference to a resource that a condition disables.
        let Some(condition) = resource.get("condition") else {
            return;
        };
        if !template
            .version
            .is_some_and(|v| v.has_resource_key("condition"))
        {
            return;
        }
        if self.cx.evaluator.reference(condition) != Truth::False {
            return;
        }
        // The referring resource or output may be disabled as well.
        let owner = match site.section {
            Section::Resources => template.resource(site.owner),
            Section::Outputs => template.output(site.owner),
            Section::Conditions => None,
        };
        let owner_disabled = owner
            .and_then(|o| o.get("condition"))
            .is_some_and(|c| self.cx.evaluator.reference(c) == Truth::False);
        if owner_disabled {
            return;
        }
        // `{if: [C, {get_attr: [r, x]}, ...]}` with `r` under condition C is
        // Heat's own idiom: Heat drops the branch it does not select, so the
        // reference exists exactly when the resource does.
        if owner.is_some_and(|o| guarded(self.cx, o.def(), name_node.span, condition, 0)) {
            return;
        }
        // Heat does not check a get_resource in an output: it resolves to nothing.
        let soft = site.section == Section::Outputs && call.name == "get_resource";
        let message = format!(
            "`{name}` is disabled by its condition, so this {} cannot refer to it",
            call.name
        );
        let d = if soft {
            let d = self
                .sink
                .report_in(&UNKNOWN_RESOURCE_REFERENCE, live, name_node.span, message);
            d.severity = d.severity.min(crate::diagnostics::Severity::Warning);
            d
        } else {
            self.sink
                .report_in(&UNKNOWN_RESOURCE_REFERENCE, live, name_node.span, message)
        };
        d.related_here(condition.span, "false with the effective parameter values")
            .help(format!(
                "give {} the same condition, or select the reference with `if`",
                describe(site)
            ));
    }
}

/// Whether `at` lies in the `then` branch of an `if` (inside `node`) whose
/// condition implies `condition`.
fn guarded(cx: &Context, node: &Node, at: Span, condition: &Node, depth: usize) -> bool {
    let Some(version) = cx.template.version else {
        return false;
    };
    if depth > 64 || !covers(node.span, at) {
        return false;
    }
    let then_branch = as_call(node, version, FnContext::Normal)
        .filter(|call| call.name == "if")
        .and_then(|call| call.args.as_seq())
        .filter(|args| args.len() >= 2);
    if then_branch
        .is_some_and(|args| covers(args[1].span, at) && implies(cx, &args[0], condition, 0))
    {
        return true;
    }
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .any(|e| guarded(cx, &e.value, at, condition, depth + 1)),
        Value::Seq(items) => items
            .iter()
            .any(|i| guarded(cx, i, at, condition, depth + 1)),
        _ => false,
    }
}

fn covers(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether a condition reference being true makes `condition` true: the same
/// name, or an `and` (named or inline) with such an operand.
fn implies(cx: &Context, guard: &Node, condition: &Node, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    if let (Some(g), Some(c)) = (guard.as_str(), condition.as_str()) {
        if g == c {
            return true;
        }
        return cx
            .template
            .condition(g)
            .is_some_and(|named| implies(cx, named.def(), condition, depth + 1));
    }
    let Some(entries) = guard.as_map() else {
        return false;
    };
    match entries {
        [entry] if &*entry.key_text == "and" => entry
            .value
            .as_seq()
            .is_some_and(|ops| ops.iter().any(|op| implies(cx, op, condition, depth + 1))),
        _ => false,
    }
}

fn describe(site: &Site) -> String {
    match site.section {
        Section::Resources => format!("resource `{}`", site.owner),
        Section::Outputs => format!("output `{}`", site.owner),
        Section::Conditions => format!("condition `{}`", site.owner),
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    let mut finder = Finder { cx, sink };
    walker.walk_resources_and_outputs(&mut finder);
}
