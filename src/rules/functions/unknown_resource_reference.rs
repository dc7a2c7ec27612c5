use crate::diagnostics::Fix;
use crate::hot::conditions::Truth;
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Section, Site, Visitor};
use crate::rules::{Context, Sink, nearest};
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
            Section::Outputs => template.outputs.iter().find(|o| o.name == site.owner),
            Section::Conditions => None,
        };
        let owner_disabled = owner
            .and_then(|o| o.get("condition"))
            .is_some_and(|c| self.cx.evaluator.reference(c) == Truth::False);
        if owner_disabled {
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
