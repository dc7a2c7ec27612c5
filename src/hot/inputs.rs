//! The values a stack is created with, and where each was given: on the command
//! line, in an environment file, or as a property of the parent resource.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::environment::Environment;
use crate::source::{FileId, Span};

/// Where a value was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueOrigin {
    /// `-P NAME=VALUE` (or a project file's stack parameters).
    CommandLine,
    /// An environment file's `parameters` or `parameter_defaults`.
    Environment { file: FileId, key_span: Span },
    /// A property of the resource in the parent template that creates this stack.
    Property { file: FileId, span: Span },
}

/// One given value.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub value: Json,
    pub origin: ValueOrigin,
}

/// The inputs of one stack.
#[derive(Clone, Debug, Default)]
pub struct StackInputs {
    /// Values given for this stack: for a root stack `-P` then environment
    /// `parameters` (which win, as in Heat, where environment files are merged
    /// over the command line); for a nested stack the parent's properties.
    pub supplied: HashMap<String, Given>,
    /// Properties of the parent resource whose value is not known statically
    /// (a function call): the parameter has a value, but hotc cannot tell it.
    pub supplied_unknown: Vec<String>,
    /// `parameter_defaults`, which reach every stack of the tree.
    pub parameter_defaults: HashMap<String, Given>,
    /// Whether this stack is the root of its tree.
    pub is_root: bool,
}

impl StackInputs {
    /// The inputs of a root stack.
    pub fn root(command_line: &[(String, String)], environment: &Environment) -> StackInputs {
        let mut supplied: HashMap<String, Given> = command_line
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    Given {
                        value: Json::String(v.clone()),
                        origin: ValueOrigin::CommandLine,
                    },
                )
            })
            .collect();
        for (name, located) in &environment.parameters {
            supplied.insert(
                name.clone(),
                Given {
                    value: located.value.clone(),
                    origin: ValueOrigin::Environment {
                        file: located.file,
                        key_span: located.key_span,
                    },
                },
            );
        }
        StackInputs {
            supplied,
            supplied_unknown: Vec::new(),
            parameter_defaults: defaults(environment),
            is_root: true,
        }
    }

    /// The inputs of a stack nested in a tree with this environment, before the
    /// parent's properties are known.
    pub fn nested(environment: &Environment) -> StackInputs {
        StackInputs {
            supplied: HashMap::new(),
            supplied_unknown: Vec::new(),
            parameter_defaults: defaults(environment),
            is_root: false,
        }
    }
}

fn defaults(environment: &Environment) -> HashMap<String, Given> {
    environment
        .parameter_defaults
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Given {
                    value: v.value.clone(),
                    origin: ValueOrigin::Environment {
                        file: v.file,
                        key_span: v.key_span,
                    },
                },
            )
        })
        .collect()
}
