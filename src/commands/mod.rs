//! The subcommands behind the command line: each turns parsed arguments into
//! calls of the library and an exit code (0, 1, or 2 when hotc could not do
//! its job, with the message on stderr and nothing on stdout).

pub mod build;
pub mod check;
pub mod graph;
pub mod lsp;
pub mod types;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{self, Config};

/// Prints why hotc could not do its job; exit code 2.
pub(crate) fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("hotc: {message}");
    ExitCode::from(2)
}

/// Writes to stdout; a closed pipe (`hotc rules | head`) is not an error.
pub(crate) fn print_out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

pub(crate) fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
}

/// `-P NAME=VALUE` pairs.
pub(crate) fn parameters(pairs: &[String]) -> Result<Vec<(String, String)>, String> {
    pairs
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("-P expects NAME=VALUE, got `{p}`")),
        })
        .collect()
}

/// The project file: `--config FILE`, else the nearest `hotc.toml` above the
/// paths (all of them must agree), else none.
pub(crate) fn project_config(
    explicit: Option<&Path>,
    paths: &[PathBuf],
    cwd: &Path,
) -> Result<Option<Config>, String> {
    if let Some(path) = explicit {
        return config::load(path, cwd).map(Some).map_err(|e| e.to_string());
    }
    let mut found: Option<PathBuf> = None;
    for p in paths {
        let absolute = crate::check::normalize(&cwd.join(p));
        let Some(candidate) = config::find(&absolute) else {
            continue;
        };
        match &found {
            Some(f) if *f != candidate => {
                return Err(format!(
                    "the paths belong to different projects ({} and {}); check them one project at a time or pass --config",
                    crate::source::display_path(f, cwd),
                    crate::source::display_path(&candidate, cwd)
                ));
            }
            _ => found = Some(candidate),
        }
    }
    match found {
        Some(path) => config::load(&path, cwd)
            .map(Some)
            .map_err(|e| e.to_string()),
        None => Ok(None),
    }
}

/// `hotc init [DIR]`.
pub fn init(dir: Option<PathBuf>) -> ExitCode {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return fail(format!("{}: no such directory", dir.display()));
    }
    match config::init(&dir) {
        Ok(path) => {
            let cwd = current_dir();
            let path = crate::check::normalize(&cwd.join(path));
            print_out(&format!(
                "wrote {}\n",
                crate::source::display_path(&path, &cwd)
            ));
            ExitCode::SUCCESS
        }
        Err(message) => fail(message),
    }
}
