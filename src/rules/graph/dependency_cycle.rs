use crate::hot::walk::Liveness;
use crate::rules::{Context, Sink};

crate::declare_rule! {
    /// Resources that need each other, through `depends_on` or the implicit
    /// dependencies of `get_resource` and `get_attr` in properties and metadata.
    ///
    /// ## Why is this bad?
    /// Heat cannot order their creation and refuses the template: `Circular
    /// Dependency Found: {...}`. hotc reports one diagnostic per set of
    /// resources that need each other, with one example cycle and the place of
    /// each of its edges. An edge that exists only under other parameter values
    /// (inside an `if` branch not selected, or to a resource a condition
    /// disables) makes the cycle a warning that says so.
    ///
    /// ## Example
    /// ```yaml
    /// resources:
    ///   server:
    ///     type: OS::Nova::Server
    ///     properties:
    ///       networks: [{port: {get_resource: port}}]
    ///   port:
    ///     type: OS::Neutron::Port
    ///     depends_on: server
    /// ```
    pub static DEPENDENCY_CYCLE = ("H320", "dependency-cycle", Error);
}

pub fn check(cx: &Context, sink: &mut Sink) {
    for cycle in cx.graph.cycles() {
        let Some((_, _, first)) = cycle.example.first() else {
            continue;
        };
        let path: Vec<&str> = cycle
            .example
            .iter()
            .map(|(from, _, _)| *from)
            .chain(cycle.example.first().map(|(from, _, _)| *from))
            .collect();
        let members = cycle
            .members
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if cycle.members.len() == 1 {
            format!("resource {members} needs itself: {}", path.join(" → "))
        } else {
            format!("resources {members} need each other: {}", path.join(" → "))
        };
        let live = if cycle.live {
            Liveness::Live
        } else {
            cycle
                .example
                .iter()
                .find_map(|(_, _, e)| match &e.live {
                    Liveness::Conditional(why) => Some(Liveness::Conditional(why.clone())),
                    Liveness::Live => None,
                })
                .unwrap_or(Liveness::Live)
        };
        let d = sink.report_in(&DEPENDENCY_CYCLE, &live, first.span, message);
        for (from, to, edge) in cycle.example.iter().skip(1) {
            d.related_here(
                edge.span,
                format!("`{from}` needs `{to}` ({})", edge.kind.describe()),
            );
        }
        if let Some((from, to, edge)) = cycle.example.first() {
            d.help(format!(
                "this {} makes `{from}` need `{to}`; remove one edge of the cycle",
                edge.kind.describe()
            ));
        }
    }
}
