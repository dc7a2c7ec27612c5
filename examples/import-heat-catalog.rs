//! Writes hotc's catalog of a Heat release from the facts read out of Heat.
//!
//!     cargo run --example import-heat-catalog -- \
//!         ../shared/heat-catalog/heat-resource-types.json \
//!         stdlib/catalog/sources/heat-27.0.1-supplement.json \
//!         > stdlib/catalog/heat-27.0.1.jsonl
//!
//! See stdlib/catalog/README.md.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [facts, supplement] = args.as_slice() else {
        eprintln!(
            "usage: import-heat-catalog HEAT-RESOURCE-TYPES.json SUPPLEMENT.json > CATALOG.jsonl"
        );
        return ExitCode::from(2);
    };
    let read =
        |path: &str| std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"));
    let result = read(facts)
        .and_then(|f| read(supplement).map(|s| (f, s)))
        .and_then(|(f, s)| hotc::catalog::import::import(&f, &s).map_err(|e| e.to_string()));
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("import-heat-catalog: {e}");
            ExitCode::FAILURE
        }
    }
}
