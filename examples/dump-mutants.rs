//! Write every mutant of the template corpus to a directory, for labelling
//! with Heat (`scripts/label-mutants.py`).
//!
//! ```text
//! cargo run --example dump-mutants -- [--corpus DIR] OUT
//! cargo run --example dump-mutants -- [--corpus DIR] --list
//! ```
//!
//! `OUT` must be missing or empty. It receives:
//! - `OUT/tree/`: a copy of the corpus, so that a mutant written beside its
//!   original still finds the files it references (nested templates,
//!   `get_file`);
//! - `OUT/templates.txt`: every corpus template, one relative path a line;
//! - `OUT/mutants/<n>.json`: one mutant each, `{id, kind, line, removed,
//!   relpath, description, text}` (`removed`: the line of the original a
//!   mutant removes, or null).
//!
//! `--list` only prints the corpus templates' relative paths.
//! The corpus defaults to `../shared/corpus`.

#[path = "../tests/support/mutants.rs"]
mod mutants;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dump-mutants: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut corpus = PathBuf::from("../shared/corpus");
    let mut list_only = false;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => {
                corpus = PathBuf::from(args.next().ok_or("--corpus needs a directory")?);
            }
            "--list" => list_only = true,
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if !corpus.is_dir() {
        return Err(format!("no corpus at {}", corpus.display()));
    }
    let templates = mutants::corpus_templates(&corpus);
    let relpaths: Vec<String> = templates
        .iter()
        .map(|path| mutants::relative_path(&corpus, path))
        .collect();
    if list_only {
        for relpath in &relpaths {
            println!("{relpath}");
        }
        return Ok(());
    }
    let out = out.ok_or("usage: dump-mutants [--corpus DIR] (OUT | --list)")?;
    if out.exists() {
        let mut entries =
            fs::read_dir(&out).map_err(|error| format!("{}: {error}", out.display()))?;
        if entries.next().is_some() {
            return Err(format!("{} is not empty", out.display()));
        }
    }
    copy_tree(&corpus, &out.join("tree"))?;
    let mutants_dir = out.join("mutants");
    create_dir(&mutants_dir)?;
    write(&out.join("templates.txt"), &lines(&relpaths))?;

    let mut count = 0usize;
    for (path, relpath) in templates.iter().zip(&relpaths) {
        let Some(found) = mutants::corpus_mutants_of(&corpus, path) else {
            eprintln!("dump-mutants: skipping {relpath}: not UTF-8");
            continue;
        };
        for mutant in found {
            let record = serde_json::json!({
                "id": mutant.id,
                "kind": mutant.kind.name(),
                "line": mutant.line,
                "removed": mutant.removed,
                "relpath": relpath,
                "description": mutant.description,
                "text": mutant.text,
            });
            let json = serde_json::to_string_pretty(&record)
                .map_err(|error| format!("{}: {error}", mutant.id))?;
            write(&mutants_dir.join(format!("{count:05}.json")), &json)?;
            count += 1;
        }
    }
    eprintln!(
        "dump-mutants: {count} mutants of {} templates in {}",
        templates.len(),
        out.display()
    );
    Ok(())
}

fn lines(items: &[String]) -> String {
    items.iter().map(|item| format!("{item}\n")).collect()
}

fn create_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|error| format!("{}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

/// Copy regular files and directories; symbolic links are followed for
/// files and skipped for directories.
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    create_dir(to)?;
    let entries = fs::read_dir(from).map_err(|error| format!("{}: {error}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|error| format!("{}: {error}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        let link = fs::symlink_metadata(&source)
            .map(|metadata| metadata.file_type().is_symlink())
            .unwrap_or(false);
        if source.is_dir() {
            if !link {
                copy_tree(&source, &target)?;
            }
        } else if source.is_file() {
            fs::copy(&source, &target).map_err(|error| format!("{}: {error}", source.display()))?;
        }
    }
    Ok(())
}
