use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Section, Site, Visitor};
use crate::rules::{Context, Sink, nearest};
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// A `get_param` of a parameter the template does not declare, or of
    /// `OS::region`, which Heat declares but never gives a value.
    ///
    /// ## Why is this bad?
    /// Heat fails when it resolves the value: `The Parameter (imgae) was not
    /// provided.` In resource properties that is at stack create; in a
    /// `deletion_policy` or a condition Heat evaluates, even `template validate`
    /// fails; in an output, Heat's validation misses it but the output can never
    /// resolve. The pseudo parameters `OS::stack_id`, `OS::stack_name` and
    /// `OS::project_id` are always declared.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   image: {type: string}
    /// resources:
    ///   server:
    ///     type: OS::Nova::Server
    ///     properties:
    ///       image: {get_param: imgae}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///       image: {get_param: image}
    /// ```
    pub static UNDECLARED_PARAMETER = ("H401", "undeclared-parameter", Error);
}

struct Finder<'c, 't, 'd> {
    cx: &'c Context<'t, 'd>,
    sink: &'c mut Sink,
}

impl<'d> Visitor<'d> for Finder<'_, '_, 'd> {
    fn call(&mut self, call: &Call<'d>, _context: FnContext, site: &Site<'d>, live: &Liveness) {
        if call.name != "get_param" || call.status != Status::Available {
            return;
        }
        let name_node: &Node = match &call.args.value {
            Value::Seq(items) => match items.first() {
                Some(first) => first,
                None => return,
            },
            _ => call.args,
        };
        let Some(name) = name_node.as_str() else {
            return;
        };
        let template = self.cx.template;
        if name == "OS::region" && template.parameter(name).is_none() {
            self.sink
                .report_in(
                    &UNDECLARED_PARAMETER,
                    live,
                    name_node.span,
                    "`OS::region` never has a value: Heat declares it but does not set it",
                )
                .help("declare a `region` parameter and pass the region name");
            return;
        }
        if template.declares_parameter(name) {
            return;
        }
        let where_ = match site.section {
            Section::Outputs => format!("output `{}`", site.owner),
            Section::Resources => format!("resource `{}`", site.owner),
            Section::Conditions => format!("condition `{}`", site.owner),
        };
        let d = self.sink.report_in(
            &UNDECLARED_PARAMETER,
            live,
            name_node.span,
            format!("`{name}` is not a parameter of this template (in {where_})"),
        );
        match nearest(name, template.parameters.iter().map(|p| p.name)) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!(
                "declare it: `parameters: {{{name}: {{type: string}}}}`"
            )),
        };
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    let mut finder = Finder { cx, sink };
    walker.walk_template(&mut finder);
}
