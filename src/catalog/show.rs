//! What `hotc types` prints: the catalog's list of types, and one type the
//! way `openstack orchestration resource type show` shows it (properties with
//! their types, defaults, constraints and nested schemas; attributes).

use serde_json::{Map, Value as Json, json};

use super::{CatalogSet, PropertySchema, Resolved, ResourceType, Status, SupportStatus};
use crate::hot::constraints::Constraint;
use crate::hot::constraints::python_json;

/// What `hotc types NAME` finds for a name.
pub enum Lookup<'c> {
    /// A type of the catalog, possibly reached through an alias of Heat's
    /// global environment (`alias` is then the name asked for).
    Type {
        ty: &'c ResourceType,
        alias: Option<String>,
    },
    /// An alias of the global environment to a provider template.
    Template { name: String, url: &'c str },
    /// Unknown; the closest names.
    Unknown { suggestions: Vec<&'c str> },
}

pub fn lookup<'c>(set: &CatalogSet<'c>, name: &str) -> Lookup<'c> {
    if let Some(ty) = set.get(name) {
        return Lookup::Type { ty, alias: None };
    }
    match set.resolve(name) {
        Some(Resolved::Type(ty)) => Lookup::Type {
            ty,
            alias: Some(name.to_string()),
        },
        Some(Resolved::Template(url)) => Lookup::Template {
            name: name.to_string(),
            url,
        },
        None => Lookup::Unknown {
            suggestions: set.nearest(name, 3),
        },
    }
}

/// "supported since 2014.1", "hidden since 5.0.0 (deprecated since 2014.2)".
pub fn status_text(s: &SupportStatus) -> String {
    let one = |s: &SupportStatus| match &s.version {
        Some(v) => format!("{} since {}", s.status.name(), v.trim()),
        None => s.status.name().to_string(),
    };
    let mut text = one(s);
    let mut history = Vec::new();
    let mut previous = s.previous.as_deref();
    while let Some(p) = previous {
        if p.status != Status::Supported || p.version.is_some() {
            history.push(one(p));
        }
        previous = p.previous.as_deref();
    }
    if !history.is_empty() {
        text.push_str(&format!(" ({})", history.join(", ")));
    }
    if let Some(substitute) = &s.substitute {
        text.push_str(&format!("; use {substitute}"));
    }
    text
}

/// The human list: one type per line with its status.
pub fn list_human(set: &CatalogSet) -> String {
    let names = set.names();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for name in names {
        let Some(ty) = set.get(name) else { continue };
        out.push_str(&format!("{name:<width$}  {}\n", status_text(&ty.support)));
    }
    out
}

/// The JSON list.
pub fn list_json(set: &CatalogSet) -> String {
    let list: Vec<Json> = set
        .names()
        .into_iter()
        .filter_map(|name| set.get(name))
        .map(|ty| {
            json!({
                "resource_type": ty.name,
                "status": ty.support.status.heat_name(),
                "version": ty.support.version,
            })
        })
        .collect();
    pretty(&Json::Array(list))
}

