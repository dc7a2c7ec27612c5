//! Rules about lints.

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[];

pub static CHECKS: &[TemplateCheck] = &[];
