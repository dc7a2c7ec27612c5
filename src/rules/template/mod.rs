//! Rules about the template as a whole: version, sections.

pub mod cfn_not_checked;
mod empty_conditions;
pub mod missing_version;
pub mod not_a_mapping;
mod section_type;
mod template_size;
pub use template_size::TEMPLATE_SIZE;
mod unknown_section;
mod unknown_version;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &not_a_mapping::NOT_A_MAPPING,
    &missing_version::MISSING_VERSION,
    &unknown_version::UNKNOWN_VERSION,
    &cfn_not_checked::CFN_NOT_CHECKED,
    &unknown_section::UNKNOWN_SECTION,
    &section_type::SECTION_TYPE,
    &empty_conditions::EMPTY_CONDITIONS,
    &template_size::TEMPLATE_SIZE,
];

pub static CHECKS: &[TemplateCheck] = &[
    unknown_version::check,
    unknown_section::check,
    section_type::check,
    empty_conditions::check,
    template_size::check,
];
