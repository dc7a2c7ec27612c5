//! Builds a catalog file from the facts read out of Heat:
//! `heat-resource-types.json` (every plugin type with its schemas, the custom
//! constraints, the default environment) completed by a supplement written by
//! `scripts/heat-catalog-supplement.py` (schemas the facts file leaves out,
//! and properties Heat moves into others before validating).
//!
//! `cargo run --example import-heat-catalog` runs it; see `stdlib/catalog/README.md`.

use serde_json::{Map, Value as Json};

use super::format::{self, Header};
use super::model::{
    Alias, AttributeSchema, CustomConstraintInfo, PropertySchema, PropertyType, ResourceType,
    Status, SupportStatus,
};
use crate::hot::constraints::Constraint;

/// Why the facts could not be turned into a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn fail<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

/// The catalog text for Heat's facts (`heat-resource-types.json`) and the
/// supplement (`heat-<version>-supplement.json`).
pub fn import(facts: &str, supplement: &str) -> Result<String, ImportError> {
    let mut facts: Json = serde_json::from_str(facts)
        .map_err(|e| ImportError(format!("heat-resource-types.json: {e}")))?;
    let supplement: Json =
        serde_json::from_str(supplement).map_err(|e| ImportError(format!("supplement: {e}")))?;
    if facts["format"] != "heat-resource-types/1" {
        return fail("heat-resource-types.json: expected format heat-resource-types/1");
    }
    if supplement["format"] != "hotc-heat-supplement/1" {
        return fail("supplement: expected format hotc-heat-supplement/1");
    }
    let version = facts["heat_version"]
        .as_str()
        .ok_or_else(|| ImportError("heat-resource-types.json: no heat_version".into()))?
        .to_string();
    if supplement["heat_version"] != version.as_str() {
        return fail(format!(
            "the supplement is for Heat {}, the facts for Heat {version}",
            supplement["heat_version"]
        ));
    }
    apply_supplement(&mut facts, &supplement)?;

    let mut custom_constraints = Vec::new();
    for (name, c) in object(&facts["custom_constraints"], "custom_constraints")? {
        custom_constraints.push(CustomConstraintInfo {
            name: name.clone(),
            needs_service: c["needs_service"].as_bool().unwrap_or(true),
            service: c["client"].as_str().map(str::to_string),
            test_only: c["test_only"].as_bool().unwrap_or(false),
        });
    }
    custom_constraints.sort_by(|a, b| a.name.cmp(&b.name));

    let mut aliases = Vec::new();
    let registry = &facts["default_environment"]["resource_registry"];
    for (name, target) in object(registry, "default_environment.resource_registry")? {
        let Some(target) = target.as_str() else {
            return fail(format!("default environment: {name} maps to a non-string"));
        };
        aliases.push(Alias {
            name: name.clone(),
            target: target.to_string(),
        });
    }
    aliases.sort_by(|a, b| a.name.cmp(&b.name));

    let mut types = Vec::new();
    for (name, t) in object(&facts["resource_types"], "resource_types")? {
        types.push(resource_type(name, t).map_err(|e| ImportError(format!("{name}: {}", e.0)))?);
    }
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let refs: Vec<&ResourceType> = types.iter().collect();
    Ok(format::write(
        &Header {
            name: &format!("heat-{version}"),
            heat_version: Some(&version),
        },
        &custom_constraints,
        &aliases,
        &refs,
    ))
}

fn object<'a>(value: &'a Json, what: &str) -> Result<&'a Map<String, Json>, ImportError> {
    value
        .as_object()
        .ok_or_else(|| ImportError(format!("{what}: expected an object")))
}

