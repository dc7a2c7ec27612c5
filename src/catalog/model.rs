//! What the catalog knows about a resource type: its properties (with nested
//! schemas and constraints), attributes, update-policy schema, support status
//! and the flags that change how Heat validates it.

use serde_json::Value as Json;

use crate::hot::constraints::Constraint;
use crate::hot::parameters::ParamType;

/// A property's data type, as Heat's property schemas name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PropertyType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
    Any,
}

impl PropertyType {
    pub const ALL: [PropertyType; 7] = [
        PropertyType::String,
        PropertyType::Integer,
        PropertyType::Number,
        PropertyType::Boolean,
        PropertyType::List,
        PropertyType::Map,
        PropertyType::Any,
    ];

    /// The lowercase name used in the catalog file and in
    /// `openstack orchestration resource type show`.
    pub fn name(self) -> &'static str {
        match self {
            PropertyType::String => "string",
            PropertyType::Integer => "integer",
            PropertyType::Number => "number",
            PropertyType::Boolean => "boolean",
            PropertyType::List => "list",
            PropertyType::Map => "map",
            PropertyType::Any => "any",
        }
    }

    /// The capitalised name Heat prints in its messages (`(List)`).
    pub fn heat_name(self) -> &'static str {
        match self {
            PropertyType::String => "String",
            PropertyType::Integer => "Integer",
            PropertyType::Number => "Number",
            PropertyType::Boolean => "Boolean",
            PropertyType::List => "List",
            PropertyType::Map => "Map",
            PropertyType::Any => "Any",
        }
    }

    pub fn parse(name: &str) -> Option<PropertyType> {
        PropertyType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The property type Heat gives a template resource's property for a
    /// parameter of the nested template: string→String, number→Number,
    /// comma_delimited_list→List, json→Map, boolean→Boolean.
    pub fn for_parameter(ty: ParamType) -> PropertyType {
        match ty {
            ParamType::String => PropertyType::String,
            ParamType::Number => PropertyType::Number,
            ParamType::CommaDelimitedList => PropertyType::List,
            ParamType::Json => PropertyType::Map,
            ParamType::Boolean => PropertyType::Boolean,
        }
    }

    /// Whether Heat allows a constraint of this kind on a property of this type.
    pub fn allows(self, constraint: &Constraint) -> bool {
        use PropertyType::*;
        match constraint {
            Constraint::Range { .. } | Constraint::Modulo { .. } => {
                matches!(self, Integer | Number)
            }
            Constraint::Length { .. } => matches!(self, String | List | Map),
            Constraint::AllowedValues(_) | Constraint::Custom(_) => {
                matches!(self, String | Integer | Number | Boolean | List)
            }
            Constraint::AllowedPattern(_) => self == String,
        }
    }
}

impl std::fmt::Display for PropertyType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Heat's support statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Supported,
    Deprecated,
    Unsupported,
    /// Retired: Heat still accepts it in templates but lists it nowhere.
    Hidden,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Supported,
        Status::Deprecated,
        Status::Unsupported,
        Status::Hidden,
    ];

    /// The lowercase name used in the catalog file.
    pub fn name(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Deprecated => "deprecated",
            Status::Unsupported => "unsupported",
            Status::Hidden => "hidden",
        }
    }

    /// Heat's spelling (`SUPPORTED`).
    pub fn heat_name(self) -> &'static str {
        match self {
            Status::Supported => "SUPPORTED",
            Status::Deprecated => "DEPRECATED",
            Status::Unsupported => "UNSUPPORTED",
            Status::Hidden => "HIDDEN",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A support status with its history, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportStatus {
    pub status: Status,
    /// The Heat release that introduced this status (`"10.0.0"`, `"2014.1"`).
    pub version: Option<String>,
    /// What replaces it, when Heat names a substitute type.
    pub substitute: Option<String>,
    pub message: Option<String>,
    pub previous: Option<Box<SupportStatus>>,
}

impl Default for SupportStatus {
    fn default() -> SupportStatus {
        SupportStatus::supported()
    }
}

impl SupportStatus {
    /// Supported, with no version or history.
    pub fn supported() -> SupportStatus {
        SupportStatus {
            status: Status::Supported,
            version: None,
            substitute: None,
            message: None,
            previous: None,
        }
    }

    pub fn is_plain_supported(&self) -> bool {
        *self == SupportStatus::supported()
    }

    /// The version since which the thing has been available: the version of
    /// the oldest `supported` status in the history.
    pub fn supported_since(&self) -> Option<&str> {
        let mut found = None;
        let mut current = Some(self);
        while let Some(s) = current {
            if s.status == Status::Supported && s.version.is_some() {
                found = s.version.as_deref();
            }
            current = s.previous.as_deref();
        }
        found
    }
}

/// One property (or a nested key, or a list's items) of a resource type.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertySchema {
    /// The property's name; `*` for a list's item schema.
    pub name: String,
    pub kind: PropertyType,
    pub required: bool,
    /// Heat's default (`None` when it has none; Heat treats a null default as none).
    pub default: Option<Json>,
    pub constraints: Vec<Constraint>,
    /// The schema of every item, for a list with one.
    pub item: Option<Box<PropertySchema>>,
    /// The keys a map accepts, for a map with a schema (None: any keys).
    pub keys: Option<Vec<PropertySchema>>,
    pub update_allowed: bool,
    pub immutable: bool,
    /// `false`: Heat declares it but rejects a value (`Property X not implemented yet`).
    pub implemented: bool,
    /// Heat moves this property's value into the named sibling before it
    /// validates (and skips this one's own checks).
    pub replaced_by: Option<String>,
    pub support: SupportStatus,
    /// Heat's extra leniency for template-resource properties built from
    /// `json` and `comma_delimited_list` parameters: a List also takes a
    /// comma-delimited string, a Map also takes a string or a list.
    pub allow_conversion: bool,
}

