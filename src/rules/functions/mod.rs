//! Rules about intrinsic functions and the references they make.

mod function_arguments;
mod function_not_allowed_here;
mod looks_like_function;
mod removed_function;
mod undeclared_parameter;
pub(crate) mod unknown_resource_reference;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &undeclared_parameter::UNDECLARED_PARAMETER,
    &unknown_resource_reference::UNKNOWN_RESOURCE_REFERENCE,
    &function_arguments::FUNCTION_ARGUMENTS,
    &removed_function::REMOVED_FUNCTION,
    &function_not_allowed_here::FUNCTION_NOT_ALLOWED_HERE,
    &looks_like_function::LOOKS_LIKE_FUNCTION,
];

pub static CHECKS: &[TemplateCheck] = &[
    undeclared_parameter::check,
    unknown_resource_reference::check,
    function_arguments::check,
    removed_function::check,
    function_not_allowed_here::check,
    looks_like_function::check,
];
