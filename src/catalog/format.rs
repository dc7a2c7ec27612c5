//! The catalog file format: one JSON object per line, the first key of each
//! naming what the line is. `stdlib/catalog/README.md` documents it for users;
//! this module reads and writes it.
//!
//! ```text
//! {"catalog":"heat-27.0.1","format":1,"heat_version":"27.0.1"}
//! {"custom_constraint":"ip_addr","needs_service":false}
//! {"alias":"OS::Quantum*","target":"OS::Neutron*"}
//! {"resource_type":"OS::Heat::RandomString","support":{"status":"supported","version":"2014.1"}}
//! {"property":"length","type":"integer","default":32,"constraints":[{"range":{"min":1,"max":512}}]}
//! {"attribute":"value","type":"string"}
//! {"update_policy":"rolling_update","type":"map","schema":{"pause_time":{"type":"number"}}}
//! ```
//!
//! `property`, `attribute` and `update_policy` lines belong to the
//! `resource_type` line above them. Blank lines and lines starting with `#`
//! are ignored. Fields with their default value (false, empty, supported) are
//! left out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::model::{
    Alias, AttributeSchema, CustomConstraintInfo, PropertySchema, PropertyType, ResourceType,
    Status, SupportStatus,
};
use crate::hot::constraints::Constraint;

/// The version of the format this hotc reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A mistake in a catalog file, at a 1-based line and column (characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for CatalogError {}

/// What a line holds, from its first key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Header,
    CustomConstraint,
    Alias,
    ResourceType,
    Property,
    Attribute,
    UpdatePolicy,
}

impl Kind {
    fn from_key(key: &str) -> Option<Kind> {
        Some(match key {
            "catalog" => Kind::Header,
            "custom_constraint" => Kind::CustomConstraint,
            "alias" => Kind::Alias,
            "resource_type" => Kind::ResourceType,
            "property" => Kind::Property,
            "attribute" => Kind::Attribute,
            "update_policy" => Kind::UpdatePolicy,
            _ => return None,
        })
    }
}

const KIND_KEYS: &str =
    "catalog, custom_constraint, alias, resource_type, property, attribute or update_policy";

/// One line of a catalog text, with its position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'t> {
    /// 1-based.
    pub number: usize,
    /// Byte offset of the line's start in the text.
    pub start: usize,
    pub text: &'t str,
}

/// The lines that hold records (not blank, not comments).
pub(crate) fn record_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .filter_map(move |(i, raw)| {
            let line = Line {
                number: i + 1,
                start,
                text: raw.trim_end_matches(['\n', '\r']),
            };
            start += raw.len();
            let trimmed = line.text.trim_start();
            (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some(line)
        })
}

/// The record kind of a line, from its first key; the error is positioned.
pub(crate) fn kind_of(line: &Line) -> Result<Kind, CatalogError> {
    let key = first_key(line.text).ok_or_else(|| {
        error_at(
            line,
            0,
            format!("expected a JSON object whose first key is {KIND_KEYS}"),
        )
    })?;
    Kind::from_key(key).ok_or_else(|| {
        let at = line.text.find(key).unwrap_or(0);
        error_at(
            line,
            at,
            format!("unknown record `{key}`: the first key must be {KIND_KEYS}"),
        )
    })
}

/// The kind of a line written the way the importer writes it (no space
/// before the first key), without a full look at it.
pub(crate) fn quick_kind(text: &str) -> Option<Kind> {
    let rest = text.strip_prefix("{\"")?;
    let kind = match rest.as_bytes().first()? {
        b'p' if rest.starts_with("property\":") => Kind::Property,
        b'a' if rest.starts_with("attribute\":") => Kind::Attribute,
        b'a' if rest.starts_with("alias\":") => Kind::Alias,
        b'u' if rest.starts_with("update_policy\":") => Kind::UpdatePolicy,
        b'r' if rest.starts_with("resource_type\":") => Kind::ResourceType,
        b'c' if rest.starts_with("custom_constraint\":") => Kind::CustomConstraint,
        _ => return None,
    };
    Some(kind)
}

