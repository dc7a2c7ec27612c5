use std::collections::HashSet;

use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink};
use crate::syntax::Value;

crate::declare_rule! {
    /// A parameter that nothing in the template reads.
    ///
    /// ## Why is this bad?
    /// Heat accepts it, but a value given for it changes nothing, which usually
    /// means a typo in a `get_param`, a leftover, or a wrong expectation about
    /// what the template does. Parameters that exist because a caller always
    /// passes them (Magnum, TripleO) can be marked with
    /// `# hotc: ignore[unused-parameter] <reason>`.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   flavor: {type: string}
    ///   key_name: {type: string}
    /// resources:
    ///   server:
    ///     type: OS::Nova::Server
    ///     properties:
    ///       flavor: {get_param: flavor}
    /// ```
    pub static UNUSED_PARAMETER = ("H901", "unused-parameter", Warning);
}

#[derive(Default)]
struct Reads<'d> {
    names: HashSet<&'d str>,
    /// A `get_param` whose name is computed: any parameter may be read.
    computed: bool,
}

impl<'d> Visitor<'d> for Reads<'d> {
    fn call(&mut self, call: &Call<'d>, _context: FnContext, _site: &Site<'d>, _live: &Liveness) {
        if call.status != Status::Available {
            // Removed `Ref` may still name a parameter.
            if call.name == "Ref" {
                if let Some(n) = call.args.as_str() {
                    self.names.insert(n);
                }
            }
            return;
        }
        match call.name {
            "get_param" | "Ref" => {
                let name = match &call.args.value {
                    Value::Seq(items) => items.first(),
                    _ => Some(call.args),
                };
                match name.and_then(|n| n.as_str()) {
                    Some(n) => {
                        self.names.insert(n);
                    }
                    None => self.computed = true,
                }
            }
            _ => {}
        }
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    if cx.template.version.is_none() {
        return;
    }
    let mut reads = Reads::default();
    // Every get_param counts, live or not: a read in a disabled branch is a read.
    let walker = crate::hot::walk::Walker {
        template: cx.template,
        evaluator: cx.evaluator,
        condition_liveness: None,
        owner_conditions: true,
    };
    walker.walk_template(&mut reads);
    if reads.computed {
        return;
    }
    for p in &cx.template.parameters {
        if reads.names.contains(p.name) {
            continue;
        }
        sink.report(
            &UNUSED_PARAMETER,
            p.entry.key.span,
            format!("parameter `{}` is never read", p.name),
        )
        .help("remove it, or read it with get_param where it is meant to be used");
    }
}
