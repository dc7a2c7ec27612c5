//! Benchmark: what the built-in catalog costs — at start-up (indexing its
//! lines), on the first lookup of a type (parsing that type's lines), and
//! for looking up every type.
//!
//!     cargo bench --bench catalog

use std::hint::black_box;
use std::time::{Duration, Instant};

use hotc::catalog::Catalog;

const TEXT: &str = include_str!("../stdlib/catalog/heat-27.0.1.jsonl");

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn sample(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    median((0..runs).map(|_| f()).collect())
}

fn micros(d: Duration) -> String {
    format!("{:>9.1} µs", d.as_secs_f64() * 1e6)
}

/// In a fresh process: the first `Catalog::builtin()` and the first lookup,
/// in nanoseconds, as a `hotc` run pays them.
fn cold() -> (u128, u128) {
    let start = Instant::now();
    let builtin = Catalog::builtin();
    let index = start.elapsed().as_nanos();
    let start = Instant::now();
    black_box(builtin.get("OS::Nova::Server"));
    (index, start.elapsed().as_nanos())
}

/// The median of `cold()` over fresh processes (this benchmark re-run).
fn cold_in_processes(runs: usize) -> (Duration, Duration) {
    let exe = std::env::current_exe().expect("the benchmark's path");
    let mut index = Vec::new();
    let mut first = Vec::new();
    for _ in 0..runs {
        let out = std::process::Command::new(&exe)
            .env("HOTC_BENCH_COLD", "1")
            .output()
            .expect("the benchmark re-runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut numbers = text
            .split_whitespace()
            .map(|n| n.parse::<u64>().unwrap_or(0));
        index.push(Duration::from_nanos(numbers.next().unwrap_or(0)));
        first.push(Duration::from_nanos(numbers.next().unwrap_or(0)));
    }
    (median(index), median(first))
}

fn main() {
    if std::env::var_os("HOTC_BENCH_COLD").is_some() {
        let (index, first) = cold();
        println!("{index} {first}");
        return;
    }
    let processes = 21;
    let (cold_index, cold_first) = cold_in_processes(processes);
    let builtin = Catalog::builtin();

    let runs = 200;
    let index = sample(runs, || {
        let start = Instant::now();
        black_box(Catalog::index_trusted(TEXT).expect("valid"));
        start.elapsed()
    });
    let first = |name: &'static str| {
        sample(runs, move || {
            let catalog = Catalog::index_trusted(TEXT).expect("valid");
            let start = Instant::now();
            black_box(catalog.get(name));
            start.elapsed()
        })
    };
    let first_small = first("OS::Heat::None");
    let first_server = first("OS::Nova::Server");
    let names: Vec<String> = builtin.names().map(str::to_string).collect();
    let all = sample(20, || {
        let catalog = Catalog::index_trusted(TEXT).expect("valid");
        let start = Instant::now();
        for name in &names {
            black_box(catalog.get(name));
        }
        start.elapsed()
    });
    let warm = sample(runs, || {
        let start = Instant::now();
        for name in &names {
            black_box(builtin.get(name));
        }
        start.elapsed()
    }) / names.len() as u32;

    println!(
        "catalog: heat-27.0.1 ({} types, {} lines, {:.0} KiB)",
        names.len(),
        TEXT.lines().count(),
        TEXT.len() as f64 / 1024.0
    );
    println!("in a fresh process (median of {processes}):");
    println!(
        "  start-up (first Catalog::builtin):          {}",
        micros(cold_index)
    );
    println!(
        "  first lookup (OS::Nova::Server):            {}",
        micros(cold_first)
    );
    println!("in a warm process:");
    println!(
        "  indexing a user's file of the same size:    {}",
        micros(index)
    );
    println!(
        "  first lookup of OS::Heat::None:             {}",
        micros(first_small)
    );
    println!(
        "  first lookup of OS::Nova::Server:           {}",
        micros(first_server)
    );
    println!(
        "  first lookup of all {} types:              {}",
        names.len(),
        micros(all)
    );
    println!(
        "  lookup of a parsed type:                    {:>9.0} ns",
        warm.as_secs_f64() * 1e9
    );
}