impl PropertySchema {
    /// A plain optional property of the given type.
    pub fn new(name: impl Into<String>, kind: PropertyType) -> PropertySchema {
        PropertySchema {
            name: name.into(),
            kind,
            required: false,
            default: None,
            constraints: Vec::new(),
            item: None,
            keys: None,
            update_allowed: false,
            immutable: false,
            implemented: true,
            replaced_by: None,
            support: SupportStatus::supported(),
            allow_conversion: false,
        }
    }

    /// The schema of key `name` of a map with a schema.
    pub fn key(&self, name: &str) -> Option<&PropertySchema> {
        self.keys.as_ref()?.iter().find(|k| k.name == name)
    }

    /// The property of a template resource that stands for a nested template's
    /// parameter (Heat's `Schema.from_parameter`): the type mapped with
    /// [`PropertyType::for_parameter`], required when the parameter has no
    /// value, the parameter's constraints, updatable, and the extra
    /// conversions Heat allows for `json` and `comma_delimited_list`.
    pub fn for_parameter(
        name: impl Into<String>,
        ty: ParamType,
        required: bool,
        constraints: Vec<Constraint>,
    ) -> PropertySchema {
        PropertySchema {
            required,
            constraints,
            update_allowed: true,
            allow_conversion: matches!(ty, ParamType::Json | ParamType::CommaDelimitedList),
            ..PropertySchema::new(name, PropertyType::for_parameter(ty))
        }
    }
}

/// One attribute of a resource type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeSchema {
    pub name: String,
    /// Heat's declared type, when it declares one.
    pub kind: Option<PropertyType>,
    pub support: SupportStatus,
}

/// Everything the catalog holds about one resource type.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceType {
    pub name: String,
    pub support: SupportStatus,
    /// In catalog order (sorted by name for Heat's types).
    pub properties: Vec<PropertySchema>,
    pub attributes: Vec<AttributeSchema>,
    /// The keys `update_policy` accepts (none: the type accepts no keys).
    pub update_policy: Vec<PropertySchema>,
    /// Heat accepts any attribute name in `get_attr` (groups, deployments,
    /// nested stacks, placeholders).
    pub dynamic_attributes: bool,
    /// Heat accepts any property (OS::Heat::None, removed types' placeholders).
    pub accepts_any_properties: bool,
    /// The service is gone: Heat keeps the type as a placeholder that creates nothing.
    pub removed_placeholder: bool,
    /// `deletion_policy: Snapshot` is allowed.
    pub supports_snapshot_deletion_policy: bool,
}

impl ResourceType {
    pub fn property(&self, name: &str) -> Option<&PropertySchema> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub fn attribute(&self, name: &str) -> Option<&AttributeSchema> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn update_policy(&self, name: &str) -> Option<&PropertySchema> {
        self.update_policy.iter().find(|p| p.name == name)
    }

    /// Whether `get_attr` of `name` passes Heat's validation.
    pub fn accepts_attribute(&self, name: &str) -> bool {
        self.dynamic_attributes || self.attribute(name).is_some()
    }

    pub fn status(&self) -> Status {
        self.support.status
    }
}

/// A custom constraint name Heat registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomConstraintInfo {
    pub name: String,
    /// It asks a cloud service (so hotc cannot check it offline).
    pub needs_service: bool,
    /// The client Heat uses for it (`nova`, `neutron`), when it needs one.
    pub service: Option<String>,
    /// Registered for Heat's own tests only.
    pub test_only: bool,
}

/// An entry of Heat's global environment (`/etc/heat/environment.d`): a type
/// name or prefix glob (`OS::Quantum*`) mapped to another type, prefix or
/// template URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    pub target: String,
}

impl Alias {
    pub fn is_glob(&self) -> bool {
        self.name.ends_with('*')
    }

    /// Whether the target is a provider template (Heat's rule: the value ends
    /// in `.yaml` or `.template`).
    pub fn targets_template(&self) -> bool {
        self.target.ends_with(".yaml") || self.target.ends_with(".template")
    }
}
