//! Rules about build specs (`hotc build SPEC`) and about the driver a build
//! would generate: the spec's shape and values, and the compiler's guarantees
//! (size budgets, a generated tree that `hotc check` accepts).

mod budget_exceeded;
mod conflicting_options;
mod generated_tree_rejected;
mod invalid_value;
mod missing_file;
mod missing_value;
mod unknown_key;
mod wrong_type;

pub use budget_exceeded::BUDGET_EXCEEDED;
pub use conflicting_options::CONFLICTING_OPTIONS;
pub use generated_tree_rejected::GENERATED_TREE_REJECTED;
pub use invalid_value::INVALID_VALUE;
pub use missing_file::MISSING_FILE;
pub use missing_value::MISSING_VALUE;
pub use unknown_key::UNKNOWN_KEY;
pub use wrong_type::WRONG_TYPE;

use super::RuleMeta;

pub static RULES: &[&RuleMeta] = &[
    &UNKNOWN_KEY,
    &WRONG_TYPE,
    &MISSING_VALUE,
    &INVALID_VALUE,
    &CONFLICTING_OPTIONS,
    &MISSING_FILE,
    &BUDGET_EXCEEDED,
    &GENERATED_TREE_REJECTED,
];
