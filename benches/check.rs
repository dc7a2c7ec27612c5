//! Benchmark: `hotc check` on a corpus directory against the floor of reading and
//! parsing the same files with saphyr-parser alone, both on all cores.
//!
//!     cargo bench --bench check -- [DIR]   (default ../shared/corpus/tripleo-train-rendered)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "yaml" | "yml" | "json" | "template"))
        })
        .collect();
    files.sort();
    files
}

/// Read every file and drain saphyr-parser's events: the least any checker must do.
fn floor(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return 0;
            };
            let mut parser = saphyr_parser::Parser::new_from_str(&text);
            let mut events = 0;
            while let Some(Ok(_)) = parser.next_event() {
                events += 1;
            }
            events
        })
        .sum()
}

/// Read every file and build hotc's syntax tree (saphyr plus hotc's reading).
fn syntax_trees(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return 0;
            };
            let parsed = hotc::syntax::parse(&text);
            parsed.root.map(|r| r.count()).unwrap_or(0)
        })
        .sum()
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus/tripleo-train-rendered"));
    if !dir.is_dir() {
        eprintln!("benchmark skipped: {} is not present", dir.display());
        return;
    }
    let files = yaml_files(&dir);
    let bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let options = hotc::check::CheckOptions {
        paths: vec![dir.clone()],
        ..Default::default()
    };
    // Warm the file cache and the catalog once.
    floor(&files);
    let _ = hotc::check::run(&options);
    let runs = 10;
    let floor_time = best_of(runs, || {
        std::hint::black_box(floor(&files));
    });
    let tree_time = best_of(runs, || {
        std::hint::black_box(syntax_trees(&files));
    });
    let mut diagnostics = 0;
    let check_time = best_of(runs, || {
        let result = hotc::check::run(&options).expect("check runs");
        diagnostics = result.diagnostics.len();
    });
    println!(
        "corpus: {} ({} files, {:.1} MiB), threads: {}",
        dir.display(),
        files.len(),
        bytes as f64 / 1048576.0,
        rayon::current_num_threads()
    );
    println!(
        "read + parse (saphyr events) floor: {:>8.1} ms",
        floor_time.as_secs_f64() * 1e3
    );
    println!(
        "read + hotc syntax trees:           {:>8.1} ms  ({:.2}x the floor)",
        tree_time.as_secs_f64() * 1e3,
        tree_time.as_secs_f64() / floor_time.as_secs_f64()
    );
    println!(
        "hotc check (directory mode):        {:>8.1} ms  ({diagnostics} diagnostics)",
        check_time.as_secs_f64() * 1e3
    );
    println!(
        "ratio: {:.2}x the floor (best of {runs})",
        check_time.as_secs_f64() / floor_time.as_secs_f64()
    );
}
