//! Rules about environment files.

mod environment_section;

use super::{RuleMeta, Sink};
use crate::syntax::Node;

pub use environment_section::ENVIRONMENT_SECTION;

pub static RULES: &[&RuleMeta] = &[&ENVIRONMENT_SECTION];

/// Checks one environment file.
pub fn check(root: &Node, sink: &mut Sink) {
    environment_section::check(root, sink);
}
