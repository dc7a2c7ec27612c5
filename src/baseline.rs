//! Baselines: `--write-baseline FILE` records today's findings, `--baseline
//! FILE` hides the ones recorded. A finding is matched by its file, its code,
//! the YAML path of the element it is about (`resources.server.properties.image`,
//! from the syntax tree) and its message — not by line, so edits elsewhere in
//! the file do not bring it back. Each recorded finding hides one diagnostic.
//!
//! The file is JSON, sorted, one finding per entry, with files relative to the
//! baseline's folder:
//!
//! ```json
//! {"hotc_baseline": 1,
//!  "findings": [{"file": "stack.yaml", "code": "H901",
//!                "path": "parameters.flavor", "message": "parameter `flavor` is never read"}]}
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, SourceMap};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    pub file: String,
    pub code: String,
    pub path: String,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    hotc_baseline: u32,
    findings: Vec<Finding>,
}

/// The findings of a baseline file, and the folder its file names are relative to.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    pub dir: PathBuf,
    pub findings: Vec<Finding>,
}

impl Baseline {
    /// Reads a baseline file; the error says why it cannot be used.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!(
                    "{}: no such baseline file (write one with --write-baseline)",
                    path.display()
                )
            }
            _ => format!("{}: cannot be read: {e}", path.display()),
        })?;
        let document: Document = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a hotc baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if document.hotc_baseline != FORMAT_VERSION {
            return Err(format!(
                "{}: baseline format {} is not one this hotc reads ({FORMAT_VERSION})",
                path.display(),
                document.hotc_baseline
            ));
        }
        Ok(Baseline {
            dir: folder_of(path),
            findings: document.findings,
        })
    }

    /// The findings of `diagnostics`, for a baseline file at `path`.
    pub fn record(path: &Path, diagnostics: &[Diagnostic], sources: &SourceMap) -> Baseline {
        let dir = folder_of(path);
        let mut keys = Keys::new(sources, &dir);
        let mut findings: Vec<Finding> = diagnostics.iter().map(|d| keys.finding(d)).collect();
        findings.sort();
        Baseline { dir, findings }
    }

    /// The baseline as its file holds it.
    pub fn to_json(&self) -> String {
        let document = Document {
            hotc_baseline: FORMAT_VERSION,
            findings: self.findings.clone(),
        };
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        std::fs::write(path, self.to_json())
            .map_err(|e| format!("{}: cannot be written: {e}", path.display()))
    }

    /// The diagnostics the baseline does not hold.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>, sources: &SourceMap) -> Vec<Diagnostic> {
        let mut left: HashMap<&Finding, usize> = HashMap::new();
        for f in &self.findings {
            *left.entry(f).or_default() += 1;
        }
        let mut keys = Keys::new(sources, &self.dir);
        diagnostics
            .into_iter()
            .filter(|d| {
                let finding = keys.finding(d);
                match left.get_mut(&finding) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

fn folder_of(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    crate::check::normalize(absolute.parent().unwrap_or(Path::new("/")))
}

/// Computes findings, parsing each file once.
struct Keys<'s> {
    sources: &'s SourceMap,
    dir: &'s Path,
    trees: BTreeMap<FileId, Option<crate::syntax::Node>>,
}

impl<'s> Keys<'s> {
    fn new(sources: &'s SourceMap, dir: &'s Path) -> Keys<'s> {
        Keys {
            sources,
            dir,
            trees: BTreeMap::new(),
        }
    }

    fn finding(&mut self, d: &Diagnostic) -> Finding {
        let source = self.sources.get(d.file);
        let tree = self
            .trees
            .entry(d.file)
            .or_insert_with(|| crate::syntax::parse(&source.text).root);
        let path = tree
            .as_ref()
            .map(|root| crate::syntax::path_at(root, d.span.start as usize).join("."))
            .unwrap_or_default();
        let file = match source.path.strip_prefix(self.dir) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => source.path.to_string_lossy().into_owned(),
        };
        Finding {
            file,
            code: d.code.to_string(),
            path,
            message: d.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, Span};

    #[test]
    fn each_recorded_finding_hides_one_diagnostic() {
        let mut sources = SourceMap::default();
        let text = "parameters:\n  a: {type: string}\n";
        let file = sources.add(SourceFile::new(
            "/p/t.yaml".into(),
            "t.yaml".into(),
            std::sync::Arc::from(text),
        ));
        let at = text.find("a:").unwrap();
        let d = Diagnostic {
            code: "H901",
            rule: "unused-parameter",
            severity: crate::diagnostics::Severity::Warning,
            message: "m".into(),
            file,
            span: Span::new(at, at + 1),
            related: Vec::new(),
            help: None,
            fix: None,
        };
        let baseline = Baseline::record(Path::new("/p/b.json"), std::slice::from_ref(&d), &sources);
        assert_eq!(baseline.findings[0].file, "t.yaml");
        assert_eq!(baseline.findings[0].path, "parameters.a");
        let left = baseline.filter(vec![d.clone(), d.clone()], &sources);
        assert_eq!(left.len(), 1, "one recorded finding hides one diagnostic");
        let elsewhere = Baseline {
            dir: "/q".into(),
            ..baseline
        };
        assert_eq!(
            elsewhere.filter(vec![d], &sources).len(),
            1,
            "files are relative to the baseline's folder"
        );
    }
}
