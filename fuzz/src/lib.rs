//! What the fuzz targets share: running the check pipeline on in-memory files
//! and rendering its report in every format, so that span arithmetic is
//! exercised as well.

use std::path::PathBuf;

use hotc::check::{self, CheckOptions};
use hotc::emit::{self, Report};
use hotc::workspace::Overlay;

/// The folder the in-memory trees live in.
pub const ROOT: &str = "/fuzz";

/// Checks `paths` (relative to [`ROOT`]) over the in-memory `files`, with
/// `environments`, and renders the result.
pub fn check(files: &[(&str, &[u8])], paths: &[&str], environments: &[&str]) {
    let root = PathBuf::from(ROOT);
    let mut overlay = Overlay::memory_only();
    for (name, bytes) in files {
        overlay.insert(root.join(name), bytes.to_vec());
    }
    let options = CheckOptions {
        paths: paths.iter().map(|p| root.join(p)).collect(),
        environments: environments.iter().map(|p| root.join(p)).collect(),
        overlay: Some(overlay),
        root: Some(root),
        ..CheckOptions::default()
    };
    let Ok(result) = check::run(&options) else {
        return;
    };
    let report = Report {
        sources: &result.sources,
        diagnostics: &result.diagnostics,
        files_read: result.files_read,
    };
    let _ = emit::human::render(&report, true);
    let _ = emit::json::render(&report);
    let _ = emit::sarif::render(&report);
    let _ = emit::github::render(&report);
}
