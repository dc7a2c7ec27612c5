//! Rules about conditions: their definitions, the names used, cycles.

mod condition_cycle;
mod condition_definition;
mod undefined_condition;

use std::collections::BTreeMap;

use super::{RuleMeta, TemplateCheck};
use crate::hot::conditions::{Finding, Met};
use crate::hot::walk::{ConditionUse, Liveness, Section};
use crate::rules::Context;

pub static RULES: &[&RuleMeta] = &[
    &condition_definition::CONDITION_DEFINITION,
    &undefined_condition::UNDEFINED_CONDITION,
    &condition_cycle::CONDITION_CYCLE,
];

pub static CHECKS: &[TemplateCheck] = &[
    condition_definition::check,
    undefined_condition::check,
    condition_cycle::check,
];

/// What Heat meets while it evaluates the conditions where they are used, one
/// entry per finding, with the liveness of the most live use that meets it.
pub(crate) fn findings(cx: &Context) -> Vec<(Finding, Liveness)> {
    let Some(version) = cx.template.version else {
        return Vec::new();
    };
    let mut found: BTreeMap<(u32, u32, String), (Finding, Liveness)> = BTreeMap::new();
    for u in &cx.conditions.uses {
        if !applies(u, version) {
            continue;
        }
        let analysis = cx.evaluator.analyze(u.node);
        for Met { finding, certain } in analysis.findings {
            let live = match (&u.live, certain) {
                (Liveness::Live, true) => Liveness::Live,
                (Liveness::Live, false) => Liveness::Conditional(
                    "Heat meets it only when an operand of `and`/`or` that hotc cannot evaluate does not decide first"
                        .into(),
                ),
                (other, _) => other.clone(),
            };
            let span = finding.span();
            let key = (span.start, span.end, format!("{finding:?}"));
            match found.get(&key) {
                Some((_, Liveness::Live)) => {}
                Some(_) if !live.is_live() => {}
                _ => {
                    found.insert(key, (finding, live));
                }
            }
        }
    }
    found.into_values().collect()
}

/// Whether Heat evaluates this use in the template's version.
fn applies(u: &ConditionUse, version: &crate::grammar::VersionSpec) -> bool {
    match u.section {
        _ if u.via_if => true,
        Section::Resources => version.has_resource_key("condition"),
        Section::Outputs => version.has_output_key("condition"),
        Section::Conditions => true,
    }
}
