//! Heat agrees with the rule fixtures: every failing fixture of an error rule is
//! rejected by Heat's own validator (OpenStack Heat 27.0.1, run offline), every
//! other fixture is accepted — unless the fixture says otherwise on a line
//! `# heat: accepts - <why>` or `# heat: rejects - <why>`, where hotc's rule
//! documentation explains why hotc is stricter or laxer. `# heat: skip - <why>`
//! leaves out a fixture Heat cannot be asked about (it does not finish).
//!
//! Heat is installed by `scripts/test-deps.sh`, which exports `HOTC_HEAT_PYTHON`
//! and `HOTC_HEAT_ORACLE`. Without them the test skips, except under `CI=true`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug)]
struct Fixture {
    path: PathBuf,
    code: String,
    fail: bool,
    /// `Some(true)`: Heat must reject it; `Some(false)`: must accept it.
    marked: Option<bool>,
    args: Vec<String>,
}

fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let root = Path::new("tests/fixtures/rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let code = dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .split('-')
            .next()
            .unwrap()
            .to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("rule folder")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let fail = name.starts_with("fail");
            if !(fail || name.starts_with("pass"))
                || !(name.ends_with(".yaml") || name.ends_with(".json"))
            {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let mut marked = None;
            let mut skip = false;
            let mut args = Vec::new();
            for line in text.lines().take(3) {
                if let Some(rest) = line.strip_prefix("# heat:") {
                    let rest = rest.trim();
                    skip |= rest.starts_with("skip");
                    marked = Some(rest.starts_with("rejects"));
                    assert!(
                        ["rejects", "accepts", "skip"]
                            .iter()
                            .any(|w| rest.starts_with(w)),
                        "{}: `# heat:` must say accepts, rejects or skip",
                        path.display()
                    );
                }
                if let Some(rest) = line.strip_prefix("# hotc-args:") {
                    let words: Vec<&str> = rest.split_whitespace().collect();
                    for pair in words.chunks(2) {
                        if let [flag, value] = pair {
                            args.push(flag.to_string());
                            if *flag == "-e" {
                                args.push(dir.join(value).to_string_lossy().to_string());
                            } else {
                                args.push(value.to_string());
                            }
                        }
                    }
                }
            }
            if skip {
                continue;
            }
            out.push(Fixture {
                path,
                code: code.clone(),
                fail,
                marked,
                args,
            });
        }
    }
    out
}

#[derive(Debug, serde::Deserialize)]
struct Verdict {
    template: String,
    api_ok: bool,
    strict_ok: bool,
    api_error: Option<String>,
    strict_error: Option<String>,
}

fn oracle() -> Option<(String, String)> {
    match (
        std::env::var("HOTC_HEAT_PYTHON"),
        std::env::var("HOTC_HEAT_ORACLE"),
    ) {
        (Ok(python), Ok(oracle)) if Path::new(&python).exists() => Some((python, oracle)),
        _ => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("Heat's validator is not installed: run scripts/test-deps.sh");
            }
            eprintln!("skipped: Heat's validator is not installed (scripts/test-deps.sh)");
            None
        }
    }
}

#[test]
fn heat_agrees_with_every_rule_fixture() {
    let Some((python, oracle)) = oracle() else {
        return;
    };
    let fixtures = fixtures();
    let mut groups: BTreeMap<Vec<String>, Vec<&Fixture>> = BTreeMap::new();
    for f in &fixtures {
        groups.entry(f.args.clone()).or_default().push(f);
    }
    let mut verdicts: BTreeMap<PathBuf, Verdict> = BTreeMap::new();
    for (args, group) in &groups {
        let output = Command::new(&python)
            .arg(&oracle)
            .args(["--mode", "both"])
            .args(args)
            .args(group.iter().map(|f| &f.path))
            .env("PYTHONHASHSEED", "0")
            .output()
            .expect("the oracle runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        for line in stdout.lines().filter(|l| l.starts_with('{')) {
            let v: Verdict = serde_json::from_str(line).expect("one JSON verdict per line");
            verdicts.insert(PathBuf::from(&v.template), v);
        }
    }
    let severity = |code: &str| {
        hotc::rules::find(code)
            .map(|r| r.severity)
            .unwrap_or(hotc::diagnostics::Severity::Error)
    };
    let mut disagreements = Vec::new();
    for f in &fixtures {
        let Some(v) = verdicts.get(&f.path) else {
            disagreements.push(format!("{}: no verdict from Heat", f.path.display()));
            continue;
        };
        let rejected = !(v.api_ok && v.strict_ok);
        let expected_reject = f
            .marked
            .unwrap_or(f.fail && severity(&f.code) == hotc::diagnostics::Severity::Error);
        if rejected != expected_reject {
            disagreements.push(format!(
                "{}: Heat {} it (api: {}, strict: {})",
                f.path.display(),
                if rejected { "rejects" } else { "accepts" },
                v.api_error.as_deref().unwrap_or("ok"),
                v.strict_error.as_deref().unwrap_or("ok"),
            ));
        }
    }
    eprintln!("fixtures asked of Heat: {}", fixtures.len());
    assert!(
        disagreements.is_empty(),
        "Heat disagrees on {} fixtures:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
