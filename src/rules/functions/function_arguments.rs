use crate::hot::functions::{Call, Context as FnContext, Status, check_arguments, spec_in};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A function call whose arguments do not have the shape Heat checks when it
    /// reads the template.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template with the function's own message, e.g.
    /// `Arguments to "get_attr" must be of the form [resource_name, attribute,
    /// (path), ...]` or `"str_replace" syntax should be str_replace: template:
    /// ... params: ...`. The shapes change between template versions (`if` takes
    /// two arguments from 2021-04-16, `get_attr` one from 2015-10-15); hotc
    /// checks those of the template's version, as `hotc explain` of the
    /// grammar shows. Values computed by other functions pass, except where
    /// Heat inspects the raw value.
    ///
    /// ## Example
    /// ```yaml
    /// value: {list_join: [", "]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// value: {list_join: [", ", [a, b]]}
    /// ```
    pub static FUNCTION_ARGUMENTS = ("H403", "function-arguments", Error);
}

struct Finder<'c, 't, 'd> {
    cx: &'c Context<'t, 'd>,
    sink: &'c mut Sink,
}

impl<'d> Visitor<'d> for Finder<'_, '_, 'd> {
    fn call(&mut self, call: &Call<'d>, context: FnContext, site: &Site<'d>, live: &Liveness) {
        if call.status != Status::Available {
            return;
        }
        let Some(version) = self.cx.template.version else {
            return;
        };
        let Some(spec) = spec_in(call, version, context) else {
            return;
        };
        if let Err(e) = check_arguments(spec, call.args, version, context) {
            let message = match &e.message {
                Some(m) => format!("invalid arguments to `{}`: {}", call.name, first_line(m)),
                None => format!("invalid arguments to `{}`", call.name),
            };
            self.sink
                .report_in(&FUNCTION_ARGUMENTS, live, call.args.span, message)
                .related_here(call.entry.key.span, format!("the `{}` call", call.name))
                .help(format!(
                    "`{}` takes {}",
                    call.name,
                    e.expected.replace("literal ", "")
                ));
        }
        if call.name == "make_url" {
            // Heat checks the port when it validates: only in enabled resources.
            let walker = self.cx.walker();
            let owner = match site.section {
                crate::hot::walk::Section::Resources => self.cx.template.resource(site.owner),
                crate::hot::walk::Section::Outputs => self
                    .cx
                    .template
                    .outputs
                    .iter()
                    .find(|o| o.name == site.owner),
                crate::hot::walk::Section::Conditions => None,
            };
            let live = match (live, owner.map(|o| walker.enabled(o.def()))) {
                (Liveness::Live, Some(enabled)) => enabled,
                (other, _) => other.clone(),
            };
            check_make_url_port(self, call, &live);
        }
    }
}

/// Heat's message may span several lines (a YAML example): its first line.
fn first_line(message: &str) -> String {
    let m = message.trim().trim_matches('\'');
    let line = m.split("\\n").next().unwrap_or(m);
    line.split('\n').next().unwrap_or(line).trim().to_string()
}

/// Heat checks a literal `make_url` port: 1..65535.
fn check_make_url_port(finder: &mut Finder, call: &Call, live: &Liveness) {
    let Some(port) = call.args.get("port") else {
        return;
    };
    let number = match &port.value {
        crate::syntax::Value::Int(i) => Some(*i),
        crate::syntax::Value::Str(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    if let Some(n) = number {
        if !(1..=65535).contains(&n) {
            finder.sink.report_in(
                &FUNCTION_ARGUMENTS,
                live,
                port.span,
                format!("invalid URL port {n}: a port is 1 to 65535"),
            );
        }
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.parse_walker();
    let mut finder = Finder { cx, sink };
    walker.walk_template(&mut finder);
}
