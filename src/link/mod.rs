//! Linking: from each stack's root template, every stack Heat would create —
//! template resources (`type: x.yaml`, or a type the registry maps to a file),
//! the members of ResourceGroup, AutoScalingGroup and ResourceChain — each
//! with the values its parent gives it, as *instances*. Identical instances
//! (same file, environment, liveness and the inputs that can change what is
//! checked) are one *unit*, checked once.
//!
//! Linking also records how every resource's type resolves, so the rules can
//! check a parent against its nested templates, and finds include cycles and
//! nesting deeper than Heat's limit.

mod members;
pub mod types;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value as Json;

pub use members::{GroupKind, Member};
pub use types::{Resolved, TypeSource};

use crate::diagnostics::Diagnostic;
use crate::hot::Template;
use crate::hot::conditions::Evaluator;
use crate::hot::environment::Environment;
use crate::hot::functions::{Context as FnContext, as_call};
use crate::hot::inputs::{Given, StackInputs, ValueOrigin};
use crate::hot::parameters::EffectiveValues;
use crate::hot::values::StaticEvaluator;
use crate::hot::walk::{Liveness, Walker};
use crate::rules::context::Limits;
use crate::source::{FileId, Span};
use crate::syntax::{Node, Value};

/// Nesting followed at most this deep, whatever the configured limit.
pub const HARD_DEPTH: usize = 32;
/// Instances expanded at most per stack (a budget against hostile trees).
pub const MAX_INSTANCES: usize = 20_000;

/// A stack to link: a root template, its environment and its inputs.
pub struct StackRoot {
    pub file: FileId,
    pub environment: Arc<Environment>,
    pub inputs: StackInputs,
}

/// How a unit came to be: the resource in the parent that creates it.
#[derive(Clone, Debug)]
pub struct Parent {
    pub file: FileId,
    pub resource: String,
    /// The span of the type (or member type) in the parent.
    pub span: Span,
}

/// One template to check with one set of inputs.
pub struct Unit<'d> {
    pub file: FileId,
    pub environment: Arc<Environment>,
    pub inputs: Arc<StackInputs>,
    /// Whether the stack exists with the effective values of its ancestors.
    pub live: Liveness,
    pub parent: Option<Parent>,
    pub depth: usize,
    /// How each resource's type resolves, by resource name.
    pub resolved: HashMap<&'d str, Resolved<'d>>,
}

/// The result of linking.
pub struct Linked<'d> {
    pub units: Vec<Unit<'d>>,
    /// Include cycles, nesting too deep, registry loops.
    pub diagnostics: Vec<Diagnostic>,
}

/// What the linker reads: the templates (by file) and where they are.
pub struct Tree<'a, 'd> {
    pub templates: &'a [Option<Template<'d>>],
    pub paths: &'a [PathBuf],
    /// How each file is shown in messages.
    pub names: &'a [String],
    /// The resource types: Heat's, under the project's own.
    pub catalogs: &'a crate::catalog::CatalogSet<'a>,
    pub find: &'a (dyn Fn(&Path) -> Option<FileId> + Sync),
}

/// A stack a resource creates: the template, the span that names it, the
/// properties given, and the index variable a group replaces.
type NestedStack<'d> = (FileId, Span, Option<&'d Node>, Option<(String, String)>);

struct Instance {
    file: FileId,
    environment: Arc<Environment>,
    environment_id: usize,
    inputs: Arc<StackInputs>,
    live: Liveness,
    parent: Option<Parent>,
    /// Files from the root to here, with the span of the reference in each
    /// parent (for cycle messages).
    chain: Vec<(FileId, Span)>,
}

