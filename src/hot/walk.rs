//! Walking the values Heat parses for functions, with the context they are parsed
//! in and whether they are live with the effective parameter values.

use std::collections::HashMap;
use std::sync::Arc;

use super::Template;
use super::conditions::{Evaluator, Truth};
use super::functions::{Call, Context, Status, as_call};
use crate::syntax::{Node, Value};

/// Whether code takes part in the stack with the effective parameter values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Liveness {
    Live,
    /// Only under other parameter values; the text says when.
    Conditional(Arc<str>),
}

impl Liveness {
    pub fn is_live(&self) -> bool {
        matches!(self, Liveness::Live)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Conditions,
    Resources,
    Outputs,
}

/// Where a walked value stands.
#[derive(Clone, Copy, Debug)]
pub struct Site<'d> {
    pub section: Section,
    /// The resource, output or condition name.
    pub owner: &'d str,
    /// The field inside it (`properties`, `value`, ...), or "" for a condition.
    pub field: &'d str,
}

#[allow(unused_variables)]
pub trait Visitor<'d> {
    /// A function call (any status).
    fn call(&mut self, call: &Call<'d>, context: Context, site: &Site<'d>, live: &Liveness) {}
    /// A mapping with one key that Heat keeps as plain data.
    fn plain_one_key_map(
        &mut self,
        node: &'d Node,
        context: Context,
        site: &Site<'d>,
        live: &Liveness,
    ) {
    }
}

pub struct Walker<'t, 'd> {
    pub template: &'t Template<'d>,
    pub evaluator: &'t Evaluator<'t, 'd>,
    /// The liveness of each condition definition (whether Heat evaluates it);
    /// `None` walks every definition as live.
    pub condition_liveness: Option<&'t HashMap<String, Liveness>>,
    /// Whether a resource or output disabled by its condition is not live.
    /// Heat parses every resource (function shapes, `if` conditions) but
    /// validates only enabled ones (references, types, properties): walk with
    /// `false` for what Heat checks when it parses.
    pub owner_conditions: bool,
}

impl<'t, 'd> Walker<'t, 'd> {
    /// The liveness of a resource or output, from its `condition` field.
    pub fn owner_liveness(&self, def: &'d Node) -> Liveness {
        if !self.owner_conditions {
            return Liveness::Live;
        }
        self.enabled(def)
    }

    /// Whether a resource or output is enabled by its condition with the
    /// effective parameter values (whatever `owner_conditions` says).
    pub fn enabled(&self, def: &'d Node) -> Liveness {
        let Some(condition) = def.get("condition") else {
            return Liveness::Live;
        };
        match self.evaluator.reference(condition) {
            Truth::False => Liveness::Conditional(
                format!(
                    "its condition {} is false with the effective parameter values",
                    describe(condition)
                )
                .into(),
            ),
            _ => Liveness::Live,
        }
    }

    /// Walks every place of the template where Heat parses functions.
    pub fn walk_template(&self, visitor: &mut impl Visitor<'d>) {
        let Some(_version) = self.template.version else {
            return;
        };
        for c in &self.template.conditions {
            let site = Site {
                section: Section::Conditions,
                owner: c.name,
                field: "",
            };
            let live = match self.condition_liveness {
                None => Liveness::Live,
                Some(map) => map.get(c.name).cloned().unwrap_or_else(|| {
                    Liveness::Conditional(
                        format!(
                            "condition `{}` is never used, so Heat never evaluates it",
                            c.name
                        )
                        .into(),
                    )
                }),
            };
            self.walk(c.def(), Context::Condition, &site, &live, visitor);
        }
        self.walk_resources_and_outputs(visitor);
    }

    /// Walks the resources and outputs (not the `conditions` section).
    pub fn walk_resources_and_outputs(&self, visitor: &mut impl Visitor<'d>) {
        if self.template.version.is_none() {
            return;
        }
        for r in &self.template.resources {
            let live = self.owner_liveness(r.def());
            let Some(fields) = r.def().as_map() else {
                continue;
            };
            for field in fields {
                let context = match &*field.key_text {
                    "condition" => Context::Condition,
                    "type" | "properties" | "metadata" | "update_policy" | "deletion_policy"
                    | "external_id" => Context::Normal,
                    _ => continue,
                };
                let site = Site {
                    section: Section::Resources,
                    owner: r.name,
                    field: &field.key_text,
                };
                let field_live = if context == Context::Condition {
                    Liveness::Live
                } else {
                    live.clone()
                };
                self.walk(&field.value, context, &site, &field_live, visitor);
            }
        }
        for o in &self.template.outputs {
            let live = self.owner_liveness(o.def());
            let Some(fields) = o.def().as_map() else {
                continue;
            };
            for field in fields {
                let context = match &*field.key_text {
                    "condition" => Context::Condition,
                    "value" => Context::Normal,
                    _ => continue,
                };
                let site = Site {
                    section: Section::Outputs,
                    owner: o.name,
                    field: &field.key_text,
                };
                let field_live = if context == Context::Condition {
                    Liveness::Live
                } else {
                    live.clone()
                };
                self.walk(&field.value, context, &site, &field_live, visitor);
            }
        }
    }

