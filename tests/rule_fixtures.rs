//! Every rule has fixtures under `tests/fixtures/rules/<CODE>-<name>/`:
//! `fail*.yaml` must produce at least one diagnostic of that rule, `pass*.yaml`
//! none of it. The rendered human output and the JSON output of every fixture are
//! snapshots under `snapshots/`, so a reviewer sees exactly what users see.

use std::path::{Path, PathBuf};

use hotc::check::{self, CheckOptions};
use hotc::emit::{self, Report};

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let root = Path::new("tests/fixtures/rules");
    for dir in std::fs::read_dir(root).expect("fixtures folder") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("rule folder") {
            let file = file.expect("entry").path();
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if (name.starts_with("fail") || name.starts_with("pass"))
                && (name.ends_with(".yaml") || name.ends_with(".json"))
            {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

/// Fixture options: a first-line comment `# hotc-args: -P name=value -e env.yaml ...`
/// (environment paths relative to the fixture).
fn options_for(path: &Path) -> CheckOptions {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut parameters = Vec::new();
    let mut environments = Vec::new();
    if let Some(args) = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# hotc-args:"))
    {
        let words: Vec<&str> = args.split_whitespace().collect();
        for pair in words.windows(2) {
            if pair[0] == "-P" {
                if let Some((k, v)) = pair[1].split_once('=') {
                    parameters.push((k.to_string(), v.to_string()));
                }
            }
            if pair[0] == "-e" {
                environments.push(path.parent().unwrap().join(pair[1]));
            }
        }
    }
    CheckOptions {
        paths: vec![path.to_path_buf()],
        parameters,
        environments,
        ..CheckOptions::default()
    }
}

#[test]
fn rule_fixtures() {
    let mut failures = Vec::new();
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures found");
    for path in &files {
        let folder = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let code = folder.split('-').next().unwrap().to_string();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let result = check::run(&options_for(path)).expect("fixture can be checked");
        let report = Report {
            sources: &result.sources,
            diagnostics: &result.diagnostics,
            files_read: result.files_read,
        };
        let hits = result.diagnostics.iter().filter(|d| d.code == code).count();
        if name.starts_with("fail") && hits == 0 {
            failures.push(format!(
                "{}: expected a {code} diagnostic, got none",
                path.display()
            ));
        }
        if name.starts_with("pass") && hits > 0 {
            failures.push(format!(
                "{}: expected no {code} diagnostic, got {hits}",
                path.display()
            ));
        }
        // The tree root is the checkout's folder, wherever it is.
        let cwd = std::env::current_dir()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let human = emit::human::render(&report, false).replace(&cwd, "[ROOT]");
        let json = emit::json::render(&report).replace(&cwd, "[ROOT]");
        let snapshot_name = format!(
            "{folder}__{}",
            name.trim_end_matches(".yaml").trim_end_matches(".json")
        );
        insta::with_settings!({
            snapshot_path => "../snapshots/rules",
            prepend_module_to_snapshot => false,
            description => path.display().to_string(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(snapshot_name.clone(), human);
            insta::assert_snapshot!(format!("{snapshot_name}.json"), json);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_fixtures() {
    let folders: Vec<String> = std::fs::read_dir("tests/fixtures/rules")
        .expect("fixtures folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    // Rules whose input cannot be a file in the repository; tests/cli.rs covers them.
    let elsewhere = [
        "H008-unreadable-file",
        "H108-template-size",
        "H961-unknown-config-key",
        "H962-too-many-diagnostics",
    ];
    let mut missing = Vec::new();
    for rule in hotc::rules::all() {
        let folder = format!("{}-{}", rule.code, rule.name);
        // Build-spec rules have their fixtures under tests/fixtures/build.
        let build_rule = rule.code.starts_with('B');
        if !folders.contains(&folder) && !elsewhere.contains(&folder.as_str()) && !build_rule {
            missing.push(folder);
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}
