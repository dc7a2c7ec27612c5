//! Graphs over the model: the dependency graph of a template's resources
//! (explicit `depends_on` plus the implicit edges of `get_resource` and
//! `get_attr` in properties and metadata, as Heat builds it).

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::hot::Template;
use crate::hot::functions::{Call, Context as FnContext, Status};
use crate::hot::walk::{Liveness, Section, Site, Visitor, Walker};
use crate::source::Span;
use crate::syntax::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    DependsOn,
    GetResource,
    GetAttr,
}

impl EdgeKind {
    pub fn describe(self) -> &'static str {
        match self {
            EdgeKind::DependsOn => "depends_on",
            EdgeKind::GetResource => "get_resource",
            EdgeKind::GetAttr => "get_attr",
        }
    }
}

/// `from` needs `to`: it is created after it.
#[derive(Clone, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    /// The span of the target's name where the edge is written.
    pub span: Span,
    /// Whether the edge exists with the effective parameter values.
    pub live: Liveness,
}

/// The resources of one template and what each needs.
pub struct ResourceGraph<'d> {
    pub graph: DiGraph<&'d str, Edge>,
    index: HashMap<&'d str, NodeIndex>,
}

/// A set of resources that need each other (a strongly connected component).
#[derive(Clone, Debug)]
pub struct Cycle<'d> {
    /// The members, in template order.
    pub members: Vec<&'d str>,
    /// One cycle through them: each edge as (from, to, edge).
    pub example: Vec<(&'d str, &'d str, Edge)>,
    /// Whether the cycle exists with the effective parameter values.
    pub live: bool,
}

