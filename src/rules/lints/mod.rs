//! Lints: findings Heat has no opinion on.

mod unused_condition;
mod unused_parameter;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &unused_parameter::UNUSED_PARAMETER,
    &unused_condition::UNUSED_CONDITION,
];

pub static CHECKS: &[TemplateCheck] = &[unused_parameter::check, unused_condition::check];
