//! Suppression comments as users write them, beyond the H951 fixtures: the line
//! before and the same line, the file-level form, and `# hotc:` text that is
//! not a comment (a quoted scalar over several lines, a block scalar, a JSON
//! string). The snapshot lists what is left, one line per diagnostic.

use hotc::check::{self, CheckOptions};
use hotc::emit::{self, Report};

#[test]
fn suppression_fixtures() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/suppress")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let result = check::run(&CheckOptions {
            paths: vec![path.clone()],
            ..CheckOptions::default()
        })
        .unwrap();
        let report = Report {
            sources: &result.sources,
            diagnostics: &result.diagnostics,
            files_read: result.files_read,
        };
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::with_settings!({
            snapshot_path => "../snapshots/suppress",
            prepend_module_to_snapshot => false,
            description => path.display().to_string(),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, emit::github::render(&report));
        });
    }
}
