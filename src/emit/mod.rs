//! Output formats. Each emitter turns hotc's diagnostics into one format.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostics::Diagnostic;
use crate::source::SourceMap;

/// Everything an emitter needs.
pub struct Report<'a> {
    pub sources: &'a SourceMap,
    pub diagnostics: &'a [Diagnostic],
    pub files_read: usize,
}
