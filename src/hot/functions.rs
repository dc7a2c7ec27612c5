//! Recognising intrinsic function calls as Heat does: a mapping with exactly one
//! key that is a function name of the template's version.

use crate::grammar::{FunctionSpec, FunctionStatus, VersionSpec};
use crate::syntax::{Entry, Node};

/// Where a value is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Resource properties, metadata, outputs, ...: every function of the version.
    Normal,
    /// `conditions`, a `condition` field, the first argument of `if`.
    Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Available,
    /// Recognised, but Heat rejects it in this version.
    Removed,
    /// A function of the version that is not allowed in a condition.
    InvalidHere,
}

#[derive(Clone, Copy, Debug)]
pub struct Call<'d> {
    pub name: &'d str,
    /// The whole `{name: args}` mapping.
    pub node: &'d Node,
    /// The single entry; its key span is the function name.
    pub entry: &'d Entry,
    pub args: &'d Node,
    pub spec: Option<&'static FunctionSpec>,
    pub status: Status,
}

/// The call `node` makes, if Heat would treat it as one.
pub fn as_call<'d>(
    node: &'d Node,
    version: &'static VersionSpec,
    context: Context,
) -> Option<Call<'d>> {
    let entries = node.as_map()?;
    if entries.len() != 1 {
        return None;
    }
    let entry = &entries[0];
    let name: &str = &entry.key_text;
    let spec = version.function(name);
    let status = match context {
        Context::Normal => match spec?.status {
            FunctionStatus::Available => Status::Available,
            FunctionStatus::Removed => Status::Removed,
        },
        Context::Condition => {
            if version.condition_functions.iter().any(|f| f == name) {
                Status::Available
            } else {
                match spec?.status {
                    FunctionStatus::Removed => Status::Removed,
                    FunctionStatus::Available => Status::InvalidHere,
                }
            }
        }
    };
    Some(Call {
        name,
        node,
        entry,
        args: &entry.value,
        spec,
        status,
    })
}
