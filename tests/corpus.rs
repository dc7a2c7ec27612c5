//! hotc against real template trees (../shared/corpus, when present) and Heat's
//! verdicts on them, labelled once with Heat's own validator and committed in
//! tests/expectations/:
//! - no error-severity diagnostic on a template Heat accepts (each checked alone);
//! - recall on single-fault mutants that Heat rejects: an error covering the
//!   mutated line.

#[path = "support/mutants.rs"]
mod mutants;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use hotc::check::{self, CheckOptions};
use hotc::diagnostics::{Diagnostic, Severity};

const CORPUS: &str = "../shared/corpus";

fn corpus() -> Option<PathBuf> {
    let path = PathBuf::from(CORPUS);
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{CORPUS} is missing: CI must check the corpus");
    }
    eprintln!("skipped: {CORPUS} is not present");
    None
}

fn expectations(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(format!("tests/expectations/{name}")).expect("expectations");
    serde_json::from_str(&text).expect("expectations are JSON")
}

/// A diagnostic with the lines its primary span covers and the line ranges of
/// its related spans in the same file.
type Located = (Diagnostic, usize, usize, Vec<(usize, usize)>);

/// Checks `text` as if it were the file at `path` (a stack root), returning the
/// diagnostics in that file with their lines. The tree is the corpus: its
/// templates reach files in other folders of it, as Heat's client does.
fn check_as(path: &Path, text: Option<String>) -> Vec<Located> {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::fs::canonicalize(CORPUS).ok();
    let options = match text {
        Some(text) => CheckOptions {
            stdin: Some((absolute.clone(), text)),
            root,
            ..CheckOptions::default()
        },
        None => CheckOptions {
            paths: vec![absolute.clone()],
            root,
            ..CheckOptions::default()
        },
    };
    let result = check::run(&options).expect("check runs");
    let Some(file) = result.sources.find(&absolute) else {
        return Vec::new();
    };
    let source = result.sources.get(file);
    result
        .diagnostics
        .into_iter()
        .filter(|d| d.file == file)
        .map(|d| {
            let start = source.position(d.span.start as usize).line;
            let end = source.position(d.span.end as usize).line;
            let related = d
                .related
                .iter()
                .filter(|r| r.file == file)
                .map(|r| {
                    (
                        source.position(r.span.start as usize).line,
                        source.position(r.span.end as usize).line,
                    )
                })
                .collect();
            (d, start, end, related)
        })
        .collect()
}

