//! Bad input: every case ends with its diagnostic, under deterministic budgets,
//! never a panic or a hang. Each case is a file written at test time.

use std::path::{Path, PathBuf};

use hotc::check::{self, CheckOptions};
use hotc::diagnostics::Severity;

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The codes and severities of the diagnostics of checking `path` alone.
fn codes(path: &Path) -> Vec<(&'static str, Severity)> {
    let result = check::run(&CheckOptions {
        paths: vec![path.to_path_buf()],
        ..CheckOptions::default()
    })
    .expect("hotc does its job");
    result
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

fn has(codes: &[(&str, Severity)], code: &str) -> bool {
    codes.iter().any(|(c, _)| *c == code)
}

#[test]
fn empty_file() {
    let c = codes(&scratch("empty.yaml", b""));
    assert_eq!(c, vec![("H004", Severity::Error)]);
}

#[test]
fn binary_file() {
    let c = codes(&scratch("binary.yaml", b"\x7fELF\x02\x01\x01\0\0\0\0"));
    assert_eq!(c, vec![("H003", Severity::Error)]);
}

#[test]
fn invalid_utf8() {
    let c = codes(&scratch(
        "latin1.yaml",
        b"heat_template_version: 2018-08-31\ndescription: caf\xe9\n",
    ));
    assert_eq!(c, vec![("H002", Severity::Error)]);
}

#[test]
fn ten_thousand_deep_flow_nesting() {
    let mut text = String::from("heat_template_version: 2018-08-31\ndescription: ");
    text.push_str(&"[".repeat(10_000));
    text.push_str(&"]".repeat(10_000));
    text.push('\n');
    let c = codes(&scratch("deep-flow.yaml", text.as_bytes()));
    assert!(has(&c, "H007"), "{c:?}");
}

#[test]
fn ten_thousand_deep_block_nesting() {
    let mut text = String::from("heat_template_version: 2018-08-31\ndescription:\n");
    for depth in 0..10_000 {
        text.push_str(&" ".repeat(depth * 2));
        text.push_str("-\n");
    }
    let c = codes(&scratch("deep-block.yaml", text.as_bytes()));
    assert!(c.contains(&("H007", Severity::Error)), "{c:?}");
}

#[test]
fn alias_bomb() {
    let mut text = String::from("heat_template_version: 2018-08-31\n");
    text.push_str("x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
    for i in 1..10 {
        let prev = format!("*x{}", i - 1);
        let items = vec![prev; 10].join(", ");
        text.push_str(&format!("x{i}: &x{i} [{items}]\n"));
    }
    let c = codes(&scratch("bomb.yaml", text.as_bytes()));
    assert!(has(&c, "H006"), "{c:?}");
}

#[test]
fn fifty_megabyte_template_is_checked_with_a_size_warning() {
    let mut text = String::from("heat_template_version: 2018-08-31\nresources:\n");
    let line = format!("    value: \"{}\"\n", "x".repeat(1000));
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!(
            "  r{i}:\n    type: OS::Heat::None\n    metadata:\n  "
        ));
        text.push_str(&line);
        i += 1;
    }
    let c = codes(&scratch("huge.yaml", text.as_bytes()));
    assert!(c.contains(&("H108", Severity::Warning)), "{c:?}");
    // Checking went on past the limit: the resource count is over Heat's too.
    assert!(has(&c, "H310"), "{c:?}");
    assert!(!c.iter().any(|(_, s)| *s == Severity::Error), "{c:?}");
}

#[test]
fn yaml_that_is_not_a_template() {
    let c = codes(&scratch(
        "playbook.yaml",
        b"- hosts: all\n  tasks:\n    - ping:\n",
    ));
    assert_eq!(c, vec![("H101", Severity::Error)]);
    let c = codes(&scratch("config.yaml", b"name: web\nreplicas: 3\n"));
    assert_eq!(c, vec![("H102", Severity::Error)]);
}
