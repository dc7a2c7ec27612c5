//! Rules about functions.

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[];

pub static CHECKS: &[TemplateCheck] = &[];
