//! Rules about outputs.

mod output_definition;
mod unknown_output_key;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &output_definition::OUTPUT_DEFINITION,
    &unknown_output_key::UNKNOWN_OUTPUT_KEY,
];

pub static CHECKS: &[TemplateCheck] = &[output_definition::check, unknown_output_key::check];
