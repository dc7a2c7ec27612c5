//! The command line as users and CI see it: exit codes, streams, JSON contract.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn hotc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("hotc runs")
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const CLEAN: &str = "heat_template_version: 2018-08-31\nresources:\n  r: {type: OS::Heat::None}\n";
const BROKEN: &str = "heat_template_version: 2018-08-31\nresource:\n  r: {type: OS::Heat::None}\n";

#[test]
fn clean_template_exits_0() {
    let path = scratch("clean.yaml", CLEAN);
    let out = hotc(&["check", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no problems found"));
}

#[test]
fn error_exits_1() {
    let path = scratch("broken.yaml", BROKEN);
    let out = hotc(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("error[H105]"), "{stdout}");
}

#[test]
fn warnings_alone_exit_0() {
    let path = scratch(
        "dup.yaml",
        "heat_template_version: 2018-08-31\nresources: {}\nresources: {}\n",
    );
    let out = hotc(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[H005]"));
}

#[test]
fn missing_path_exits_2_with_nothing_on_stdout() {
    let out = hotc(&["check", "/nonexistent/hotc/template.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn bad_flag_exits_2() {
    let out = hotc(&["check", "--no-such-flag", "x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_parameter_syntax_exits_2() {
    let path = scratch("p.yaml", CLEAN);
    let out = hotc(&["check", path.to_str().unwrap(), "-P", "novalue"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NAME=VALUE"));
}

#[test]
fn unknown_format_exits_2() {
    let path = scratch("f.yaml", CLEAN);
    let out = hotc(&["check", path.to_str().unwrap(), "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unreadable_content_is_a_diagnostic_not_a_failure() {
    let path = scratch("bin.yaml", "heat_template_version: x\n\u{0}\u{1}");
    let out = hotc(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("H003"));
}

#[test]
fn json_output_has_every_field() {
    let path = scratch(
        "j.yaml",
        "heat_template_version: 2018-08-31\nresources: {}\nresources: {}\nresource: {}\n",
    );
    let out = hotc(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["hotc_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["files"], 1);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    for d in diagnostics {
        for field in [
            "code",
            "rule",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "offset",
            "length",
            "related",
            "help",
        ] {
            assert!(d.get(field).is_some(), "missing {field} in {d}");
        }
        for field in ["code", "rule", "severity", "message", "file"] {
            assert!(d[field].is_string());
        }
    }
    // Sorted by offset: the duplicate key (line 3) before the unknown section (line 4).
    assert_eq!(diagnostics[0]["code"], "H005");
    assert_eq!(diagnostics[0]["line"], 3);
    assert_eq!(diagnostics[0]["column"], 1);
    assert_eq!(diagnostics[0]["related"][0]["line"], 2);
    assert_eq!(diagnostics[1]["code"], "H105");
    assert_eq!(diagnostics[1]["severity"], "error");
    assert_eq!(diagnostics[1]["offset"], 62);
    assert_eq!(diagnostics[1]["length"], 8);
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["warnings"], 1);
    assert_eq!(doc["summary"]["infos"], 0);
}

#[test]
fn stdin_is_read_with_its_name() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args([
            "check",
            "-",
            "--stdin-filename",
            "from-stdin.yaml",
            "--format",
            "json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(BROKEN.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["file"], "from-stdin.yaml");
}

#[test]
fn explain_prints_the_rule_documentation() {
    let out = hotc(&["explain", "H105"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unknown-section"));
    assert!(text.contains("The template section is invalid"));
    let out = hotc(&["explain", "H9999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule_as_json() {
    let out = hotc(&["rules", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), hotc::rules::all().len());
}

#[test]
fn directory_mode_checks_templates_and_skips_other_yaml() {
    let dir = std::env::temp_dir().join(format!("hotc-cli-{}-dir", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.yaml"), CLEAN).unwrap();
    std::fs::write(dir.join("sub/b.yaml"), BROKEN).unwrap();
    std::fs::write(dir.join("ansible.yml"), "- hosts: all\n  tasks: []\n").unwrap();
    let out = hotc(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{doc}");
    assert!(
        diagnostics[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("sub/b.yaml")
    );
}

#[test]
fn dangling_link_in_a_directory_is_an_unreadable_file() {
    let dir = std::env::temp_dir().join(format!("hotc-cli-{}-dangling", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ok.yaml"), CLEAN).unwrap();
    let link = dir.join("gone.yaml");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(dir.join("nowhere.yaml"), &link).unwrap();
    let out = hotc(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["code"], "H008", "{doc}");
}

#[test]
fn symlink_loop_in_a_directory_terminates() {
    let dir = std::env::temp_dir().join(format!("hotc-cli-{}-loop", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("ok.yaml"), CLEAN).unwrap();
    let link = dir.join("sub/up");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    let out = hotc(&["check", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn missing_environment_exits_2() {
    let path = scratch("e.yaml", CLEAN);
    let out = hotc(&[
        "check",
        path.to_str().unwrap(),
        "-e",
        "/nonexistent/env.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