    pub fn walk(
        &self,
        node: &'d Node,
        context: Context,
        site: &Site<'d>,
        live: &Liveness,
        visitor: &mut impl Visitor<'d>,
    ) {
        let Some(version) = self.template.version else {
            return;
        };
        if let Some(call) = as_call(node, version, context) {
            visitor.call(&call, context, site, live);
            if call.name == "if" && context == Context::Normal && call.status == Status::Available {
                self.walk_if(&call, site, live, visitor);
                return;
            }
            // Arguments are parsed with the same function table (condition
            // functions keep their context for their operands).
            self.walk(call.args, context, site, live, visitor);
            return;
        }
        match &node.value {
            Value::Map(entries) => {
                if entries.len() == 1 {
                    visitor.plain_one_key_map(node, context, site, live);
                }
                for e in entries {
                    self.walk(&e.value, context, site, live, visitor);
                }
            }
            Value::Seq(items) => {
                for item in items {
                    self.walk(item, context, site, live, visitor);
                }
            }
            _ => {}
        }
    }

    fn walk_if(
        &self,
        call: &Call<'d>,
        site: &Site<'d>,
        live: &Liveness,
        visitor: &mut impl Visitor<'d>,
    ) {
        let Some(args) = call.args.as_seq() else {
            self.walk(call.args, Context::Normal, site, live, visitor);
            return;
        };
        let Some(condition) = args.first() else {
            return;
        };
        self.walk(condition, Context::Condition, site, live, visitor);
        let truth = self.evaluator.reference(condition);
        for (i, branch) in args.iter().enumerate().skip(1) {
            let selected = match truth {
                Truth::Unknown => true,
                Truth::True => i == 1,
                Truth::False => i == 2,
            };
            let branch_live = if selected {
                live.clone()
            } else {
                match live {
                    Liveness::Conditional(_) => live.clone(),
                    Liveness::Live => Liveness::Conditional(
                        format!(
                            "this `if` branch is not selected: condition {} is {} with the effective parameter values",
                            describe(condition),
                            if truth == Truth::True { "true" } else { "false" }
                        )
                        .into(),
                    ),
                }
            };
            self.walk(branch, Context::Normal, site, &branch_live, visitor);
        }
    }
}

fn describe(condition: &Node) -> String {
    match &condition.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Bool(b) => format!("`{b}`"),
        _ => "(inline)".into(),
    }
}

/// A place where Heat evaluates a condition: a resource's or an output's
/// `condition`, or the first argument of `if`.
#[derive(Clone, Debug)]
pub struct ConditionUse<'d> {
    /// The reference: a name, a boolean or an inline condition function.
    pub node: &'d Node,
    pub live: Liveness,
    pub section: Section,
    pub owner: &'d str,
    /// The first argument of an `if` (else a `condition` field).
    pub via_if: bool,
}

/// Where conditions are used, and so which definitions Heat evaluates.
#[derive(Clone, Debug, Default)]
pub struct ConditionUsage<'d> {
    pub uses: Vec<ConditionUse<'d>>,
    /// Every defined condition that some use reaches, and whether a live use does.
    pub liveness: HashMap<String, Liveness>,
}

impl<'d> ConditionUsage<'d> {
    pub fn compute<'t>(template: &'t Template<'d>, evaluator: &'t Evaluator<'t, 'd>) -> Self {
        let mut uses = Vec::new();
        if template.version.is_none() {
            return ConditionUsage::default();
        }
        for (section, list) in [
            (Section::Resources, &template.resources),
            (Section::Outputs, &template.outputs),
        ] {
            for owner in list {
                if let Some(condition) = owner.get("condition") {
                    uses.push(ConditionUse {
                        node: condition,
                        live: Liveness::Live,
                        section,
                        owner: owner.name,
                        via_if: false,
                    });
                }
            }
        }
        struct Ifs<'d> {
            found: Vec<ConditionUse<'d>>,
        }
        impl<'d> Visitor<'d> for Ifs<'d> {
            fn call(
                &mut self,
                call: &Call<'d>,
                context: Context,
                site: &Site<'d>,
                live: &Liveness,
            ) {
                if call.name != "if"
                    || context != Context::Normal
                    || call.status != Status::Available
                {
                    return;
                }
                if let Some(first) = call.args.as_seq().and_then(|a| a.first()) {
                    self.found.push(ConditionUse {
                        node: first,
                        live: live.clone(),
                        section: site.section,
                        owner: site.owner,
                        via_if: true,
                    });
                }
            }
        }
        // Heat evaluates an `if` wherever it parses it, disabled resources included.
        let walker = Walker {
            template,
            evaluator,
            condition_liveness: None,
            owner_conditions: false,
        };
        let mut ifs = Ifs { found: Vec::new() };
        walker.walk_resources_and_outputs(&mut ifs);
        uses.extend(ifs.found);
        let mut liveness: HashMap<String, Liveness> = HashMap::new();
        for u in &uses {
            let analysis = evaluator.analyze(u.node);
            for name in analysis.reached {
                match liveness.get(&name) {
                    Some(Liveness::Live) => {}
                    _ if u.live.is_live() => {
                        liveness.insert(name, Liveness::Live);
                    }
                    Some(_) => {}
                    None => {
                        liveness.insert(name, u.live.clone());
                    }
                }
            }
        }
        ConditionUsage { uses, liveness }
    }
}
