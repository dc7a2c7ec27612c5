//! The command line as users and CI see it: exit codes, streams, JSON contract.

#[path = "support/run.rs"]
mod run;
use run::hotc;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

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

// ---- Output formats, gates, project file, baselines, fixes, graphs ----

fn hotc_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("hotc runs")
}

/// A fresh folder with these files (parents created).
fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots/cli",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

const UNUSED_TWO: &str = "heat_template_version: 2018-08-31\nparameters:\n  a: {type: string}\n  b: {type: string}\nresources: {}\n";

#[test]
fn sarif_output_snapshot() {
    let out = hotc(&[
        "check",
        "examples/templates/broken.yaml",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let mut doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document");
    let run = &mut doc["runs"][0];
    // Every rule is described; the snapshot keeps those the results name.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap().clone();
    assert_eq!(rules.len(), hotc::rules::all().len());
    let used: Vec<String> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap().to_string())
        .collect();
    run["tool"]["driver"]["rules"] = rules
        .into_iter()
        .filter(|r| used.contains(&r["id"].as_str().unwrap().to_string()))
        .collect();
    run["tool"]["driver"]["version"] = "[VERSION]".into();
    run["tool"]["driver"]["semanticVersion"] = "[VERSION]".into();
    let base = &run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(base.as_str().unwrap(), format!("file://{}/", cwd.display()));
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///[CWD]/".into();
    snapshot("sarif-broken", &serde_json::to_string_pretty(&doc).unwrap());
}

#[test]
fn github_and_json_output_snapshots() {
    let out = hotc(&[
        "check",
        "examples/templates/broken.yaml",
        "--format",
        "github",
    ]);
    assert_eq!(out.status.code(), Some(1));
    snapshot("github-broken", &stdout(&out));
    let out = hotc(&[
        "check",
        "examples/templates/broken.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    snapshot(
        "json-broken",
        &stdout(&out).replace(env!("CARGO_PKG_VERSION"), "[VERSION]"),
    );
}

#[test]
fn quiet_prints_only_diagnostics() {
    let clean = scratch("quiet-clean.yaml", CLEAN);
    let out = hotc(&["check", "-q", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let broken = scratch("quiet-broken.yaml", BROKEN);
    let out = hotc(&["check", "--quiet", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[H105]"));
    assert!(!stdout(&out).contains("in 1 file"), "{}", stdout(&out));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let broken = scratch("color.yaml", BROKEN);
    let path = broken.to_str().unwrap();
    let out = hotc(&["check", "--color", "always", path]);
    assert!(stdout(&out).contains("\u{1b}["), "colour asked for");
    let out = hotc(&["check", "--color", "never", path]);
    assert!(!stdout(&out).contains("\u{1b}["));
    // Not a terminal, NO_COLOR set: auto means none.
    let out = hotc(&["check", path]);
    assert!(!stdout(&out).contains("\u{1b}["));
}

/// `--color auto` on a terminal (a pseudo-terminal from util-linux's `script`):
/// colour, unless NO_COLOR is set.
#[test]
fn color_auto_on_a_terminal_respects_no_color() {
    if Command::new("script").arg("--version").output().is_err() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "script (util-linux) is missing"
        );
        eprintln!("skipped: no `script` to run hotc on a terminal");
        return;
    }
    let broken = scratch("tty.yaml", BROKEN);
    let command = format!("{} check {}", env!("CARGO_BIN_EXE_hotc"), broken.display());
    let on_tty = |no_color: Option<&str>| {
        let mut c = Command::new("script");
        c.args(["-qec", &command, "/dev/null"])
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        stdout(&out)
    };
    assert!(on_tty(None).contains("\u{1b}["), "a terminal gets colour");
    assert!(
        !on_tty(Some("1")).contains("\u{1b}["),
        "NO_COLOR turns it off"
    );
    assert!(
        on_tty(Some("")).contains("\u{1b}["),
        "an empty NO_COLOR does not"
    );
}

#[test]
fn fail_on_warning_and_max_warnings_gate_ci() {
    let path = scratch("gates.yaml", UNUSED_TWO);
    let path = path.to_str().unwrap();
    assert_eq!(hotc(&["check", path]).status.code(), Some(0));
    assert_eq!(
        hotc(&["check", path, "--fail-on", "warning"]).status.code(),
        Some(1)
    );
    assert_eq!(
        hotc(&["check", path, "--fail-on", "error"]).status.code(),
        Some(0)
    );
    assert_eq!(
        hotc(&["check", path, "--max-warnings", "2"]).status.code(),
        Some(0)
    );
    let out = hotc(&["check", path, "--max-warnings", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("2 warnings, more than --max-warnings 1"));
    assert_eq!(
        hotc(&["check", path, "--fail-on", "info"]).status.code(),
        Some(2)
    );
    assert_eq!(
        hotc(&["check", path, "--max-warnings", "x"]).status.code(),
        Some(2)
    );
}

#[test]
fn diagnostics_per_file_are_capped_with_a_closing_one() {
    let mut text = String::from("heat_template_version: 2018-08-31\nparameters:\n");
    for i in 0..5 {
        text.push_str(&format!("  p{i}: {{type: string}}\n"));
    }
    text.push_str("resources:\n  r: {type: OS::Heat::None, propertis: {}}\n");
    let dir = project("cap", &[("t.yaml", &text)]);
    let out = hotc_in(
        &dir,
        &["check", "t.yaml", "--max-diagnostics-per-file", "2"],
    );
    // The hidden ones include an error: the closing diagnostic is one too.
    assert_eq!(out.status.code(), Some(1));
    snapshot("cap-human", &stdout(&out));
    std::fs::write(
        dir.join("hotc.toml"),
        "[check]\nmax_diagnostics_per_file = 5\n",
    )
    .unwrap();
    let out = hotc_in(&dir, &["check", "t.yaml", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 6);
    assert_eq!(d[5]["code"], "H962");
    assert_eq!(d[5]["severity"], "error");
    assert_eq!(
        d[5]["message"],
        "1 more diagnostic in this file is not shown (1 error): at most 5 are shown per file"
    );
    // 0: no limit.
    let out = hotc_in(
        &dir,
        &[
            "check",
            "t.yaml",
            "--format",
            "json",
            "--max-diagnostics-per-file",
            "0",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 6);
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn hotc_toml_sets_rule_levels_and_overrides() {
    let dir = project(
        "levels",
        &[
            (
                "hotc.toml",
                "[rules]\nunused-parameter = \"off\"\nH105 = \"warning\"\n\n[[overrides]]\npaths = [\"legacy/**\"]\nrules = { H901 = \"error\" }\n",
            ),
            ("t.yaml", UNUSED_TWO),
            ("b.yaml", BROKEN),
            ("legacy/old.yaml", UNUSED_TWO),
        ],
    );
    let out = hotc_in(&dir, &["check", "t.yaml", "b.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{doc}");
    assert_eq!(d[0]["code"], "H105");
    assert_eq!(d[0]["severity"], "warning");
    let out = hotc_in(&dir, &["check", "legacy/old.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 2);
}

#[test]
fn named_files_find_the_project_file_from_anywhere() {
    let dir = project(
        "walkup",
        &[
            ("hotc.toml", "[rules]\nH901 = \"off\"\n"),
            ("deep/er/t.yaml", UNUSED_TWO),
        ],
    );
    // From the project's parent folder, naming the file only.
    let out = hotc_in(
        dir.parent().unwrap(),
        &[
            "check",
            &format!(
                "{}/deep/er/t.yaml",
                dir.file_name().unwrap().to_string_lossy()
            ),
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 0, "{doc}");
    // --config names another one.
    std::fs::write(dir.join("other.toml"), "").unwrap();
    let out = hotc_in(
        &dir,
        &[
            "check",
            "deep/er/t.yaml",
            "--config",
            "other.toml",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 2, "{doc}");
}

#[test]
fn bad_project_files_exit_2_with_the_position() {
    for (name, text, message) in [
        (
            "not-toml",
            "[check\n",
            "hotc.toml:1:7: this is not valid TOML",
        ),
        (
            "bad-value",
            "[check]\nheat_release = \"2024.1\"\n",
            "hotc.toml:2:16: hotc does not know Heat release `2024.1`; it knows 27.0.1",
        ),
        (
            "bad-level",
            "[rules]\nH901 = \"loud\"\n",
            "hotc.toml:2:8: `loud` is not a level",
        ),
        (
            "binary",
            "\u{0}\u{1}\u{2}",
            "hotc.toml:1:4: this is not valid TOML",
        ),
    ] {
        let dir = project(
            &format!("badconfig-{name}"),
            &[("hotc.toml", text), ("t.yaml", CLEAN)],
        );
        let out = hotc_in(&dir, &["check", "t.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(
            stderr(&out).starts_with("hotc: hotc.toml:"),
            "{name}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
    }
    let dir = project("badconfig-missing", &[("t.yaml", CLEAN)]);
    let out = hotc_in(&dir, &["check", "t.yaml", "--config", "nowhere.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "hotc: nowhere.toml: no such file\n");
    let dir = project("badconfig-utf8", &[("t.yaml", CLEAN)]);
    std::fs::write(dir.join("hotc.toml"), b"\xff\xfe[check]").unwrap();
    let out = hotc_in(&dir, &["check", "t.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
}

#[test]
fn paths_of_two_projects_exit_2() {
    let dir = project(
        "twoprojects",
        &[
            ("a/hotc.toml", ""),
            ("a/t.yaml", CLEAN),
            ("b/hotc.toml", ""),
            ("b/t.yaml", CLEAN),
        ],
    );
    let out = hotc_in(&dir, &["check", "a/t.yaml", "b/t.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("different projects"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_project_keys_are_warnings_in_hotc_toml() {
    let dir = project(
        "unknownkey",
        &[
            ("hotc.toml", "[check]\nexlcude = [\"vendor\"]\n"),
            ("t.yaml", CLEAN),
        ],
    );
    let out = hotc_in(&dir, &["check", "t.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    snapshot("unknown-config-key", &stdout(&out));
    let out = hotc_in(&dir, &["check", "t.yaml", "--fail-on", "warning"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn include_and_exclude_apply_to_walking_and_force_exclude_to_named_files() {
    let dir = project(
        "filters",
        &[
            (
                "hotc.toml",
                "[check]\ninclude = [\"templates\"]\nexclude = [\"**/skip-*.yaml\"]\n",
            ),
            ("templates/a.yaml", BROKEN),
            ("templates/skip-b.yaml", BROKEN),
            ("other/c.yaml", BROKEN),
            ("templates/playbook.yaml", "- hosts: all\n"),
        ],
    );
    let files = |out: &Output| -> Vec<String> {
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    let out = hotc_in(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(files(&out), ["templates/a.yaml"]);
    // Named files are checked whatever the filters say...
    let named = [
        "check",
        "templates/skip-b.yaml",
        "other/c.yaml",
        "--format",
        "json",
    ];
    assert_eq!(
        files(&hotc_in(&dir, &named)),
        ["other/c.yaml", "templates/skip-b.yaml"]
    );
    // ...unless --force-exclude, which also skips YAML that is not a template.
    let out = hotc_in(
        &dir,
        &[
            "check",
            "--force-exclude",
            "templates/skip-b.yaml",
            "other/c.yaml",
            "templates/a.yaml",
            "templates/playbook.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(files(&out), ["templates/a.yaml"]);
    let out = hotc_in(&dir, &["check", "templates/playbook.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "named without --force-exclude: must be a template"
    );
}

#[test]
fn baseline_round_trip_survives_edits_above_the_finding() {
    let before =
        "heat_template_version: 2018-08-31\nparameters:\n  flavor: {type: string}\nresources: {}\n";
    let dir = project("baseline", &[("t.yaml", before)]);
    let out = hotc_in(
        &dir,
        &["check", "t.yaml", "--write-baseline", "hotc-baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "hotc: recorded 1 findings in hotc-baseline.json\n"
    );
    let written = std::fs::read_to_string(dir.join("hotc-baseline.json")).unwrap();
    snapshot("baseline-file", &written);
    let out = hotc_in(
        &dir,
        &[
            "check",
            "t.yaml",
            "--baseline",
            "hotc-baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Lines added above move the finding down: it stays hidden.
    let shifted = "heat_template_version: 2018-08-31\n# A description.\ndescription: >\n  Longer now.\n\nparameters:\n  # The flavor.\n  flavor: {type: string}\nresources: {}\n";
    std::fs::write(dir.join("t.yaml"), shifted).unwrap();
    let out = hotc_in(
        &dir,
        &[
            "check",
            "t.yaml",
            "--baseline",
            "hotc-baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no problems found"));
    // A new finding shows.
    let grown = shifted.replace("resources: {}", "  image: {type: string}\nresources: {}");
    std::fs::write(dir.join("t.yaml"), grown).unwrap();
    let out = hotc_in(
        &dir,
        &[
            "check",
            "t.yaml",
            "--baseline",
            "hotc-baseline.json",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["message"], "parameter `image` is never read");
}

#[test]
fn bad_baselines_exit_2() {
    let dir = project(
        "badbaseline",
        &[("t.yaml", CLEAN), ("b.json", "{\"findings\": 3}")],
    );
    let out = hotc_in(&dir, &["check", "t.yaml", "--baseline", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("missing.json: no such baseline file"),
        "{}",
        stderr(&out)
    );
    let out = hotc_in(&dir, &["check", "t.yaml", "--baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("b.json:1:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a hotc baseline"),
        "{}",
        stderr(&out)
    );
    let out = hotc_in(
        &dir,
        &["check", "t.yaml", "--write-baseline", "b.json", "--fix"],
    );
    assert_eq!(out.status.code(), Some(2), "the two do not go together");
}

#[test]
fn fix_writes_and_diff_does_not() {
    let broken =
        "heat_template_version: 2018-08-31\nresource:  # typo\n  r: {type: OS::Heat::None}\n";
    let dir = project("fixcli", &[("t.yaml", broken)]);
    let out = hotc_in(&dir, &["check", "t.yaml", "--diff"]);
    assert_eq!(out.status.code(), Some(1), "there is a fix to apply");
    snapshot("diff", &stdout(&out));
    assert_eq!(std::fs::read_to_string(dir.join("t.yaml")).unwrap(), broken);
    let out = hotc_in(&dir, &["check", "t.yaml", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no problems found"));
    assert_eq!(stderr(&out), "hotc: applied 1 fixes in 1 files\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("t.yaml")).unwrap(),
        broken.replace("resource:", "resources:")
    );
    let out = hotc_in(&dir, &["check", "t.yaml", "--diff"]);
    assert_eq!(out.status.code(), Some(0), "nothing left to fix");
    assert!(out.stdout.is_empty());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["check", "-", "--fix"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(broken.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_writes_a_starter_and_never_overwrites() {
    let dir = project("init", &[]);
    let out = hotc_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "wrote hotc.toml\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("hotc.toml")).unwrap(),
        hotc::config::STARTER
    );
    let out = hotc_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    let out = hotc_in(&dir, &["init", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn without_a_path_the_current_directory_is_checked() {
    let dir = project(
        "nopath",
        &[
            ("hotc.toml", "[rules]\nH105 = \"info\"\n"),
            ("sub/b.yaml", BROKEN),
        ],
    );
    let out = hotc_in(&dir, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["file"], "sub/b.yaml");
    assert_eq!(doc["diagnostics"][0]["severity"], "info");
    // Standard input finds the project file from the name it is given.
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args([
            "check",
            "-",
            "--stdin-filename",
            "sub/b.yaml",
            "--format",
            "json",
        ])
        .current_dir(&dir)
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
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn unreadable_named_path_exits_2() {
    let file = scratch("plain.yaml", CLEAN);
    let inside_a_file = file.join("x.yaml");
    let out = hotc(&["check", inside_a_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("cannot be read"), "{}", stderr(&out));
}

#[test]
fn every_command_has_examples_in_its_help() {
    use clap::CommandFactory;
    let cli = hotc::cli::Cli::command();
    let mut names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names.push(String::new());
    for name in names {
        let args: Vec<&str> = if name.is_empty() {
            vec!["--help"]
        } else {
            vec![name.as_str(), "--help"]
        };
        let out = hotc(&args);
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(
            stdout(&out).contains("Examples:"),
            "`hotc {name} --help` has no examples"
        );
    }
}

#[test]
fn explain_covers_every_rule() {
    for rule in hotc::rules::all() {
        let out = hotc(&["explain", rule.code]);
        assert_eq!(out.status.code(), Some(0), "{}", rule.code);
        let text = stdout(&out);
        assert!(
            text.starts_with(&format!("{} {} (", rule.code, rule.name)),
            "{text}"
        );
        assert!(text.contains(rule.summary()), "{text}");
        let by_name = hotc(&["explain", rule.name]);
        assert_eq!(by_name.stdout, out.stdout);
    }
}

#[test]
fn graph_shows_includes_and_dependencies() {
    let parent = "heat_template_version: 2018-08-31\nresources:\n  net:\n    type: OS::Neutron::Net\n  member:\n    type: child.yaml\n    properties: {network: {get_resource: net}}\n  \"odd \\\"name\\\"\":\n    type: OS::Heat::None\n    depends_on: member\n";
    let child = "heat_template_version: 2018-08-31\nparameters:\n  network: {type: string}\nresources:\n  config:\n    type: OS::Heat::SoftwareConfig\n    properties: {config: {get_file: boot.sh}}\n";
    let dir = project(
        "graph",
        &[
            ("parent.yaml", parent),
            ("child.yaml", child),
            ("boot.sh", "#!/bin/sh\n"),
            ("env.yaml", "resource_registry:\n  My::Thing: thing.yaml\n"),
            (
                "thing.yaml",
                "heat_template_version: 2018-08-31\nresources: {}\n",
            ),
        ],
    );
    let out = hotc_in(&dir, &["graph", "parent.yaml", "-e", "env.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    snapshot("graph-dot", &stdout(&out));
    let out = hotc_in(
        &dir,
        &["graph", "parent.yaml", "-e", "env.yaml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    snapshot("graph-json", &stdout(&out));
    let out = hotc_in(&dir, &["graph", "missing.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn an_internal_error_names_the_file_asks_for_a_report_and_exits_2() {
    let root = scratch(
        "crash-root.yaml",
        "heat_template_version: 2018-08-31\nresources:\n  child: {type: crash-child.yaml}\n",
    );
    let child = root.with_file_name("crash-child.yaml");
    std::fs::write(&child, CLEAN).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["check", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("HOTC_CRASH_TEST", "crash-child.yaml")
        .output()
        .expect("hotc runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "hotc: internal error while processing {}: HOTC_CRASH_TEST asked for a panic at src/crash.rs:",
            child.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("this is a bug in hotc"), "{stderr}");
    assert!(stderr.contains("Please report it"), "{stderr}");
}

#[test]
fn an_internal_error_in_build_names_the_spec() {
    let spec = scratch("crash-spec.yaml", "driver: {name: crashing}\n");
    let out = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["build", spec.to_str().unwrap(), "--dry-run"])
        .env("HOTC_CRASH_TEST", "crash-spec.yaml")
        .output()
        .expect("hotc runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "internal error while processing {}",
            spec.display()
        )),
        "{stderr}"
    );
    assert!(!spec.with_file_name("crashing").exists());
}
