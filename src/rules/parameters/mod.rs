//! Rules about parameters: their definitions, constraints, defaults and the
//! values given for them.

mod constraint_format;
mod constraint_not_for_type;
mod default_type;
mod default_violates_constraint;
mod ignored_constraint;
mod parameter_definition;
mod parameter_groups;
mod parameter_type;
mod parameter_value;
mod unchecked_pattern;
mod undeclared_supplied_parameter;
mod unknown_parameter_key;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &parameter_definition::PARAMETER_DEFINITION,
    &parameter_type::PARAMETER_TYPE,
    &unknown_parameter_key::UNKNOWN_PARAMETER_KEY,
    &constraint_format::CONSTRAINT_FORMAT,
    &constraint_not_for_type::CONSTRAINT_NOT_FOR_TYPE,
    &default_type::DEFAULT_TYPE,
    &default_violates_constraint::DEFAULT_VIOLATES_CONSTRAINT,
    &parameter_value::PARAMETER_VALUE,
    &undeclared_supplied_parameter::UNDECLARED_SUPPLIED_PARAMETER,
    &parameter_groups::PARAMETER_GROUPS,
    &ignored_constraint::IGNORED_CONSTRAINT,
    &unchecked_pattern::UNCHECKED_PATTERN,
];

pub static CHECKS: &[TemplateCheck] = &[
    parameter_definition::check,
    parameter_type::check,
    unknown_parameter_key::check,
    constraint_format::check,
    constraint_not_for_type::check,
    default_type::check,
    default_violates_constraint::check,
    parameter_value::check,
    undeclared_supplied_parameter::check,
    parameter_groups::check,
    ignored_constraint::check,
    unchecked_pattern::check,
];
