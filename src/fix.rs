//! `hotc check --fix` and `--diff`: the safe fixes rules attach to their
//! diagnostics, applied as text edits (comments and layout stay), pass after
//! pass until nothing is left to fix. The passes run on in-memory copies laid
//! over the disk, so `--diff` shows the result without writing anything.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::check::{self, CheckOptions, CheckResult, Fatal};
use crate::diagnostics::{Diagnostic, Fix};
use crate::policy::{self, Policy};
use crate::source::FileId;
use crate::workspace::Overlay;

/// Fixing stops after this many passes even if fixes keep coming (two fixes
/// that undo each other must not loop).
pub const MAX_PASSES: usize = 10;

/// One file the fixes change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedFile {
    pub path: PathBuf,
    /// As diagnostics show it.
    pub display: String,
    pub before: String,
    pub after: String,
    /// Fixes applied, over all passes.
    pub fixes: usize,
}

pub struct FixRun {
    /// The files that change, sorted by path.
    pub files: Vec<FixedFile>,
    /// The check of the fixed files (what is left to report).
    pub result: CheckResult,
}

/// Applies non-overlapping fixes to `text`, in order of position; a fix that
/// overlaps one already taken waits for the next pass. Returns the new text and
/// the number of fixes applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty())
        .collect();
    sorted.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<(u32, u32, &str)> = Vec::new();
    let mut count = 0;
    for fix in sorted {
        let overlaps = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|&(s, end, _)| e.span.start < end && s < e.span.end.max(e.span.start + 1))
                || e.span.end as usize > text.len()
                || !text.is_char_boundary(e.span.start as usize)
                || !text.is_char_boundary(e.span.end as usize)
        });
        if overlaps {
            continue;
        }
        taken.extend(
            fix.edits
                .iter()
                .map(|e| (e.span.start, e.span.end, e.text.as_str())),
        );
        count += 1;
    }
    taken.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for (s, e, replacement) in taken {
        out.push_str(&text[at..s as usize]);
        out.push_str(replacement);
        at = e as usize;
    }
    out.push_str(&text[at..]);
    (out, count)
}

/// The safe fixes of the diagnostics that the policy keeps, by file.
fn safe_fixes(diagnostics: &[Diagnostic]) -> BTreeMap<FileId, Vec<&Fix>> {
    let mut by_file: BTreeMap<FileId, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = d.fix.as_ref().filter(|f| f.safe) {
            by_file.entry(d.file).or_default().push(fix);
        }
    }
    by_file
}

/// Checks, fixes and checks again until no safe fix is left.
pub fn run(options: &CheckOptions, policy: &Policy) -> Result<FixRun, Fatal> {
    let mut overlay = options.overlay.clone().unwrap_or_else(Overlay::over_disk);
    let mut files: BTreeMap<PathBuf, FixedFile> = BTreeMap::new();
    let mut passes = 0;
    loop {
        let mut pass_options = options.clone();
        pass_options.overlay = Some(overlay.clone());
        let result = check::run(&pass_options)?;
        let kept = kept(policy, &result);
        let fixes = safe_fixes(&kept);
        if fixes.is_empty() || passes == MAX_PASSES {
            let mut files: Vec<FixedFile> = files
                .into_values()
                .filter(|f| f.before != f.after)
                .collect();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            return Ok(FixRun { files, result });
        }
        passes += 1;
        for (file, mut list) in fixes {
            if list.iter().any(|f| !f.after_others) {
                list.retain(|f| !f.after_others);
            }
            let source = result.sources.get(file);
            let (after, count) = apply(&source.text, &list);
            let entry = files
                .entry(source.path.clone())
                .or_insert_with(|| FixedFile {
                    path: source.path.clone(),
                    display: source.display.clone(),
                    before: source.text.to_string(),
                    after: String::new(),
                    fixes: 0,
                });
            entry.fixes += count;
            entry.after = after.clone();
            overlay.insert(source.path.clone(), after.into_bytes());
        }
    }
}

/// What `--fix` would act on: rule levels and baseline applied, no cap.
fn kept(policy: &Policy, result: &CheckResult) -> Vec<Diagnostic> {
    let configured = policy::configure(policy, result.diagnostics.clone(), &result.sources);
    match &policy.baseline {
        Some(b) => b.filter(configured, &result.sources),
        None => configured,
    }
}

/// Writes the fixed files.
pub fn write(files: &[FixedFile]) -> Result<(), String> {
    for f in files {
        std::fs::write(&f.path, &f.after)
            .map_err(|e| format!("{}: cannot be written: {e}", f.display))?;
    }
    Ok(())
}

/// A unified diff of one fixed file, as `git diff` shows it.
pub fn unified_diff(file: &FixedFile) -> String {
    let (old, new) = if std::path::Path::new(&file.display).is_relative() {
        (format!("a/{}", file.display), format!("b/{}", file.display))
    } else {
        (file.display.clone(), file.display.clone())
    };
    similar::TextDiff::from_lines(&file.before, &file.after)
        .unified_diff()
        .context_radius(3)
        .header(&old, &new)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Edit;
    use crate::source::Span;

    fn fix(start: usize, end: usize, text: &str) -> Fix {
        Fix::safe(
            "t",
            vec![Edit {
                span: Span::new(start, end),
                text: text.into(),
            }],
        )
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let a = fix(0, 3, "xyz");
        let b = fix(2, 4, "q");
        let c = fix(5, 6, "Z");
        let (out, n) = apply("abcdefg", &[&b, &c, &a]);
        assert_eq!((out.as_str(), n), ("xyzdeZg", 2));
    }
}
