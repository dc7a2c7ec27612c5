//! Size budgets of what a driver sends, measured on the rendered tree.
//!
//! - Nova's user data: at most 65,535 bytes after base64. The user data is the
//!   JSON Heat makes of each node's Ignition map; values known only at cluster
//!   create are counted with a reserve.
//! - Heat's max_template_size (524,288 bytes) per template file.
//! - Heat's max_json_body_size (1,048,576 bytes) for the whole stacks.create
//!   request: every file the client sends, with the parameters.

use std::collections::BTreeMap;

use super::encode::base64_len;

pub const USER_DATA_LIMIT: usize = 65_535;
pub const TEMPLATE_LIMIT: usize = 524_288;
pub const REQUEST_LIMIT: usize = 1_048_576;

/// Bytes reserved for each value that only exists at cluster create, by name.
pub fn reserve(name: &str) -> usize {
    match name {
        // Magnum's CA for the OpenStack endpoints, percent-encoded (one CA of
        // 2 KiB takes about 2.4 KiB).
        "openstack_ca" => 4096,
        "wait_endpoint" | "auth_url" | "magnum_url" | "http_proxy" | "https_proxy" => 256,
        "no_proxy" => 512,
        "ssh_public_key" => 1024,
        _ => 128,
    }
}

#[derive(Clone, Debug)]
pub struct Measure {
    pub what: String,
    pub bytes: usize,
    pub limit: usize,
}

/// The user data of a node template: the static part of its Ignition JSON
/// (everything the build knows, the fragments' base64 included), plus the
/// reserves, after Nova's base64.
pub fn user_data(
    files: &BTreeMap<String, Vec<u8>>,
    templates_dir: &str,
    template: &str,
    runtime_values: &[String],
) -> Measure {
    let text = files
        .get(&format!("{templates_dir}/{template}"))
        .map(|b| String::from_utf8_lossy(b).to_string())
        .unwrap_or_default();
    // Every get_file of a template is part of its user data (the fragments and
    // the CA bundle); the rest of the template is its JSON skeleton.
    let mut raw = 0;
    for line in text.lines() {
        if let Some(rest) = line.split("get_file: ").nth(1) {
            let target = rest.trim_end_matches(['}', ']', ' ']);
            raw += files
                .get(&format!("{templates_dir}/{target}"))
                .map(Vec::len)
                .unwrap_or(0);
            raw += "data:;base64,".len();
        } else if let Some(source) = line.trim().strip_prefix("source: \"") {
            raw += source.len();
        }
    }
    // The JSON around the values: paths, modes, keys (measured generously).
    raw += text.matches("- path:").count() * 96 + 2048;
    raw += runtime_values.iter().map(|v| reserve(v)).sum::<usize>();
    Measure {
        what: format!("user data of {template}"),
        bytes: base64_len(raw),
        limit: USER_DATA_LIMIT,
    }
}

pub fn templates(files: &BTreeMap<String, Vec<u8>>, templates_dir: &str) -> Vec<Measure> {
    files
        .iter()
        .filter(|(p, _)| p.starts_with(templates_dir) && p.ends_with(".yaml"))
        .map(|(p, b)| Measure {
            what: format!(
                "template {}",
                p.trim_start_matches(templates_dir).trim_start_matches('/')
            ),
            bytes: b.len(),
            limit: TEMPLATE_LIMIT,
        })
        .collect()
}

/// The stacks.create request: the client sends every template and environment
/// (as JSON, about their size), every get_file target and the parameters.
pub fn request(files: &BTreeMap<String, Vec<u8>>, templates_dir: &str) -> Measure {
    let sent: usize = files
        .iter()
        .filter(|(p, _)| {
            p.starts_with(templates_dir) && (p.ends_with(".yaml") || p.ends_with(".b64"))
        })
        .map(|(p, b)| b.len() + p.len() + 64)
        .sum();
    // Parameters (the CA bundle and the service values) and JSON overhead.
    let parameters = 16 * 1024;
    Measure {
        what: "the stacks.create request".into(),
        bytes: sent + parameters,
        limit: REQUEST_LIMIT,
    }
}
