//! `hotc check --fix`: each fixture under `tests/fixtures/fix/` is fixed in
//! memory; the snapshot shows the diff and what is left to report. Fixing the
//! fixed text again changes nothing. Fixtures whose name says `no-fix`,
//! `kept` or `already-there` must not change.

use std::path::{Path, PathBuf};

use hotc::check::CheckOptions;
use hotc::emit::{self, Report};
use hotc::fix;
use hotc::policy::Policy;
use hotc::workspace::Overlay;

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/fix")
        .expect("fix fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    files
}

fn options(path: &Path, overlay: Option<Overlay>) -> CheckOptions {
    CheckOptions {
        paths: vec![path.to_path_buf()],
        overlay,
        ..CheckOptions::default()
    }
}

#[test]
fn fixes_keep_comments_and_layout_and_settle() {
    let policy = Policy::default();
    let mut problems = Vec::new();
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let run = fix::run(&options(&path, None), &policy).expect("fixture can be checked");
        let unchanged = ["no-fix", "kept", "already-there"]
            .iter()
            .any(|w| name.contains(w));
        if unchanged != run.files.is_empty() {
            problems.push(format!(
                "{name}: expected {} change",
                if unchanged { "no" } else { "a" }
            ));
        }
        let diff: String = run.files.iter().map(fix::unified_diff).collect();
        let report = Report {
            sources: &run.result.sources,
            diagnostics: &run.result.diagnostics,
            files_read: run.result.files_read,
        };
        let left = emit::human::render(&report, false);
        let shown = format!(
            "{}\n--- left to report ---\n{left}",
            if diff.is_empty() {
                "(no change)\n"
            } else {
                &diff
            }
        );
        insta::with_settings!({
            snapshot_path => "../snapshots/fix",
            prepend_module_to_snapshot => false,
            description => path.display().to_string(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.clone(), shown);
        });
        // A second --fix on the fixed text changes nothing.
        if let Some(fixed) = run.files.first() {
            let absolute = std::env::current_dir().unwrap().join(&path);
            let mut overlay = Overlay::over_disk();
            overlay.insert(absolute, fixed.after.clone().into_bytes());
            let again = fix::run(&options(&path, Some(overlay)), &policy).unwrap();
            if !again.files.is_empty() {
                problems.push(format!("{name}: a second --fix changes it again"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixes_apply_only_to_rules_that_are_on() {
    let path = PathBuf::from("tests/fixtures/fix/H401-undeclared-parameter.yaml");
    let mut policy = Policy::default();
    policy.rules.insert("H401", hotc::config::Level::Off);
    let run = fix::run(&options(&path, None), &policy).unwrap();
    // The unused parameters still go (H901 is on); the typos stay.
    let after = &run.files[0].after;
    assert!(after.contains("{get_param: imgae}"), "{after}");
    assert!(!after.contains("image: {type: string}"), "{after}");
}