impl<'d> ResourceGraph<'d> {
    pub fn build(template: &Template<'d>, walker: &Walker<'_, 'd>) -> ResourceGraph<'d> {
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        for r in &template.resources {
            index
                .entry(r.name)
                .or_insert_with(|| graph.add_node(r.name));
        }
        let mut out = ResourceGraph { graph, index };
        // Explicit edges.
        for r in &template.resources {
            let owner = walker.owner_liveness(r.def());
            let Some(depends_on) = r.get("depends_on") else {
                continue;
            };
            let targets: Vec<&crate::syntax::Node> = match &depends_on.value {
                Value::Str(_) => vec![depends_on],
                Value::Seq(items) => items.iter().collect(),
                _ => continue,
            };
            for t in targets {
                if let Some(name) = t.as_str() {
                    out.add(
                        template,
                        walker,
                        r.name,
                        name,
                        EdgeKind::DependsOn,
                        t.span,
                        owner.clone(),
                    );
                }
            }
        }
        // Implicit edges.
        struct Implicit<'g, 'w, 't, 'd> {
            edges: Vec<(&'d str, &'d str, EdgeKind, Span, Liveness)>,
            walker: &'w Walker<'t, 'd>,
            _g: std::marker::PhantomData<&'g ()>,
        }
        impl<'d> Visitor<'d> for Implicit<'_, '_, '_, 'd> {
            fn call(
                &mut self,
                call: &Call<'d>,
                context: FnContext,
                site: &Site<'d>,
                live: &Liveness,
            ) {
                let _ = self.walker;
                if site.section != Section::Resources
                    || !matches!(site.field, "properties" | "metadata")
                    || context != FnContext::Normal
                    || call.status != Status::Available
                {
                    return;
                }
                let (kind, target) = match call.name {
                    "get_resource" => (EdgeKind::GetResource, Some(call.args)),
                    "get_attr" => (
                        EdgeKind::GetAttr,
                        match &call.args.value {
                            Value::Seq(items) => items.first(),
                            Value::Str(_) => Some(call.args),
                            _ => None,
                        },
                    ),
                    _ => return,
                };
                if let Some(name) = target.and_then(|t| t.as_str()) {
                    let span = target.map(|t| t.span).unwrap_or_default();
                    self.edges
                        .push((site.owner, name, kind, span, live.clone()));
                }
            }
        }
        let mut implicit = Implicit {
            edges: Vec::new(),
            walker,
            _g: std::marker::PhantomData,
        };
        walker.walk_resources_and_outputs(&mut implicit);
        for (from, to, kind, span, live) in implicit.edges {
            out.add(template, walker, from, to, kind, span, live);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        template: &Template<'d>,
        walker: &Walker<'_, 'd>,
        from: &'d str,
        to: &'d str,
        kind: EdgeKind,
        span: Span,
        live: Liveness,
    ) {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else {
            return;
        };
        // An edge to a resource that a condition disables does not exist.
        let target_live = template
            .resource(to)
            .map(|r| walker.owner_liveness(r.def()))
            .unwrap_or(Liveness::Live);
        let live = match (live, target_live) {
            (Liveness::Live, Liveness::Live) => Liveness::Live,
            (Liveness::Conditional(w), _) | (_, Liveness::Conditional(w)) => {
                Liveness::Conditional(w)
            }
        };
        self.graph.add_edge(a, b, Edge { kind, span, live });
    }

    pub fn node(&self, name: &str) -> Option<NodeIndex> {
        self.index.get(name).copied()
    }

    /// Every set of resources that need each other, each with one example cycle.
    /// A resource that needs itself through `depends_on` is left to the rule
    /// that checks `depends_on` targets.
    pub fn cycles(&self) -> Vec<Cycle<'d>> {
        let mut found = Vec::new();
        for component in petgraph::algo::tarjan_scc(&self.graph) {
            let self_loop = component.len() == 1
                && self
                    .graph
                    .edges_connecting(component[0], component[0])
                    .any(|e| e.weight().kind != EdgeKind::DependsOn);
            if component.len() < 2 && !self_loop {
                continue;
            }
            let mut members: Vec<NodeIndex> = component.clone();
            members.sort();
            let live_cycle = self.example_cycle(&members, true);
            let example = live_cycle
                .clone()
                .or_else(|| self.example_cycle(&members, false))
                .unwrap_or_default();
            found.push(Cycle {
                members: members.iter().map(|&n| self.graph[n]).collect(),
                example,
                live: live_cycle.is_some(),
            });
        }
        found.sort_by_key(|c| c.members.first().and_then(|m| self.node(m)));
        found
    }

    /// A shortest cycle through the first member, inside the component, using
    /// only live edges when `live_only` (breadth-first, deterministic).
    fn example_cycle(
        &self,
        members: &[NodeIndex],
        live_only: bool,
    ) -> Option<Vec<(&'d str, &'d str, Edge)>> {
        use petgraph::visit::EdgeRef;
        let inside = |n: NodeIndex| members.contains(&n);
        for &start in members {
            let mut previous: HashMap<NodeIndex, (NodeIndex, petgraph::graph::EdgeIndex)> =
                HashMap::new();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut closing = None;
            'search: while let Some(n) = queue.pop_front() {
                let mut edges: Vec<_> = self.graph.edges(n).collect();
                edges.sort_by_key(|e| (e.target(), e.weight().span.start));
                for e in edges {
                    if !inside(e.target()) || (live_only && !e.weight().live.is_live()) {
                        continue;
                    }
                    if e.target() == start {
                        closing = Some((n, e.id()));
                        break 'search;
                    }
                    if let std::collections::hash_map::Entry::Vacant(v) = previous.entry(e.target())
                    {
                        v.insert((n, e.id()));
                        queue.push_back(e.target());
                    }
                }
            }
            let Some((last, closing_edge)) = closing else {
                continue;
            };
            let mut path = vec![closing_edge];
            let mut at = last;
            while at != start {
                let (prev, edge) = previous[&at];
                path.push(edge);
                at = prev;
            }
            path.reverse();
            return Some(
                path.into_iter()
                    .map(|e| {
                        let (a, b) = self.graph.edge_endpoints(e).unwrap_or((start, start));
                        (self.graph[a], self.graph[b], self.graph[e].clone())
                    })
                    .collect(),
            );
        }
        None
    }
}
