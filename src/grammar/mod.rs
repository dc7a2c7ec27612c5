//! The HOT language as data.
//!
//! `grammar/hot.grammar` describes every `heat_template_version`: its sections,
//! the keys of resources, outputs and parameters, parameter types, constraint
//! kinds, deletion policies, the intrinsic and condition functions with their
//! argument shapes, and where Heat evaluates functions. This module parses that
//! file (with `nom`) into [`Grammar`]; the file's own header documents its syntax.

mod build;
mod syntax;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::OnceLock;

/// The text of the built-in grammar.
const BUILTIN_TEXT: &str = include_str!("../../grammar/hot.grammar");

/// Every HOT template version, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grammar {
    pub versions: Vec<VersionSpec>,
}

impl Grammar {
    /// The built-in grammar, parsed once from `grammar/hot.grammar`.
    #[allow(clippy::panic, reason = "built-in data, parsed by a test")]
    pub fn builtin() -> &'static Grammar {
        static BUILTIN: OnceLock<Grammar> = OnceLock::new();
        BUILTIN.get_or_init(|| match Grammar::parse(BUILTIN_TEXT) {
            Ok(grammar) => grammar,
            Err(error) => panic!("grammar/hot.grammar is invalid: {error}"),
        })
    }

    /// Parses a grammar file.
    pub fn parse(text: &str) -> Result<Grammar, GrammarError> {
        let file =
            syntax::parse_file(text).map_err(|e| GrammarError::at(text, e.offset, e.message))?;
        build::build(text, file)
    }

    /// Looks a version up by its exact `heat_template_version` value: a date
    /// (`2016-10-14`) or an alias (`newton`).
    pub fn version(&self, value: &str) -> Option<&VersionSpec> {
        self.versions
            .iter()
            .find(|v| v.date == value || v.aliases.iter().any(|a| a == value))
    }

    /// Every accepted `heat_template_version` value, sorted as strings, in the
    /// order of Heat's "should be one of" message.
    pub fn accepted_values(&self) -> Vec<&str> {
        let mut values: Vec<&str> = self
            .versions
            .iter()
            .flat_map(|v| {
                std::iter::once(v.date.as_str()).chain(v.aliases.iter().map(String::as_str))
            })
            .collect();
        values.sort_unstable();
        values
    }

    /// The oldest version in which `name` is recognised as a call outside
    /// conditions (available or removed). For "looks like a call" lints.
    pub fn any_version_with_function(&self, name: &str) -> Option<&VersionSpec> {
        self.versions.iter().find(|v| v.function(name).is_some())
    }

    /// The oldest version in which `name` is a condition function.
    pub fn any_version_with_condition_function(&self, name: &str) -> Option<&VersionSpec> {
        self.versions.iter().find(|v| v.is_condition_function(name))
    }
}

/// One `heat_template_version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSpec {
    /// The date form, e.g. `2016-10-14`.
    pub date: String,
    /// Other accepted values, e.g. `newton`.
    pub aliases: Vec<String>,
    /// The Heat release, e.g. `Newton`.
    pub release: String,
    /// Top-level keys, `heat_template_version` included.
    pub sections: Vec<String>,
    pub resource_keys: Vec<String>,
    pub output_keys: Vec<String>,
    pub parameter_keys: Vec<String>,
    /// `string number comma_delimited_list json boolean`.
    pub parameter_types: Vec<String>,
    /// Constraint kinds. Every constraint entry may also carry `description`
    /// (see [`VersionSpec::is_constraint_key`]), which is not a kind.
    pub constraint_kinds: Vec<String>,
    pub deletion_policies: Vec<String>,
    /// Every name recognised as a call outside conditions, removed ones included.
    pub functions: Vec<FunctionSpec>,
    /// Names that are calls in a condition context.
    pub condition_functions: Vec<String>,
    /// The specs of `condition_functions`, in the same order.
    pub condition_function_specs: Vec<FunctionSpec>,
    /// `if` may take two arguments (2021-04-16).
    pub if_allows_two_arguments: bool,
    /// How Heat evaluates each location (`resources.*.properties`, ...).
    pub evaluation: Vec<FieldEvaluation>,
}

impl VersionSpec {
    /// The function called `name` outside conditions, available or removed.
    pub fn function(&self, name: &str) -> Option<&FunctionSpec> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The function called `name` in a condition context.
    pub fn condition_function(&self, name: &str) -> Option<&FunctionSpec> {
        self.condition_function_specs
            .iter()
            .find(|f| f.name == name)
    }

    pub fn is_condition_function(&self, name: &str) -> bool {
        self.condition_functions.iter().any(|f| f == name)
    }

    pub fn has_section(&self, name: &str) -> bool {
        contains(&self.sections, name)
    }

    pub fn has_resource_key(&self, name: &str) -> bool {
        contains(&self.resource_keys, name)
    }

    pub fn has_output_key(&self, name: &str) -> bool {
        contains(&self.output_keys, name)
    }

    pub fn has_parameter_key(&self, name: &str) -> bool {
        contains(&self.parameter_keys, name)
    }

    pub fn has_parameter_type(&self, name: &str) -> bool {
        contains(&self.parameter_types, name)
    }