/// Links every stack; units are in a deterministic order.
pub fn link<'d>(tree: &Tree<'_, 'd>, stacks: Vec<StackRoot>, limits: &Limits) -> Linked<'d> {
    let mut units: Vec<Unit<'d>> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut reported_cycles: HashSet<Vec<(FileId, Span)>> = HashSet::new();
    let mut relevant_cache: HashMap<FileId, Arc<Vec<String>>> = HashMap::new();
    for (environment_id, stack) in stacks.into_iter().enumerate() {
        let mut queue = vec![Instance {
            file: stack.file,
            environment: stack.environment,
            environment_id,
            inputs: Arc::new(stack.inputs),
            live: Liveness::Live,
            parent: None,
            chain: vec![(stack.file, Span::default())],
        }];
        let mut expanded = 0;
        while let Some(instance) = queue.pop() {
            let Some(Some(template)) = tree.templates.get(instance.file.0 as usize) else {
                continue;
            };
            expanded += 1;
            if expanded > MAX_INSTANCES {
                // The reference that nests this stack, in its parent.
                let span = instance.chain.last().map_or(Span::default(), |c| c.1);
                let nesting = instance
                    .chain
                    .len()
                    .checked_sub(2)
                    .and_then(|i| instance.chain.get(i))
                    .map_or(instance.file, |(parent, _)| *parent);
                crate::rules::tree::instance_limit::report(
                    stack.file,
                    nesting,
                    span,
                    MAX_INSTANCES,
                    &mut diagnostics,
                );
                break;
            }
            let relevant = relevant_cache
                .entry(instance.file)
                .or_insert_with(|| Arc::new(relevant_parameters(template)))
                .clone();
            let key = signature(&instance, &relevant);
            if !seen.insert(key) {
                continue;
            }
            let values = EffectiveValues::compute(template, &instance.inputs);
            let evaluator = Evaluator::new(template, &values);
            let walker = Walker {
                template,
                evaluator: &evaluator,
                condition_liveness: None,
                owner_conditions: true,
            };
            let statics = StaticEvaluator {
                template,
                values: &values,
                conditions: &evaluator,
            };
            let path = &tree.paths[instance.file.0 as usize];
            let mut resolved: HashMap<&'d str, Resolved<'d>> = HashMap::new();
            let mut children: Vec<Instance> = Vec::new();
            for r in &template.resources {
                let value_of = |n: &Node| statics.value(n);
                let Some(resolution) = types::resolve_resource(
                    r,
                    path,
                    &instance.environment,
                    tree,
                    template,
                    &value_of,
                ) else {
                    continue;
                };
                let enabled = walker.enabled(r.def());
                let live = match (&instance.live, enabled) {
                    (Liveness::Live, enabled) => enabled,
                    (other, _) => other.clone(),
                };
                // The stacks this resource creates.
                let mut nested: Vec<NestedStack<'d>> = Vec::new();
                if let Some(file) = resolution.template_file() {
                    nested.push((file, resolution.span, r.get("properties"), None));
                }
                for m in &resolution.members {
                    if let Some(file) = m.resolved.template_file() {
                        let index = m.index_var.clone().map(|v| (v, "0".to_string()));
                        nested.push((file, m.resolved.span, m.properties, index));
                    }
                }
                for (file, span, properties, index) in nested {
                    if let Some(at) = instance.chain.iter().position(|(f, _)| *f == file) {
                        let mut cycle: Vec<(FileId, Span)> = instance.chain[at..].to_vec();
                        // Each edge: the parent file and the span that nests the next.
                        let mut edges: Vec<(FileId, Span)> = Vec::new();
                        for w in cycle.windows(2) {
                            edges.push((w[0].0, w[1].1));
                        }
                        edges.push((instance.file, span));
                        cycle.clear();
                        crate::rules::tree::include_cycle::report(
                            tree,
                            &edges,
                            &mut reported_cycles,
                            &mut diagnostics,
                        );
                        continue;
                    }
                    let depth = instance.chain.len();
                    if depth == limits.max_nested_depth + 1 {
                        crate::rules::tree::nesting_too_deep::report(
                            tree,
                            &instance.chain,
                            instance.file,
                            span,
                            limits,
                            &mut diagnostics,
                        );
                    }
                    if depth > HARD_DEPTH {
                        continue;
                    }
                    let inputs = child_inputs(
                        &statics,
                        template.version,
                        instance.file,
                        properties,
                        index.as_ref(),
                        &instance.inputs,
                    );
                    let mut chain = instance.chain.clone();
                    chain.push((file, span));
                    children.push(Instance {
                        file,
                        environment: instance.environment.clone(),
                        environment_id: instance.environment_id,
                        inputs: Arc::new(inputs),
                        live: live.clone(),
                        parent: Some(Parent {
                            file: instance.file,
                            resource: r.name.to_string(),
                            span,
                        }),
                        chain,
                    });
                }
                resolved.insert(r.name, resolution);
            }
            units.push(Unit {
                file: instance.file,
                environment: instance.environment.clone(),
                inputs: instance.inputs.clone(),
                live: instance.live.clone(),
                parent: instance.parent.clone(),
                depth: instance.chain.len() - 1,
                resolved,
            });
            // Depth first, in template order.
            children.reverse();
            queue.extend(children);
        }
    }
    Linked { units, diagnostics }
}

