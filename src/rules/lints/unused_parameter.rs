use std::collections::HashSet;

use crate::diagnostics::{Edit, Fix};
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::rules::{Context, Sink};
use crate::source::Span;
use crate::syntax::{Entry, Style, Value};

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
    ///
    /// ## Fix
    /// `hotc check --fix` removes the parameter's lines when it is written in
    /// block style (its key first on its line); the comments above it stay. A
    /// caller that still passes a value for it must stop doing so.
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
        let d = sink.report(
            &UNUSED_PARAMETER,
            p.entry.key.span,
            format!("parameter `{}` is never read", p.name),
        );
        d.help("remove it, or read it with get_param where it is meant to be used");
        // Only from a block mapping: removing a line of a flow mapping (or of a
        // JSON template) could leave a dangling comma.
        let block = cx
            .template
            .root
            .get("parameters")
            .is_some_and(|n| n.style == Style::Block);
        if let Some(fix) = removal(&cx.source.text, p.entry, p.name).filter(|_| block) {
            d.fix(fix);
        }
    }
}

/// Removes a block-style entry: from the start of its key's line to the end of
/// its value's last line (a comment there goes with it). `None` when the entry
/// shares a line with something else (flow style).
fn removal(text: &str, entry: &Entry, name: &str) -> Option<Fix> {
    let key_start = entry.key.span.start as usize;
    let line_start = text[..key_start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..key_start]
        .chars()
        .all(|c| c == ' ' || c == '\t')
    {
        return None;
    }
    let end = entry.value.span.end.max(entry.key.span.end) as usize;
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    let rest = text[end..line_end].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(
        Fix::safe(
            format!("remove parameter `{name}`"),
            vec![Edit {
                span: Span::new(line_start, line_end),
                text: String::new(),
            }],
        )
        .after_others(),
    )
}
