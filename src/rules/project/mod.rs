//! Rules about the project rather than a template: `hotc.toml` and the output
//! of a run.

mod too_many_diagnostics;
mod unknown_config_key;

use super::RuleMeta;

pub use too_many_diagnostics::TOO_MANY_DIAGNOSTICS;
pub use unknown_config_key::UNKNOWN_CONFIG_KEY;

pub static RULES: &[&RuleMeta] = &[&UNKNOWN_CONFIG_KEY, &TOO_MANY_DIAGNOSTICS];
