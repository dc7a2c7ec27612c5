//! Rules about resources: their definitions, names, dependencies and policies.

mod deletion_policy;
mod depends_on_target;
mod duplicate_name;
mod external_id_depends_on;
mod resource_definition;
mod resource_field_type;
mod resource_name;
mod too_many_resources;
mod unknown_resource_key;

use super::{RuleMeta, TemplateCheck};

pub static RULES: &[&RuleMeta] = &[
    &resource_definition::RESOURCE_DEFINITION,
    &unknown_resource_key::UNKNOWN_RESOURCE_KEY,
    &resource_field_type::RESOURCE_FIELD_TYPE,
    &resource_name::RESOURCE_NAME,
    &duplicate_name::DUPLICATE_NAME,
    &depends_on_target::DEPENDS_ON_TARGET,
    &external_id_depends_on::EXTERNAL_ID_DEPENDS_ON,
    &deletion_policy::DELETION_POLICY,
    &too_many_resources::TOO_MANY_RESOURCES,
];

pub static CHECKS: &[TemplateCheck] = &[
    resource_definition::check,
    unknown_resource_key::check,
    resource_field_type::check,
    resource_name::check,
    duplicate_name::check,
    depends_on_target::check,
    external_id_depends_on::check,
    deletion_policy::check,
    too_many_resources::check,
];