    pub fn has_constraint_kind(&self, name: &str) -> bool {
        contains(&self.constraint_kinds, name)
    }

    /// A key allowed in a constraint entry: a kind or `description`.
    pub fn is_constraint_key(&self, name: &str) -> bool {
        name == "description" || self.has_constraint_kind(name)
    }

    pub fn has_deletion_policy(&self, name: &str) -> bool {
        contains(&self.deletion_policies, name)
    }

    /// How Heat evaluates `location` (`parameters`, `conditions.*`,
    /// `resources.*.properties`, `outputs.*.value`, ...), if the version has it.
    pub fn evaluation(&self, location: &str) -> Option<Evaluation> {
        self.evaluation
            .iter()
            .find(|f| f.location == location)
            .map(|f| f.evaluation)
    }
}

fn contains(list: &[String], name: &str) -> bool {
    list.iter().any(|item| item == name)
}

/// One intrinsic or condition function of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionSpec {
    pub name: String,
    pub status: FunctionStatus,
    /// `a`, `b`, `c`: the variant when Heat's checks changed between versions.
    pub variant: Option<String>,
    /// The argument shape Heat checks when it parses and validates a template
    /// (`Any` for removed functions: Heat rejects them whatever they hold).
    pub args: Shape,
    /// Heat's exact message for a shape violation. `{count}` stands for the
    /// number of list items given, `{keys}` for the unknown keys (", ").
    pub message: Option<String>,
    /// The oldest version date that recognises the name.
    pub since: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionStatus {
    Available,
    /// Recognised, but rejected: "The function X is not supported in this
    /// version of HOT."
    Removed,
}

/// Argument shapes. A function call in a position satisfies any shape unless
/// that position is `Literal` (Heat inspects the raw value there, e.g.
/// str_replace's top-level map, if's argument list, get_attr's list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Any,
    String,
    Integer,
    Boolean,
    /// A call is NOT accepted here.
    Literal(Box<Shape>),
    List {
        min: usize,
        max: Option<usize>,
        items: Vec<Shape>,
        rest: Option<Box<Shape>>,
    },
    Map {
        keys: Vec<MapKey>,
        others: bool,
    },
    OneOf(Vec<Shape>),
}

impl Shape {
    /// Whether a function call is accepted in this position.
    pub fn accepts_call(&self) -> bool {
        !matches!(self, Shape::Literal(_))
    }
}

/// Written in the grammar file's syntax, e.g. `literal [any, any, any*]`.
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Any => f.write_str("any"),
            Shape::String => f.write_str("string"),
            Shape::Integer => f.write_str("integer"),
            Shape::Boolean => f.write_str("boolean"),
            Shape::Literal(inner) => match **inner {
                Shape::OneOf(_) => write!(f, "literal ({inner})"),
                _ => write!(f, "literal {inner}"),
            },
            Shape::List {
                min: 0,
                max: None,
                items,
                rest: Some(rest),
            } if items.is_empty() && **rest == Shape::Any => f.write_str("list"),
            Shape::List {
                min, items, rest, ..
            } => {
                let mut parts: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(n, item)| {
                        if n < *min {
                            item.to_string()
                        } else {
                            format!("{item}?")
                        }
                    })
                    .collect();
                if let Some(rest) = rest {
                    parts.push(format!("{rest}*"));
                }
                write!(f, "[{}]", parts.join(", "))
            }
            Shape::Map { keys, others: true } if keys.is_empty() => f.write_str("map"),
            Shape::Map { keys, others } => {
                let mut parts: Vec<String> = keys
                    .iter()
                    .map(|key| {
                        let mark = if key.required { "" } else { "?" };
                        format!("{}{mark}: {}", key.name, key.shape)
                    })
                    .collect();
                if *others {
                    parts.push("...".to_string());
                }
                write!(f, "{{{}}}", parts.join(", "))
            }
            Shape::OneOf(alternatives) => {
                let parts: Vec<String> = alternatives
                    .iter()
                    .map(|a| match a {
                        Shape::OneOf(_) => format!("({a})"),
                        _ => a.to_string(),
                    })
                    .collect();
                f.write_str(&parts.join(" | "))
            }
        }
    }
}

/// A key of a map shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapKey {
    pub name: String,
    pub required: bool,
    pub shape: Shape,
}

/// How Heat treats the value at a location of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    /// Never parsed: a function-like map is plain data.
    Literal,
    /// Every function of the version works.
    Functions,
    /// Every function works and the value is resolved at once, in every
    /// validation mode (a resource's `deletion_policy`).
    Resolved,
    /// A condition: condition functions only.
    Conditions,
}

/// The evaluation of one location, e.g. `resources.*.depends_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEvaluation {
    pub location: String,
    pub evaluation: Evaluation,
}

/// A mistake in a grammar file, at a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrammarError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl GrammarError {
    /// An error at byte `offset` of `text`.
    fn at(text: &str, offset: usize, message: impl Into<String>) -> GrammarError {
        let (line, column) = line_column(text, offset);
        GrammarError {
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for GrammarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for GrammarError {}

/// The 1-based line and column (counted in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
