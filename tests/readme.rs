//! The README shows what the tests exercise: its rule table is the one
//! `hotc rules --format markdown` prints, its CI workflow and pre-commit
//! configuration are the files under `examples/` (the pre-commit test uses the
//! latter), and the hotc command lines of the workflow run as shown.

use std::path::Path;
use std::process::Command;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn readme() -> String {
    std::fs::read_to_string("README.md").expect("README.md")
}

#[test]
fn the_rule_table_is_current() {
    let text = readme();
    let (before, rest) = text
        .split_once(START)
        .expect("README has <!-- rules:start -->");
    let (table, after) = rest.split_once(END).expect("README has <!-- rules:end -->");
    let current = hotc::rules::table::markdown();
    if table != current {
        if std::env::var_os("HOTC_UPDATE_README").is_some() {
            std::fs::write("README.md", format!("{before}{START}{current}{END}{after}")).unwrap();
            return;
        }
        panic!(
            "the README's rule table is stale: run `HOTC_UPDATE_README=1 cargo test --test readme` \
             (or paste `hotc rules --format markdown` between the markers)"
        );
    }
}

fn assert_shown(file: &str) {
    let text = readme();
    let content = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains(&format!("```yaml\n{content}```\n")),
        "the README does not show {file} as it is: copy it into its yaml block"
    );
}

#[test]
fn the_ci_workflow_and_pre_commit_config_are_the_tested_files() {
    assert_shown("examples/ci/github-workflow.yml");
    assert_shown("examples/pre-commit/.pre-commit-config.yaml");
}

/// Runs each `run: hotc ...` step of the workflow in a checkout with a broken
/// template, the way the runner's shell would (`> file` redirects stdout).
#[test]
fn the_workflow_hotc_steps_run() {
    let workflow = std::fs::read_to_string("examples/ci/github-workflow.yml").unwrap();
    let parsed = hotc::syntax::parse(&workflow);
    let root = parsed.root.expect("the workflow is YAML");
    let steps = root
        .get("jobs")
        .and_then(|j| j.get("hotc"))
        .and_then(|j| j.get("steps"))
        .and_then(|s| s.as_seq())
        .expect("jobs.hotc.steps");
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|s| s.get("run").and_then(|r| r.as_str()))
        .filter(|r| r.starts_with("hotc "))
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let dir = std::env::temp_dir().join(format!("hotc-readme-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::copy(
        "examples/templates/broken.yaml",
        dir.join("templates/broken.yaml"),
    )
    .unwrap();
    for command in commands {
        let (command, redirect) = match command.split_once(" > ") {
            Some((c, file)) => (c, Some(file.trim())),
            None => (command, None),
        };
        let words: Vec<&str> = command.split_whitespace().collect();
        let out = Command::new(env!("CARGO_BIN_EXE_hotc"))
            .args(&words[1..])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "`{command}` finds the mistakes");
        if let Some(file) = redirect {
            std::fs::write(dir.join(file), &out.stdout).unwrap();
            let sarif: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"];
            assert_eq!(uri, "templates/broken.yaml");
        } else {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.starts_with("::warning file=templates/broken.yaml,"),
                "{text}"
            );
        }
    }
    assert!(Path::new(&dir.join("hotc.sarif")).exists());
}
