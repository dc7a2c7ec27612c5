//! Custom constraints that need no cloud (`ip_addr`, `net_cidr`, ...).

use serde_json::Value as Json;

/// Checks `value` against the custom constraint `name`; `None` when hotc does
/// not check that constraint (it needs a cloud, or it is unknown).
pub fn validate(_name: &str, _value: &Json) -> Option<Result<(), String>> {
    None
}