/// Errors hotc reports on templates Heat's validator accepts, because Heat
/// fails later (an output that can never resolve, a nested stack at create):
/// each one reviewed, with the reason, in
/// `tests/expectations/corpus-beyond-validation.json`.
fn beyond_validation() -> Vec<(String, usize, String)> {
    expectations("corpus-beyond-validation.json")
        .into_iter()
        .map(|r| {
            (
                r["relpath"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap() as usize,
                r["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn no_error_where_heat_accepts_the_template() {
    let Some(root) = corpus() else { return };
    let reviewed = beyond_validation();
    let mut seen_reviewed = Vec::new();
    let mut false_errors = Vec::new();
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    let mut checked = 0;
    for row in expectations("corpus-templates.json") {
        let relpath = row["relpath"].as_str().unwrap();
        let path = root.join(relpath);
        let heat_accepts = row["strict_ok"].as_bool() == Some(true);
        for (d, line, _, _) in check_as(&path, None) {
            match d.severity {
                Severity::Error if heat_accepts => {
                    let key = (relpath.to_string(), line, d.code.to_string());
                    if reviewed.contains(&key) {
                        seen_reviewed.push(key);
                    } else {
                        false_errors.push(format!("{relpath}:{line}: {} {}", d.code, d.message))
                    }
                }
                Severity::Warning => {
                    *warnings
                        .entry(format!("{} {}", d.code, d.rule))
                        .or_default() += 1
                }
                _ => {}
            }
        }
        checked += 1;
    }
    eprintln!("corpus templates checked alone: {checked}; warnings by rule: {warnings:#?}");
    eprintln!(
        "errors Heat's validation misses (reviewed): {}",
        seen_reviewed.len()
    );
    let stale: Vec<_> = reviewed
        .iter()
        .filter(|r| !seen_reviewed.contains(r))
        .collect();
    assert!(
        stale.is_empty(),
        "reviewed errors no longer reported (update corpus-beyond-validation.json): {stale:?}"
    );
    assert!(
        false_errors.is_empty(),
        "{} errors on templates Heat accepts:\n{}",
        false_errors.len(),
        false_errors.join("\n")
    );
}

#[test]
fn mutants_heat_rejects_are_reported_on_their_line() {
    let Some(root) = corpus() else { return };
    let originals: HashMap<String, bool> = expectations("mutant-originals.json")
        .into_iter()
        .map(|r| {
            (
                r["relpath"].as_str().unwrap().to_string(),
                r["heat_strict_accepts"].as_bool() == Some(true),
            )
        })
        .collect();
    let labels: HashMap<String, bool> = expectations("mutants.json")
        .into_iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["heat_strict_rejects"].as_bool() == Some(true),
            )
        })
        .collect();
    // kind -> (rejected by Heat, reported by hotc); and among the mutants
    // Heat accepts (its validation does not reach the fault; see DESIGN's
    // severity table), kind -> (accepted by Heat, reported by hotc).
    let mut recall: BTreeMap<&'static str, (usize, usize)> = mutants::MutantKind::ALL
        .into_iter()
        .map(|kind| (kind.name(), (0, 0)))
        .collect();
    let mut beyond: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for path in mutants::corpus_templates(&root) {
        let relpath = mutants::relative_path(&root, &path);
        if originals.get(&relpath) != Some(&true) {
            continue;
        }
        for m in mutants::corpus_mutants_of(&root, &path).unwrap() {
            let Some(&rejected) = labels.get(&m.id) else {
                continue;
            };
            let diagnostics = check_as(&path, Some(m.text.clone()));
            let covers = |(a, b): (usize, usize)| a <= m.line && m.line <= b;
            let found = diagnostics.iter().any(|(d, start, end, related)| {
                d.severity == Severity::Error
                    && (covers((*start, *end)) || related.iter().any(|r| covers(*r)))
            });
            let table = if rejected { &mut recall } else { &mut beyond };
            let entry = table.entry(m.kind.name()).or_default();
            entry.0 += 1;
            if found {
                entry.1 += 1;
            } else if rejected {
                missed.push(format!("{} (line {})", m.id, m.line));
            }
        }
    }
    let (total, hit) = recall
        .values()
        .fold((0, 0), |(t, h), (a, b)| (t + a, h + b));
    let percent = |h: usize, t: usize| match t {
        0 => "-".to_string(),
        _ => format!("{:.1}%", 100.0 * h as f64 / t as f64),
    };
    eprintln!("recall per kind (reported / rejected by Heat):");
    for (kind, (t, h)) in &recall {
        eprintln!("  {kind:<32} {h:>5} / {t:<5} {:>7}", percent(*h, *t));
    }
    eprintln!(
        "  {:<32} {hit:>5} / {total:<5} {:>7}",
        "all",
        percent(hit, total)
    );
    eprintln!("mutants Heat accepts, per kind (reported as errors by hotc / accepted):");
    for (kind, (t, h)) in &beyond {
        eprintln!("  {kind:<32} {h:>5} / {t:<5}");
    }
    for m in missed.iter().take(40) {
        eprintln!("  missed: {m}");
    }
    assert!(total > 1000, "too few labelled mutants: {total}");
    assert!(hit * 100 >= total * 98, "recall {hit}/{total} is below 98%");
    // The kinds across files and against the catalog, each on its own.
    let low: Vec<String> = mutants::MutantKind::CROSS_FILE
        .into_iter()
        .chain(mutants::MutantKind::CATALOG)
        .filter_map(|kind| {
            let (t, h) = recall.get(kind.name()).copied().unwrap_or_default();
            (h * 100 < t * 98).then(|| format!("{} {h}/{t}", kind.name()))
        })
        .collect();
    assert!(low.is_empty(), "recall below 98%: {}", low.join(", "));
}