fn pretty(value: &Json) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn constraint_text(c: &Constraint) -> String {
    let number = |n: &Option<serde_json::Number>| {
        n.as_ref()
            .map(|n| crate::hot::parameters::python_str(&Json::Number(n.clone())))
    };
    let bounds = |min: Option<String>, max: Option<String>| match (min, max) {
        (Some(a), Some(b)) => format!("{a}..{b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => String::new(),
    };
    match c {
        Constraint::Range { min, max } => format!("range {}", bounds(number(min), number(max))),
        Constraint::Length { min, max } => format!(
            "length {}",
            bounds(min.map(|m| m.to_string()), max.map(|m| m.to_string()))
        ),
        Constraint::Modulo { step, offset } => format!("modulo step {step} offset {offset}"),
        Constraint::AllowedValues(values) => format!(
            "allowed values {}",
            values
                .iter()
                .map(python_json)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Constraint::AllowedPattern(p) => {
            format!("pattern {}", python_json(&Json::String(p.clone())))
        }
        Constraint::Custom(name) => format!("custom constraint {name}"),
    }
}

/// A property's or attribute's status, when there is something to say.
fn status_fact(s: &SupportStatus) -> Option<String> {
    if s.status == Status::Supported && s.previous.is_none() && s.substitute.is_none() {
        s.version.as_ref().map(|v| format!("since {}", v.trim()))
    } else {
        Some(status_text(s))
    }
}

/// The facts shown after a property's type (required, default,
/// constraints, ...), as `hotc types NAME` and the editor's hover show them.
pub fn facts(p: &PropertySchema) -> Vec<String> {
    let mut facts = Vec::new();
    if p.required {
        facts.push("required".to_string());
    }
    if let Some(default) = &p.default {
        facts.push(format!("default {}", python_json(default)));
    }
    facts.extend(p.constraints.iter().map(constraint_text));
    if p.update_allowed {
        facts.push("update allowed".into());
    }
    if p.immutable {
        facts.push("immutable".into());
    }
    if !p.implemented {
        facts.push("not implemented".into());
    }
    if let Some(target) = &p.replaced_by {
        facts.push(format!("moved into {target}"));
    }
    if let Some(status) = status_fact(&p.support) {
        facts.push(status);
    }
    facts
}

/// Rows of the property table: (indented name, type, facts).
fn property_rows(p: &PropertySchema, depth: usize, rows: &mut Vec<(String, String, String)>) {
    rows.push((
        format!("{}{}", "  ".repeat(depth), p.name),
        p.kind.name().to_string(),
        facts(p).join("; "),
    ));
    if let Some(item) = &p.item {
        property_rows(item, depth + 1, rows);
    }
    for key in p.keys.iter().flatten() {
        property_rows(key, depth + 1, rows);
    }
}

fn table(rows: &[(String, String, String)], out: &mut String) {
    let name_width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let type_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    for (name, kind, facts) in rows {
        let line = format!("  {name:<name_width$}  {kind:<type_width$}  {facts}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// One type, for people.
pub fn show_human(ty: &ResourceType, alias: Option<&str>) -> String {
    let mut out = format!("{}  {}\n", ty.name, status_text(&ty.support));
    if let Some(alias) = alias {
        out.push_str(&format!(
            "  ({alias} is an alias of {} in Heat's global environment)\n",
            ty.name
        ));
    }
    let mut notes = Vec::new();
    if ty.removed_placeholder {
        notes.push(
            "the service is gone: Heat keeps this type as a placeholder that creates nothing",
        );
    }
    if ty.accepts_any_properties {
        notes.push("any property is accepted");
    }
    if ty.dynamic_attributes {
        notes.push("any attribute name is accepted by get_attr");
    }
    if ty.supports_snapshot_deletion_policy {
        notes.push("deletion_policy Snapshot is supported");
    }
    for note in notes {
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str("\nProperties:\n");
    if ty.properties.is_empty() {
        out.push_str("  (none)\n");
    } else {
        let mut rows = Vec::new();
        for p in &ty.properties {
            property_rows(p, 0, &mut rows);
        }
        table(&rows, &mut out);
    }
    out.push_str("\nAttributes:\n");
    let rows: Vec<(String, String, String)> = ty
        .attributes
        .iter()
        .map(|a| {
            let status = status_fact(&a.support).unwrap_or_default();
            (
                a.name.clone(),
                a.kind.map_or("", |k| k.name()).to_string(),
                status,
            )
        })
        .collect();
    table(&rows, &mut out);
    if !ty.update_policy.is_empty() {
        out.push_str("\nUpdate policy:\n");
        let mut rows = Vec::new();
        for p in &ty.update_policy {
            property_rows(p, 0, &mut rows);
        }
        table(&rows, &mut out);
    }
    out
}

fn support_json(s: &SupportStatus) -> Json {
    json!({
        "status": s.status.heat_name(),
        "version": s.version,
        "message": s.message,
        "substitute": s.substitute,
        "previous_status": s.previous.as_deref().map(support_json),
    })
}

fn constraint_json(c: &Constraint) -> Json {
    let mut bounds = Map::new();
    match c {
        Constraint::Range { min, max } => {
            if let Some(min) = min {
                bounds.insert("min".into(), Json::Number(min.clone()));
            }
            if let Some(max) = max {
                bounds.insert("max".into(), Json::Number(max.clone()));
            }
            json!({ "range": bounds })
        }
        Constraint::Length { min, max } => {
            if let Some(min) = min {
                bounds.insert("min".into(), json!(min));
            }
            if let Some(max) = max {
                bounds.insert("max".into(), json!(max));
            }
            json!({ "length": bounds })
        }
        Constraint::Modulo { step, offset } => json!({"modulo": {"step": step, "offset": offset}}),
        Constraint::AllowedValues(values) => json!({ "allowed_values": values }),
        Constraint::AllowedPattern(p) => json!({ "allowed_pattern": p }),
        Constraint::Custom(name) => json!({ "custom_constraint": name }),
    }
}

fn property_json(p: &PropertySchema) -> Json {
    let mut object = json!({
        "type": p.kind.name(),
        "required": p.required,
        "default": p.default,
        "constraints": p.constraints.iter().map(constraint_json).collect::<Vec<_>>(),
        "update_allowed": p.update_allowed,
        "immutable": p.immutable,
        "implemented": p.implemented,
        "support_status": support_json(&p.support),
    });
    if let Some(target) = &p.replaced_by {
        object["replaced_by"] = json!(target);
    }
    if let Some(item) = &p.item {
        object["schema"] = json!({ "*": property_json(item) });
    } else if let Some(keys) = &p.keys {
        let schema: Map<String, Json> = keys
            .iter()
            .map(|k| (k.name.clone(), property_json(k)))
            .collect();
        object["schema"] = Json::Object(schema);
    }
    object
}

/// One type as JSON, in the shape of Heat's resource type show.
pub fn show_json(ty: &ResourceType) -> String {
    let properties: Map<String, Json> = ty
        .properties
        .iter()
        .map(|p| (p.name.clone(), property_json(p)))
        .collect();
    let attributes: Map<String, Json> = ty
        .attributes
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                json!({"type": a.kind.map(|k| k.name()), "support_status": support_json(&a.support)}),
            )
        })
        .collect();
    let update_policy: Map<String, Json> = ty
        .update_policy
        .iter()
        .map(|p| (p.name.clone(), property_json(p)))
        .collect();
    pretty(&json!({
        "resource_type": ty.name,
        "support_status": support_json(&ty.support),
        "properties": properties,
        "attributes": attributes,
        "update_policy": update_policy,
        "dynamic_attributes": ty.dynamic_attributes,
        "accepts_any_properties": ty.accepts_any_properties,
        "removed_placeholder": ty.removed_placeholder,
        "supports_snapshot_deletion_policy": ty.supports_snapshot_deletion_policy,
    }))
}
