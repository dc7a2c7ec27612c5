use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// A resource with both `external_id` and `depends_on`.
    ///
    /// ## Why is this bad?
    /// An external resource is adopted, not created, so it cannot wait for
    /// others. Heat refuses the template: `Invalid dependency with external
    /// OS::Neutron::Net resource: net-1234`.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   net:
    ///     type: OS::Neutron::Net
    ///     external_id: 2a1d-...
    ///     depends_on: router
    /// ```
    pub static EXTERNAL_ID_DEPENDS_ON = ("H307", "external-id-depends-on", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    let Some(version) = cx.template.version else {
        return;
    };
    if !version.has_resource_key("external_id") {
        return;
    }
    let walker = cx.walker();
    for r in &cx.template.resources {
        let (Some(external), Some(depends)) = (r.field("external_id"), r.field("depends_on"))
        else {
            continue;
        };
        let empty = depends
            .value
            .as_seq()
            .is_some_and(<[crate::syntax::Node]>::is_empty);
        if empty {
            continue;
        }
        sink.report_in(
            &EXTERNAL_ID_DEPENDS_ON,
            &walker.owner_liveness(r.def()),
            depends.key.span,
            format!(
                "resource `{}` has an `external_id`, so it cannot have `depends_on`",
                r.name
            ),
        )
        .related_here(external.key.span, "adopted here");
    }
}