/// `{"key":` → `key` (keys of the format have no escapes).
fn first_key(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('{')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

/// The name of a `resource_type` line, read without parsing the whole line
/// when it is written the way the importer writes it.
pub(crate) fn quick_type_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(r#"{"resource_type":""#)?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

fn error_at(line: &Line, byte: usize, message: String) -> CatalogError {
    let byte = byte.min(line.text.len());
    CatalogError {
        line: line.number,
        column: line.text[..byte].chars().count() + 1,
        message,
    }
}

/// The column of `"key":` in a line, for messages about that field.
fn key_offset(line: &Line, key: &str) -> usize {
    line.text.find(&format!("\"{key}\"")).unwrap_or(0)
}

fn from_serde(line: &Line, e: serde_json::Error) -> CatalogError {
    // serde_json counts columns in bytes from 1 on the line it was given.
    let byte = e.column().saturating_sub(1);
    let mut byte = byte.min(line.text.len());
    while !line.text.is_char_boundary(byte) {
        byte -= 1;
    }
    // It points at the end of the offending token; a string is shown from its
    // opening quote.
    let bytes = line.text.as_bytes();
    if e.classify() == serde_json::error::Category::Data && bytes.get(byte) == Some(&b'"') {
        if let Some(open) = (0..byte)
            .rev()
            .find(|&i| bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\\'))
        {
            byte = open;
        }
    }
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    error_at(line, byte, message)
}

fn parse_line<'de, T: Deserialize<'de>>(line: &Line<'de>) -> Result<T, CatalogError> {
    serde_json::from_str(line.text).map_err(|e| from_serde(line, e))
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HeaderRecord {
    pub catalog: String,
    pub format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat_version: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomConstraintRecord {
    custom_constraint: String,
    needs_service: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    service: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    test_only: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasRecord {
    alias: String,
    target: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeRecord {
    resource_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportRecord>,
    #[serde(default, skip_serializing_if = "is_false")]
    dynamic_attributes: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    accepts_any_properties: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    removed_placeholder: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    supports_snapshot_deletion_policy: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributeRecord {
    attribute: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    kind: Option<TypeName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportRecord>,
}

/// A property line, an update-policy line, or (with neither name) a nested schema.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    property: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    update_policy: Option<String>,
    #[serde(rename = "type")]
    kind: TypeName,
    #[serde(default, skip_serializing_if = "is_false")]
    required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<Json>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    constraints: Vec<ConstraintRecord>,
    #[serde(default, skip_serializing_if = "is_false")]
    update_allowed: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    immutable: bool,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    implemented: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replaced_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schema: Option<BTreeMap<String, SchemaRecord>>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TypeName {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
    Any,
}

impl TypeName {
    fn to_type(self) -> PropertyType {
        match self {
            TypeName::String => PropertyType::String,
            TypeName::Integer => PropertyType::Integer,
            TypeName::Number => PropertyType::Number,
            TypeName::Boolean => PropertyType::Boolean,
            TypeName::List => PropertyType::List,
            TypeName::Map => PropertyType::Map,
            TypeName::Any => PropertyType::Any,
        }
    }

    fn of(ty: PropertyType) -> TypeName {
        match ty {
            PropertyType::String => TypeName::String,
            PropertyType::Integer => TypeName::Integer,
            PropertyType::Number => TypeName::Number,
            PropertyType::Boolean => TypeName::Boolean,
            PropertyType::List => TypeName::List,
            PropertyType::Map => TypeName::Map,
            PropertyType::Any => TypeName::Any,
        }
    }
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StatusName {
    Supported,
    Deprecated,
    Unsupported,
    Hidden,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportRecord {
    status: StatusName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    substitute: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous: Option<Box<SupportRecord>>,
}

/// One constraint, spelt as in a HOT parameter: exactly one kind key.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConstraintRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<RangeRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    length: Option<LengthRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modulo: Option<ModuloRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allowed_values: Option<Vec<Json>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allowed_pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_constraint: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<serde_json::Number>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LengthRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuloRecord {
    step: i64,
    offset: i64,
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

pub(crate) fn read_header(line: &Line) -> Result<HeaderRecord, CatalogError> {
    let header: HeaderRecord = parse_line(line)?;
    if header.format != FORMAT_VERSION {
        return Err(error_at(
            line,
            key_offset(line, "format"),
            format!(
                "catalog format {} is not supported (this hotc reads format {FORMAT_VERSION})",
                header.format
            ),
        ));
    }
    Ok(header)
}

pub(crate) fn read_custom_constraint(line: &Line) -> Result<CustomConstraintInfo, CatalogError> {
    let r: CustomConstraintRecord = parse_line(line)?;
    Ok(CustomConstraintInfo {
        name: r.custom_constraint,
        needs_service: r.needs_service,
        service: r.service,
        test_only: r.test_only,
    })
}

pub(crate) fn read_alias(line: &Line) -> Result<Alias, CatalogError> {
    let r: AliasRecord = parse_line(line)?;
    Ok(Alias {
        name: r.alias,
        target: r.target,
    })
}

/// The type line's fields; properties and attributes are added by [`read_member`].
pub(crate) fn read_type(line: &Line) -> Result<ResourceType, CatalogError> {
    let r: TypeRecord = parse_line(line)?;
    if r.resource_type.is_empty() {
        return Err(error_at(
            line,
            key_offset(line, "resource_type"),
            "a resource type needs a name".into(),
        ));
    }
    Ok(ResourceType {
        name: r.resource_type,
        support: support_of(r.support),
        properties: Vec::new(),
        attributes: Vec::new(),
        update_policy: Vec::new(),
        dynamic_attributes: r.dynamic_attributes,
        accepts_any_properties: r.accepts_any_properties,
        removed_placeholder: r.removed_placeholder,
        supports_snapshot_deletion_policy: r.supports_snapshot_deletion_policy,
    })
}

/// Adds a `property`, `attribute` or `update_policy` line to its type.
pub(crate) fn read_member(
    ty: &mut ResourceType,
    kind: Kind,
    line: &Line,
) -> Result<(), CatalogError> {
    let duplicate = |what: &str, name: &str| {
        error_at(
            line,
            0,
            format!("{what} `{name}` is declared twice for {}", ty.name),
        )
    };
    match kind {
        Kind::Attribute => {
            let r: AttributeRecord = parse_line(line)?;
            if ty.attribute(&r.attribute).is_some() {
                return Err(duplicate("attribute", &r.attribute));
            }
            ty.attributes.push(AttributeSchema {
                name: r.attribute,
                kind: r.kind.map(TypeName::to_type),
                support: support_of(r.support),
            });
        }
        Kind::Property | Kind::UpdatePolicy => {
            let r: SchemaRecord = parse_line(line)?;
            let (name, other) = match kind {
                Kind::Property => (r.property.clone(), "update_policy"),
                _ => (r.update_policy.clone(), "property"),
            };
            let name = name.unwrap_or_default();
            if r.property.is_some() && r.update_policy.is_some() {
                return Err(error_at(
                    line,
                    key_offset(line, other),
                    format!(
                        "a line is either a property or an update_policy, not both (`{other}`)"
                    ),
                ));
            }
            let schema = schema_of(name.clone(), r, line)?;
            let list = if kind == Kind::Property {
                &mut ty.properties
            } else {
                &mut ty.update_policy
            };
            if list.iter().any(|p| p.name == name) {
                let what = if kind == Kind::Property {
                    "property"
                } else {
                    "update_policy"
                };
                return Err(duplicate(what, &name));
            }
            list.push(schema);
        }
        _ => unreachable!("read_member is called for members only"),
    }
    Ok(())
}

fn support_of(record: Option<SupportRecord>) -> SupportStatus {
    match record {
        None => SupportStatus::supported(),
        Some(r) => SupportStatus {
            status: match r.status {
                StatusName::Supported => Status::Supported,
                StatusName::Deprecated => Status::Deprecated,
                StatusName::Unsupported => Status::Unsupported,
                StatusName::Hidden => Status::Hidden,
            },
            version: r.version,
            substitute: r.substitute,
            message: r.message,
            previous: r.previous.map(|p| Box::new(support_of(Some(*p)))),
        },
    }
}

fn schema_of(name: String, r: SchemaRecord, line: &Line) -> Result<PropertySchema, CatalogError> {
    let kind = r.kind.to_type();
    let mut constraints = Vec::with_capacity(r.constraints.len());
    for c in r.constraints {
        let constraint = constraint_of(c).map_err(|m| {
            error_at(
                line,
                key_offset(line, "constraints"),
                format!("{name}: {m}"),
            )
        })?;
        if !kind.allows(&constraint) {
            return Err(error_at(
                line,
                key_offset(line, "constraints"),
                format!(
                    "{name}: a {} constraint is not valid for a {kind} property",
                    constraint.key()
                ),
            ));
        }
        constraints.push(constraint);
    }
    let mut item = None;
    let mut keys = None;
    if let Some(schema) = r.schema {
        let at = key_offset(line, "schema");
        match kind {
            PropertyType::List => {
                let mut entries = schema.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((key, nested)), None) if key == "*" => {
                        item = Some(Box::new(nested_of(key, nested, line)?));
                    }
                    _ => {
                        return Err(error_at(
                            line,
                            at,
                            format!("{name}: a list's schema has one key, `*`, for its items"),
                        ));
                    }
                }
            }
            PropertyType::Map => {
                if schema.contains_key("*") {
                    return Err(error_at(
                        line,
                        at,
                        format!(
                            "{name}: `*` is a list's item schema; a map's schema names its keys"
                        ),
                    ));
                }
                let mut list = Vec::with_capacity(schema.len());
                for (key, nested) in schema {
                    list.push(nested_of(key, nested, line)?);
                }
                keys = Some(list);
            }
            _ => {
                return Err(error_at(
                    line,
                    at,
                    format!("{name}: only list and map properties have a schema, not {kind}"),
                ));
            }
        }
    }
    Ok(PropertySchema {
        name,
        kind,
        required: r.required,
        default: r.default,
        constraints,
        item,
        keys,
        update_allowed: r.update_allowed,
        immutable: r.immutable,
        implemented: r.implemented,
        replaced_by: r.replaced_by,
        support: support_of(r.support),
        allow_conversion: false,
    })
}

fn nested_of(key: String, r: SchemaRecord, line: &Line) -> Result<PropertySchema, CatalogError> {
    for (field, present) in [
        ("property", r.property.is_some()),
        ("update_policy", r.update_policy.is_some()),
    ] {
        if present {
            return Err(error_at(
                line,
                key_offset(line, field),
                format!("{key}: a nested schema has no `{field}` name (its key names it)"),
            ));
        }
    }
    schema_of(key, r, line)
}

fn constraint_of(c: ConstraintRecord) -> Result<Constraint, String> {
    let mut found = Vec::new();
    if let Some(r) = c.range {
        if r.min.is_none() && r.max.is_none() {
            return Err("a range constraint needs a min and/or a max".into());
        }
        found.push(Constraint::Range {
            min: r.min,
            max: r.max,
        });
    }
    if let Some(r) = c.length {
        if r.min.is_none() && r.max.is_none() {
            return Err("a length constraint needs a min and/or a max".into());
        }
        found.push(Constraint::Length {
            min: r.min,
            max: r.max,
        });
    }
    if let Some(ModuloRecord { step, offset }) = c.modulo {
        if step == 0 {
            return Err("a modulo step cannot be 0".into());
        }
        if offset.unsigned_abs() >= step.unsigned_abs()
            || (offset != 0 && (step < 0) != (offset < 0))
        {
            return Err("a modulo offset must be smaller than the step, with the same sign".into());
        }
        found.push(Constraint::Modulo { step, offset });
    }
    if let Some(values) = c.allowed_values {
        found.push(Constraint::AllowedValues(values));
    }
    if let Some(pattern) = c.allowed_pattern {
        found.push(Constraint::AllowedPattern(pattern));
    }
    if let Some(name) = c.custom_constraint {
        found.push(Constraint::Custom(name));
    }
    match (found.pop(), found.is_empty()) {
        (Some(one), true) => Ok(one),
        (None, _) => Err("a constraint needs one of range, length, modulo, allowed_values, allowed_pattern, custom_constraint".into()),
        (Some(_), false) => Err("a constraint has exactly one kind; write several constraints instead".into()),
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The header line's fields.
pub struct Header<'a> {
    pub name: &'a str,
    pub heat_version: Option<&'a str>,
}

/// Writes a whole catalog in the format, one record per line, in the order
/// given (the importer sorts everything by name).
pub fn write(
    header: &Header,
    custom_constraints: &[CustomConstraintInfo],
    aliases: &[Alias],
    types: &[&ResourceType],
) -> String {
    let mut out = String::new();
    let mut push = |record: &dyn erased::Record| {
        out.push_str(&record.to_line());
        out.push('\n');
    };
    push(&HeaderRecord {
        catalog: header.name.to_string(),
        format: FORMAT_VERSION,
        heat_version: header.heat_version.map(str::to_string),
    });
    for c in custom_constraints {
        push(&CustomConstraintRecord {
            custom_constraint: c.name.clone(),
            needs_service: c.needs_service,
            service: c.service.clone(),
            test_only: c.test_only,
        });
    }
    for a in aliases {
        push(&AliasRecord {
            alias: a.name.clone(),
            target: a.target.clone(),
        });
    }
    for ty in types {
        push(&TypeRecord {
            resource_type: ty.name.clone(),
            support: support_record(&ty.support),
            dynamic_attributes: ty.dynamic_attributes,
            accepts_any_properties: ty.accepts_any_properties,
            removed_placeholder: ty.removed_placeholder,
            supports_snapshot_deletion_policy: ty.supports_snapshot_deletion_policy,
        });
        for p in &ty.properties {
            let mut r = schema_record(p);
            r.property = Some(p.name.clone());
            push(&r);
        }
        for a in &ty.attributes {
            push(&AttributeRecord {
                attribute: a.name.clone(),
                kind: a.kind.map(TypeName::of),
                support: support_record(&a.support),
            });
        }
        for p in &ty.update_policy {
            let mut r = schema_record(p);
            r.update_policy = Some(p.name.clone());
            push(&r);
        }
    }
    out
}

/// Serialising the different record structs through one callback.
mod erased {
    pub trait Record {
        fn to_line(&self) -> String;
    }

    impl<T: serde::Serialize> Record for T {
        #[allow(
            clippy::expect_used,
            reason = "the records hold only strings, numbers, booleans and JSON values"
        )]
        fn to_line(&self) -> String {
            serde_json::to_string(self).expect("a catalog record serialises")
        }
    }
}

fn support_record(s: &SupportStatus) -> Option<SupportRecord> {
    if s.is_plain_supported() {
        return None;
    }
    Some(SupportRecord {
        status: match s.status {
            Status::Supported => StatusName::Supported,
            Status::Deprecated => StatusName::Deprecated,
            Status::Unsupported => StatusName::Unsupported,
            Status::Hidden => StatusName::Hidden,
        },
        version: s.version.clone(),
        substitute: s.substitute.clone(),
        message: s.message.clone(),
        previous: s
            .previous
            .as_deref()
            .map(|p| Box::new(support_record(p).unwrap_or_else(plain_supported_record))),
    })
}

fn plain_supported_record() -> SupportRecord {
    SupportRecord {
        status: StatusName::Supported,
        version: None,
        substitute: None,
        message: None,
        previous: None,
    }
}

fn schema_record(p: &PropertySchema) -> SchemaRecord {
    let schema = if let Some(item) = &p.item {
        Some(BTreeMap::from([("*".to_string(), schema_record(item))]))
    } else {
        p.keys.as_ref().map(|keys| {
            keys.iter()
                .map(|k| (k.name.clone(), schema_record(k)))
                .collect()
        })
    };
    SchemaRecord {
        property: None,
        update_policy: None,
        kind: TypeName::of(p.kind),
        required: p.required,
        default: p.default.clone(),
        constraints: p.constraints.iter().map(constraint_record).collect(),
        update_allowed: p.update_allowed,
        immutable: p.immutable,
        implemented: p.implemented,
        replaced_by: p.replaced_by.clone(),
        support: support_record(&p.support),
        schema,
    }
}

fn constraint_record(c: &Constraint) -> ConstraintRecord {
    let mut r = ConstraintRecord::default();
    match c {
        Constraint::Range { min, max } => {
            r.range = Some(RangeRecord {
                min: min.clone(),
                max: max.clone(),
            })
        }
        Constraint::Length { min, max } => {
            r.length = Some(LengthRecord {
                min: *min,
                max: *max,
            })
        }
        Constraint::Modulo { step, offset } => {
            r.modulo = Some(ModuloRecord {
                step: *step,
                offset: *offset,
            })
        }
        Constraint::AllowedValues(values) => r.allowed_values = Some(values.clone()),
        Constraint::AllowedPattern(p) => r.allowed_pattern = Some(p.clone()),
        Constraint::Custom(name) => r.custom_constraint = Some(name.clone()),
    }
    r
}
