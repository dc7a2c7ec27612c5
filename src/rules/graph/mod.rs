//! Rules about the dependency graph of a template's resources.

mod dependency_cycle;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[&dependency_cycle::DEPENDENCY_CYCLE];

pub static CHECKS: &[TemplateCheck] = &[dependency_cycle::check];
