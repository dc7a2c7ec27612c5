use super::catalog_type;
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Site, Visitor};
use crate::link::TypeSource;
use crate::rules::{Context, Sink, nearest};
use crate::syntax::Node;

crate::declare_rule! {
    /// A `get_attr` of an attribute that the resource's type does not have,
    /// for types whose attributes are fixed.
    ///
    /// ## Why is this bad?
    /// Heat refuses the template: `resources.port.properties.value.get_attr:
    /// The Referenced Attribute (server first_adress) is incorrect.` Types whose
    /// attributes depend on what they run (template resources, groups,
    /// software deployments, `OS::Heat::None`) accept any name here, and inside
    /// the properties of a placeholder type Heat validates nothing.
    ///
    /// ## Example
    /// ```yaml
    /// outputs:
    ///   ip:
    ///     value: {get_attr: [server, first_adress]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    ///     value: {get_attr: [server, first_address]}
    /// ```
    pub static UNKNOWN_ATTRIBUTE = ("H812", "unknown-attribute", Error);
}

struct Finder<'c, 't, 'd> {
    cx: &'c Context<'t, 'd>,
    sink: &'c mut Sink,
}

impl<'d> Visitor<'d> for Finder<'_, '_, 'd> {
    fn call(&mut self, call: &Call<'d>, context: FnContext, site: &Site<'d>, live: &Liveness) {
        if call.name != "get_attr"
            || call.status != Status::Available
            || context != FnContext::Normal
        {
            return;
        }
        // Heat validates nothing inside the properties of a placeholder type
        // (it behaves like OS::Heat::None), functions included.
        if site.section == crate::hot::walk::Section::Resources {
            let placeholder = match self.cx.resolved(site.owner).map(|r| &r.source) {
                Some(TypeSource::Plugin(name)) => catalog_type(self.cx, name).is_some_and(|t| {
                    t.removed_placeholder || t.status() == crate::catalog::Status::Hidden
                }),
                _ => false,
            };
            if placeholder {
                return;
            }
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
        let Some(TypeSource::Plugin(type_name)) = self.cx.resolved(target).map(|r| &r.source)
        else {
            return;
        };
        let Some(ty) = catalog_type(self.cx, type_name) else {
            return;
        };
        if ty.dynamic_attributes || ty.accepts_attribute(name) {
            return;
        }
        let d = self.sink.report_in(
            &UNKNOWN_ATTRIBUTE,
            live,
            attribute.span,
            format!(
                "`{}` has no attribute `{name}` (resource `{target}`)",
                ty.name
            ),
        );
        match nearest(name, ty.attributes.iter().map(|a| a.name.as_str())) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!("`hotc types {}` lists its attributes", ty.name)),
        };
    }
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let walker = cx.walker();
    let mut finder = Finder { cx, sink };
    walker.walk_resources_and_outputs(&mut finder);
}
