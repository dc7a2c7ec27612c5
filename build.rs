//! Embeds the catalogs of the Heat releases that ship with hotc: every
//! `stdlib/catalog/heat-<version>.jsonl` (adding a release is adding its
//! file). Each is indexed here, at compile time — where each type's lines
//! are — so that using the catalog costs nothing at start-up; the lines
//! themselves are parsed when a type is first looked up.
//!
//! The index follows the layout the importer writes (see
//! `src/catalog/format.rs`); a unit test checks it against the run-time
//! indexer.

use std::fmt::Write as _;
use std::path::Path;

struct Index {
    /// (name, byte range, line number) per type, in file order.
    types: Vec<(String, usize, usize, usize)>,
    /// (byte range, line number) of custom-constraint and alias lines.
    meta: Vec<(usize, usize, usize)>,
}

fn index(path: &Path, text: &str) -> Index {
    let mut index = Index {
        types: Vec::new(),
        meta: Vec::new(),
    };
    let mut start = 0;
    let mut in_type = false;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let (number, end) = (i + 1, start + line.len());
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with("{\"catalog\":") {
        } else if let Some(rest) = line.strip_prefix("{\"resource_type\":\"") {
            let name = &rest[..rest.find('"').expect("a quoted type name")];
            assert!(
                !name.contains('\\'),
                "{}:{number}: a type name with an escape",
                path.display()
            );
            index.types.push((name.to_string(), start, end, number));
            in_type = true;
        } else if line.starts_with("{\"custom_constraint\":") || line.starts_with("{\"alias\":") {
            index.meta.push((start, end, number));
            in_type = false;
        } else if ["{\"property\":", "{\"attribute\":", "{\"update_policy\":"]
            .iter()
            .any(|p| line.starts_with(p))
        {
            let last = index
                .types
                .last_mut()
                .filter(|_| in_type)
                .unwrap_or_else(|| {
                    panic!(
                        "{}:{number}: a member line not under a type line",
                        path.display()
                    )
                });
            last.2 = end;
        } else {
            panic!(
                "{}:{number}: not a catalog line as the importer writes them",
                path.display()
            );
        }
        start += raw.len();
    }
    index.types.sort();
    index
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib/catalog");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut releases: Vec<(Vec<u64>, String, std::path::PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("stdlib/catalog is readable") {
        let path = entry.expect("a directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(version) = name
            .strip_prefix("heat-")
            .and_then(|n| n.strip_suffix(".jsonl"))
        else {
            continue;
        };
        println!("cargo::rerun-if-changed={}", path.display());
        let key = version
            .split('.')
            .map(|part| part.parse::<u64>().unwrap_or(0))
            .collect();
        releases.push((key, version.to_string(), path));
    }
    releases.sort();
    let mut code = String::from("pub(super) static RELEASES: &[Release] = &[\n");
    for (_, version, path) in &releases {
        let text = std::fs::read_to_string(path).expect("a readable catalog");
        let index = index(path, &text);
        let _ = writeln!(code, "    Release {{\n        version: {version:?},");
        let _ = writeln!(
            code,
            "        text: include_str!({:?}),",
            path.display().to_string()
        );
        code.push_str("        types: &[\n");
        for (name, start, end, line) in &index.types {
            let _ = writeln!(code, "            ({name:?}, {start}, {end}, {line}),");
        }
        code.push_str("        ],\n        meta: &[\n");
        for (start, end, line) in &index.meta {
            let _ = writeln!(code, "            ({start}, {end}, {line}),");
        }
        code.push_str("        ],\n    },\n");
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set")).join("catalog_releases.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
