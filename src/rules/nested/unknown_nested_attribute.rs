use crate::hot::Template;
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::link::{GroupKind, Resolved};
use crate::rules::{Context, Sink, nearest};
use crate::syntax::{Node, Value};

crate::declare_rule! {
    /// A `get_attr` of a template resource or a group that names no output of
    /// the nested template (or, for a group, no attribute of its members).
    ///
    /// ## Why is this bad?
    /// A template resource's attributes are its template's outputs (plus `show`
    /// and `resource.<name>...` for the nested resources). Heat's validation
    /// accepts any name here, so the mistake shows only when the value is
    /// needed: `The Referenced Attribute (master ip) is incorrect.` A group has
    /// its own attributes (`refs`, `refs_map`, `removed_rsrc_list`,
    /// `attributes`, `resource.N`, ...); any other name is read from every
    /// member, so it must be an output of the member template.
    ///
    /// ## Example
    /// ```yaml
    /// # cluster.yaml
    /// outputs:
    ///   master_ip:
    ///     value: {get_attr: [master, ip_address]}
    /// # master.yaml
    /// outputs:
    ///   address:
    ///     value: {get_attr: [server, first_address]}
    /// ```
    pub static UNKNOWN_NESTED_ATTRIBUTE = ("H709", "unknown-nested-attribute", Error);
}

struct Finder<'c, 't, 'd> {
    cx: &'c Context<'t, 'd>,
    sink: &'c mut Sink,
}

/// Attributes every template resource has besides its outputs.
fn builtin(name: &str) -> bool {
    matches!(name, "show" | "OS::stack_id")
}

fn group_attributes(kind: GroupKind) -> &'static [&'static str] {
    match kind {
        GroupKind::ResourceGroup => &[
            "refs",
            "refs_map",
            "removed_rsrc_list",
            "attributes",
            "show",
        ],
        GroupKind::AutoScalingGroup => &[
            "outputs",
            "outputs_list",
            "current_size",
            "refs",
            "refs_map",
            "show",
        ],
        GroupKind::ResourceChain => &["refs", "refs_map", "attributes", "show"],
    }
}

impl<'d> Visitor<'d> for Finder<'_, '_, 'd> {
    fn call(&mut self, call: &Call<'d>, context: FnContext, _site: &Site<'d>, live: &Liveness) {
        if call.name != "get_attr"
            || call.status != Status::Available
            || context != FnContext::Normal
        {
            return;
        }
        let Some(args) = call.args.as_seq() else {
            return;
        };
        let (Some(target), Some(attribute)) = (args.first().and_then(Node::as_str), args.get(1))
        else {
            return;
        };
        let Some(name) = attribute.as_str() else {
            return;
        };
        let Some(resolved) = self.cx.resolved(target) else {
            return;
        };
        let path = &args[2..];
        if let Some(file) = resolved.template_file() {
            if let Some(t) = self.cx.template_of(file) {
                self.check_template(
                    t,
                    file,
                    name,
                    attribute,
                    live,
                    &format!("resource `{target}`"),
                );
            }
            return;
        }
        if let Some(member) = resolved.members.first() {
            self.check_group(resolved, member.kind, name, attribute, path, live, target);
        }
    }
}

impl<'d> Finder<'_, '_, 'd> {
    fn check_template(
        &mut self,
        t: &Template,
        file: crate::source::FileId,
        name: &str,
        at: &Node,
        live: &Liveness,
        what: &str,
    ) {
        if t.version.is_none() || builtin(name) || t.output(name).is_some() {
            return;
        }
        if let Some(rest) = name.strip_prefix("resource.") {
            let inner = rest.split('.').next().unwrap_or(rest);
            if t.resource(inner).is_some() {
                return;
            }
            self.sink.report_in(
                &UNKNOWN_NESTED_ATTRIBUTE,
                live,
                at.span,
                format!("{} has no resource `{inner}`", self.cx.file_name(file)),
            );
            return;
        }
        let d = self.sink.report_in(
            &UNKNOWN_NESTED_ATTRIBUTE,
            live,
            at.span,
            format!(
                "{what} has no attribute `{name}`: {} has no such output",
                self.cx.file_name(file)
            ),
        );
        d.related.push(crate::diagnostics::Related {
            file,
            span: t.section("outputs").map(|s| s.key.span).unwrap_or_default(),
            message: "its outputs".into(),
        });
        if let Some(near) = nearest(name, t.outputs.iter().map(|o| o.name)) {
            d.help(format!("did you mean `{near}`?"));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_group(
        &mut self,
        resolved: &Resolved,
        kind: GroupKind,
        name: &str,
        at: &Node,
        path: &[Node],
        live: &Liveness,
        target: &str,
    ) {
        let member_file = resolved
            .members
            .first()
            .and_then(|m| m.resolved.template_file());
        let member = member_file.and_then(|f| self.cx.template_of(f).map(|t| (f, t)));
        if let Some(rest) = name.strip_prefix("resource.") {
            // resource.N[.attr]: the attribute of member N.
            if let (Some((file, t)), Some((_, attr))) = (member, rest.split_once('.')) {
                let attr = attr.split('.').next().unwrap_or(attr);
                self.check_template(t, file, attr, at, live, &format!("a member of `{target}`"));
            }
            return;
        }
        if group_attributes(kind).contains(&name) {
            // `attributes` (and a group's `outputs`) takes the member attribute as path.
            if matches!(name, "attributes" | "outputs" | "outputs_list") {
                if let (Some((file, t)), Some(first)) = (member, path.first()) {
                    if let Value::Str(attr) = &first.value {
                        self.check_template(
                            t,
                            file,
                            attr,
                            first,
                            live,
                            &format!("a member of `{target}`"),
                        );
                    }
                }
            }
            return;
        }
        if let Some((file, t)) = member {
            self.check_template(t, file, name, at, live, &format!("a member of `{target}`"));
        }
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    let mut finder = Finder { cx, sink };
    walker.walk_resources_and_outputs(&mut finder);
}