/// Adds the missing schemas, corrects defaults and marks replaced properties,
/// in the facts' own shape.
fn apply_supplement(facts: &mut Json, supplement: &Json) -> Result<(), ImportError> {
    for (section, apply) in [
        ("missing", Patch::Insert),
        ("defaults", Patch::Default),
        ("replaced_by", Patch::ReplacedBy),
    ] {
        for (type_name, entries) in object(&supplement[section], section)? {
            for (path, value) in object(entries, section)? {
                let ty = facts["resource_types"]
                    .get_mut(type_name)
                    .ok_or_else(|| ImportError(format!("supplement: no type {type_name}")))?;
                patch(ty, path, value, apply)
                    .map_err(|e| ImportError(format!("supplement: {type_name} {path}: {}", e.0)))?;
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Patch {
    Insert,
    Default,
    ReplacedBy,
}

fn patch(ty: &mut Json, path: &str, value: &Json, apply: Patch) -> Result<(), ImportError> {
    let mut segments = path.split('/');
    let section = segments.next().unwrap_or_default();
    if section != "properties" && section != "update_policy" {
        return fail("a path starts with properties/ or update_policy/");
    }
    let names: Vec<&str> = segments.collect();
    let Some((last, parents)) = names.split_last() else {
        return fail("empty path");
    };
    if ty[section].is_null() {
        ty[section] = Json::Object(Map::new());
    }
    let mut map = &mut ty[section];
    for name in parents {
        map = map
            .get_mut(*name)
            .ok_or_else(|| ImportError(format!("no property {name}")))?;
        map = map
            .get_mut("schema")
            .ok_or_else(|| ImportError(format!("{name} has no schema")))?;
    }
    let map = map
        .as_object_mut()
        .ok_or_else(|| ImportError("not a schema map".into()))?;
    match apply {
        Patch::Insert => {
            if map.contains_key(*last) {
                return fail("already present");
            }
            map.insert(last.to_string(), value.clone());
        }
        Patch::Default | Patch::ReplacedBy => {
            let property = map
                .get_mut(*last)
                .and_then(Json::as_object_mut)
                .ok_or_else(|| ImportError(format!("no property {last}")))?;
            let key = match apply {
                Patch::Default => "default",
                _ => "replaced_by",
            };
            property.insert(key.to_string(), value.clone());
        }
    }
    Ok(())
}

fn resource_type(name: &str, t: &Json) -> Result<ResourceType, ImportError> {
    let flag = |key: &str| t[key].as_bool().unwrap_or(false);
    let mut properties = schemas(&t["properties"])?;
    properties.sort_by(|a, b| a.name.cmp(&b.name));
    let mut update_policy = if t["update_policy"].is_null() {
        Vec::new()
    } else {
        schemas(&t["update_policy"])?
    };
    update_policy.sort_by(|a, b| a.name.cmp(&b.name));
    let mut attributes = Vec::new();
    for (attribute, a) in object(&t["attributes"], "attributes")? {
        let kind = match a["type"].as_str() {
            None => None,
            Some(ty) => Some(
                PropertyType::parse(ty)
                    .ok_or_else(|| ImportError(format!("attribute {attribute}: type {ty}")))?,
            ),
        };
        attributes.push(AttributeSchema {
            name: attribute.clone(),
            kind,
            support: support(&a["support_status"])?,
        });
    }
    attributes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ResourceType {
        name: name.to_string(),
        support: support(&t["support_status"])?,
        properties,
        attributes,
        update_policy,
        dynamic_attributes: flag("dynamic_attributes"),
        accepts_any_properties: flag("accepts_any_properties"),
        removed_placeholder: flag("removed_placeholder"),
        supports_snapshot_deletion_policy: flag("supports_snapshot_deletion_policy"),
    })
}

fn schemas(map: &Json) -> Result<Vec<PropertySchema>, ImportError> {
    let mut out = Vec::new();
    for (name, p) in object(map, "properties")? {
        out.push(schema(name, p).map_err(|e| ImportError(format!("{name}: {}", e.0)))?);
    }
    Ok(out)
}

fn schema(name: &str, p: &Json) -> Result<PropertySchema, ImportError> {
    let ty = p["type"].as_str().unwrap_or_default();
    let kind = PropertyType::parse(ty).ok_or_else(|| ImportError(format!("type {ty:?}")))?;
    let mut constraints = Vec::new();
    for c in p["constraints"].as_array().into_iter().flatten() {
        constraints.push(constraint(c)?);
    }
    let mut item = None;
    let mut keys = None;
    if let Some(nested) = p.get("schema").filter(|s| !s.is_null()) {
        let mut nested = schemas(nested)?;
        nested.sort_by(|a, b| a.name.cmp(&b.name));
        match kind {
            PropertyType::List => match nested.pop() {
                Some(items) if nested.is_empty() && items.name == "*" => {
                    item = Some(Box::new(items))
                }
                _ => return fail("a list schema other than `*`"),
            },
            PropertyType::Map => keys = Some(nested),
            _ => return fail(format!("a schema on a {kind} property")),
        }
    }
    Ok(PropertySchema {
        name: name.to_string(),
        kind,
        required: p["required"].as_bool().unwrap_or(false),
        default: match &p["default"] {
            Json::Null => None,
            other => Some(other.clone()),
        },
        constraints,
        item,
        keys,
        update_allowed: p["update_allowed"].as_bool().unwrap_or(false),
        immutable: p["immutable"].as_bool().unwrap_or(false),
        implemented: p["implemented"].as_bool().unwrap_or(true),
        replaced_by: p["replaced_by"].as_str().map(str::to_string),
        support: support(&p["support_status"])?,
        allow_conversion: false,
    })
}

fn constraint(c: &Json) -> Result<Constraint, ImportError> {
    let number = |key: &str| c[key].as_number().cloned();
    let integer = |key: &str| c[key].as_i64();
    Ok(match c["kind"].as_str().unwrap_or_default() {
        "range" => Constraint::Range {
            min: number("min"),
            max: number("max"),
        },
        "length" => Constraint::Length {
            min: integer("min"),
            max: integer("max"),
        },
        "modulo" => Constraint::Modulo {
            step: integer("step").unwrap_or(1),
            offset: integer("offset").unwrap_or(0),
        },
        "allowed_values" => {
            Constraint::AllowedValues(c["values"].as_array().cloned().unwrap_or_default())
        }
        "allowed_pattern" => {
            Constraint::AllowedPattern(c["pattern"].as_str().unwrap_or_default().to_string())
        }
        "custom_constraint" => {
            Constraint::Custom(c["name"].as_str().unwrap_or_default().to_string())
        }
        other => return fail(format!("constraint kind {other:?}")),
    })
}

fn support(s: &Json) -> Result<SupportStatus, ImportError> {
    if s.is_null() {
        return Ok(SupportStatus::supported());
    }
    let status = s["status"].as_str().unwrap_or_default();
    let status = Status::parse(&status.to_lowercase())
        .ok_or_else(|| ImportError(format!("support status {status:?}")))?;
    Ok(SupportStatus {
        status,
        version: s["version"].as_str().map(str::to_string),
        substitute: s["substitute_class"].as_str().map(str::to_string),
        // Heat's messages are prose; the facts file does not carry them.
        message: None,
        previous: match &s["previous_status"] {
            Json::Null => None,
            p => Some(Box::new(support(p)?)),
        },
    })
}