/// The parameters whose values can change what is checked in a template:
/// those that conditions and `deletion_policy` read.
fn relevant_parameters(template: &Template) -> Vec<String> {
    let Some(version) = template.version else {
        return Vec::new();
    };
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<(&Node, bool)> = Vec::new();
    for c in &template.conditions {
        stack.push((c.def(), true));
    }
    for r in &template.resources {
        if let Some(c) = r.get("condition") {
            stack.push((c, true));
        }
        if let Some(d) = r.get("deletion_policy") {
            stack.push((d, true));
        }
        for field in ["properties", "metadata"] {
            if let Some(p) = r.get(field) {
                stack.push((p, false));
            }
        }
    }
    for o in &template.outputs {
        if let Some(c) = o.get("condition") {
            stack.push((c, true));
        }
        if let Some(v) = o.get("value") {
            stack.push((v, false));
        }
    }
    let mut visited = 0usize;
    while let Some((node, in_condition)) = stack.pop() {
        visited += 1;
        if visited > 1_000_000 {
            break;
        }
        let context = if in_condition {
            FnContext::Condition
        } else {
            FnContext::Normal
        };
        if let Some(call) = as_call(node, version, context) {
            if call.name == "get_param" && in_condition {
                let name = match &call.args.value {
                    Value::Seq(items) => items.first().and_then(Node::as_str),
                    _ => call.args.as_str(),
                };
                if let Some(n) = name {
                    out.insert(n.to_string());
                }
            }
            if call.name == "if" && !in_condition {
                if let Some(args) = call.args.as_seq() {
                    if let Some(first) = args.first() {
                        stack.push((first, true));
                    }
                    for branch in &args[1..] {
                        stack.push((branch, false));
                    }
                }
                continue;
            }
            stack.push((call.args, in_condition));
            continue;
        }
        match &node.value {
            Value::Seq(items) => stack.extend(items.iter().map(|i| (i, in_condition))),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| (&e.value, in_condition))),
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// The key that makes two instances one unit.
fn signature(instance: &Instance, relevant: &[String]) -> String {
    let mut key = format!(
        "{}|{}|{}|{}|",
        instance.file.0,
        instance.environment_id,
        instance.inputs.is_root,
        instance.live.is_live()
    );
    let show = |g: Option<&Given>| match g {
        Some(g) => serde_json::to_string(&g.value).unwrap_or_default(),
        None => String::new(),
    };
    if instance.inputs.is_root {
        // A root's given values are checked themselves: all of them count.
        let mut names: Vec<&String> = instance.inputs.supplied.keys().collect();
        names.sort();
        for n in names {
            key.push_str(&format!("{n}={};", show(instance.inputs.supplied.get(n))));
        }
    } else {
        for n in relevant {
            if instance.inputs.supplied_unknown.contains(n) {
                key.push_str(&format!("{n}=?;"));
            } else {
                key.push_str(&format!(
                    "{n}={}/{};",
                    show(instance.inputs.supplied.get(n)),
                    show(instance.inputs.parameter_defaults.get(n))
                ));
            }
        }
        // Which parameters are given at all changes the required-parameter checks.
        let mut names: Vec<&String> = instance
            .inputs
            .supplied
            .keys()
            .chain(instance.inputs.supplied_unknown.iter())
            .collect();
        names.sort();
        key.push('#');
        for n in names {
            key.push_str(n);
            key.push(',');
        }
    }
    key
}

/// The inputs of a nested stack: the parent's properties, known or not, and
/// the tree's parameter_defaults.
fn child_inputs(
    statics: &StaticEvaluator,
    version: Option<&'static crate::grammar::VersionSpec>,
    parent_file: FileId,
    properties: Option<&Node>,
    index: Option<&(String, String)>,
    parent: &StackInputs,
) -> StackInputs {
    let mut inputs = StackInputs {
        supplied: HashMap::new(),
        supplied_unknown: Vec::new(),
        parameter_defaults: parent.parameter_defaults.clone(),
        is_root: false,
    };
    let Some(entries) = properties.and_then(Node::as_map) else {
        return inputs;
    };
    for e in entries {
        // A null property is not passed down: the nested default applies.
        if e.value.is_null() {
            continue;
        }
        let value = match version {
            Some(_) => statics.value(&e.value),
            None => None,
        };
        match value {
            Some(mut v) => {
                if let Some((var, replacement)) = index {
                    replace_index(&mut v, var, replacement);
                }
                inputs.supplied.insert(
                    e.key_text.to_string(),
                    Given {
                        value: v,
                        origin: ValueOrigin::Property {
                            file: parent_file,
                            span: e.value.span,
                        },
                    },
                );
            }
            None => inputs.supplied_unknown.push(e.key_text.to_string()),
        }
    }
    inputs
}

/// ResourceGroup replaces its index variable in string values (not keys).
pub fn replace_index(value: &mut Json, var: &str, replacement: &str) {
    match value {
        Json::String(s) if s.contains(var) => *s = s.replace(var, replacement),
        Json::Array(items) => items
            .iter_mut()
            .for_each(|i| replace_index(i, var, replacement)),
        Json::Object(map) => map
            .values_mut()
            .for_each(|v| replace_index(v, var, replacement)),
        _ => {}
    }
}
