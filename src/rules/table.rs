//! The rule table of the README, rendered from the rules' own metadata
//! (`hotc rules --format markdown`); a test keeps the README in step.

/// One row per rule: code, name, default severity, summary.
pub fn markdown() -> String {
    let mut out = String::from("| code | name | default | what it reports |\n|---|---|---|---|\n");
    for r in super::all() {
        let summary = r
            .summary()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            r.code,
            r.name,
            r.severity.as_str(),
            summary
        ));
    }
    out
}
