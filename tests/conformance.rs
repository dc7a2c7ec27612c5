//! Real Magnum 22 and real Heat 27 on the drivers hotc builds: the project's
//! scripts/build-conformance.py, run with the virtualenv scripts/test-deps.sh
//! builds (HOTC_CONFORMANCE_PYTHON). Skips without it on a developer machine;
//! fails when CI=true.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use hotc::build::budgets;
use serde_json::Value as Json;

fn python() -> Option<String> {
    match std::env::var("HOTC_CONFORMANCE_PYTHON") {
        Ok(p) if std::path::Path::new(&p).exists() => Some(p),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "HOTC_CONFORMANCE_PYTHON is not set: run scripts/test-deps.sh (CI must not skip this)"
            );
            eprintln!("skipped: HOTC_CONFORMANCE_PYTHON is not set (scripts/test-deps.sh sets it)");
            None
        }
    }
}

#[test]
fn magnum_loads_the_drivers_and_heat_accepts_what_they_send() {
    let Some(python) = python() else { return };
    let dir = std::env::temp_dir().join(format!("hotc-conformance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut trees: Vec<PathBuf> = Vec::new();
    for spec in ["minimal", "acme-fcos-40", "acme-fcos-41"] {
        let out = dir.join(spec);
        let status = Command::new(env!("CARGO_BIN_EXE_hotc"))
            .args(["build", &format!("examples/build/{spec}.yaml"), "-o"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        trees.push(out);
    }
    let kept = dir.join("requests.json");
    let output = Command::new(python)
        .arg("scripts/build-conformance.py")
        .arg("--requests")
        .arg(&kept)
        .args(&trees)
        .output()
        .expect("the conformance script runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let failures: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("\"ok\": false"))
        .collect();
    assert!(
        output.status.success() && failures.is_empty(),
        "{}\n{}",
        failures.join("\n"),
        String::from_utf8_lossy(&output.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("conformance: ") && !last.contains(" 0 passed"),
        "{last}"
    );
    // Both side-by-side drivers were loaded together, and every request checked.
    assert!(stdout.contains("k8s_acme_fcos40_v1") && stdout.contains("k8s_acme_fcos41_v1"));
    assert!(stdout.contains("\"mode\": \"strict\""));
    // Every environment list Magnum's selection yields is one hotc checked
    // its tree with, and the other way round.
    let doc: Json = serde_json::from_str(&std::fs::read_to_string(&kept).unwrap()).unwrap();
    let requests = doc["requests"].as_array().unwrap();
    for (spec, tree) in ["minimal", "acme-fcos-40", "acme-fcos-41"]
        .iter()
        .zip(&trees)
    {
        let result = hotc::build::run(&hotc::build::BuildOptions {
            spec: PathBuf::from(format!("examples/build/{spec}.yaml")),
            output: Some(tree.clone()),
        })
        .unwrap();
        let package = result.environment_lists[0][0]
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let hotc_lists: std::collections::BTreeSet<Vec<String>> = result
            .environment_lists
            .iter()
            .map(|l| {
                l.iter()
                    .map(|e| e.rsplit('/').next().unwrap().to_string())
                    .collect()
            })
            .collect();
        let magnum_lists: std::collections::BTreeSet<Vec<String>> = requests
            .iter()
            .filter(|r| r["driver"] == package.as_str())
            .map(|r| {
                r["environments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(hotc_lists, magnum_lists, "{spec}");
    }
    // hotc's request budget computes, from the tree, the very body the client
    // sends (as JSON, and its length), and the sizes Heat gives the templates.
    for r in requests {
        let driver = r["driver"].as_str().unwrap();
        let index = [
            "k8s_minimal_fcos_v1",
            "k8s_acme_fcos40_v1",
            "k8s_acme_fcos41_v1",
        ]
        .iter()
        .position(|d| *d == driver)
        .unwrap();
        let tree = read_tree(&trees[index]);
        let files = r["files"].as_object().unwrap();
        let some_url = files.keys().find(|k| k.contains("/templates/")).unwrap();
        let templates_url = format!(
            "{}/templates/",
            some_url.rsplit_once("/templates/").unwrap().0
        );
        let environments: Vec<String> = r["environment_files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e.as_str()
                    .unwrap()
                    .strip_prefix(&templates_url)
                    .unwrap()
                    .to_string()
            })
            .collect();
        let values = budgets::RequestValues {
            templates_url: templates_url.clone(),
            stack_name: r["stack_name"].as_str().unwrap().to_string(),
            parameters: r["parameters"].clone(),
            timeout_mins: r["timeout_mins"].as_u64().unwrap() as u32,
        };
        let computed = budgets::request(
            &tree,
            &format!("{driver}/templates"),
            "cluster.yaml",
            &environments,
            &values,
        )
        .unwrap();
        let sent: Json = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
        assert_eq!(
            first_difference(&computed.body, &sent, String::new()),
            None,
            "{driver} {environments:?}"
        );
        assert_eq!(
            budgets::py_json(&computed.body).len(),
            r["request_bytes"].as_u64().unwrap() as usize,
            "{driver} {environments:?}"
        );
        assert_eq!(computed.templates[0].0, "cluster.yaml");
        assert_eq!(
            computed.templates[0].1,
            r["root_template_chars"].as_u64().unwrap() as usize
        );
        for (rel, chars) in &computed.templates[1..] {
            let text = files[&format!("{templates_url}{rel}")].as_str().unwrap();
            assert_eq!(*chars, text.chars().count(), "{rel}");
        }
    }
}

/// The files of a built tree, relative to its folder.
fn read_tree(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn build(spec: &str, out: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(["build", spec, "-o"])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Heat resolves each node's user_data, with hostile parameter values, to
/// exactly the string hotc's budget computes, and the Nova client's base64 of
/// it has the length hotc counts.
#[test]
fn heat_makes_of_the_user_data_exactly_what_hotc_measures() {
    let Some(python) = python() else { return };
    let dir = std::env::temp_dir().join(format!("hotc-userdata-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("tree");
    build("examples/build/acme-fcos-40.yaml", &out);
    let tree = read_tree(&out);
    let templates = "k8s_acme_fcos40_v1/templates";
    let hostile = "a\"b'c%d$e\\f\ng é 😀 /";
    let mut cases = Vec::new();
    let mut expected = BTreeMap::new();
    for template in ["master.yaml", "worker.yaml"] {
        let text = String::from_utf8(tree[&format!("{templates}/{template}")].clone()).unwrap();
        let parsed = hotc::syntax::parse(&text);
        let params = parsed.root.as_ref().unwrap().get("parameters").unwrap();
        for (variant, on) in [("hostile", true), ("empty", false)] {
            let mut texts = serde_json::Map::new();
            let mut typed = BTreeMap::new();
            for p in params.as_map().unwrap() {
                let kind = p
                    .value
                    .get("type")
                    .and_then(|t| t.as_str())
                    .unwrap_or("string");
                let value = match kind {
                    "number" => if on { "20" } else { "0" }.to_string(),
                    "boolean" => if on { "true" } else { "false" }.to_string(),
                    _ if on => format!("{}={hostile}", p.key_text),
                    _ => String::new(),
                };
                typed.insert(p.key_text.to_string(), budgets::typed(kind, &value));
                texts.insert(p.key_text.to_string(), Json::String(value));
            }
            let file = |path: &str| {
                tree.get(&format!("{templates}/{path}"))
                    .map(|b| String::from_utf8_lossy(b).to_string())
            };
            let values = budgets::before_create(&typed, &file);
            let data = budgets::user_data(&text, &values).unwrap();
            let name = format!("{template} {variant}");
            expected.insert(name.clone(), data);
            cases.push(serde_json::json!({
                "name": name,
                "template": out.join(templates).join(template),
                "parameters": texts,
            }));
        }
    }
    let cases_file = dir.join("cases.json");
    std::fs::write(&cases_file, serde_json::to_string(&cases).unwrap()).unwrap();
    let output = Command::new(python)
        .args(["scripts/build-conformance.py", "userdata"])
        .arg(&cases_file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut seen = 0;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let record: Json = serde_json::from_str(line).unwrap();
        let name = record["case"].as_str().unwrap();
        let heat = record["user_data"].as_str().unwrap();
        assert_eq!(heat, expected[name], "{name}");
        assert_eq!(
            record["nova_base64_bytes"].as_u64().unwrap() as usize,
            hotc::build::encode::base64_len(expected[name].len()),
            "{name}"
        );
        // What the node gets is JSON with the hostile values intact.
        let ignition: Json = serde_json::from_str(heat).unwrap();
        assert_eq!(ignition["ignition"]["version"], "3.3.0");
        seen += 1;
    }
    assert_eq!(seen, 4);
}

/// Where two JSON values first differ (a path and both sides), if they do.
fn first_difference(a: &Json, b: &Json, path: String) -> Option<String> {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                match (x.get(k), y.get(k)) {
                    (Some(v), Some(w)) => {
                        if let Some(d) = first_difference(v, w, format!("{path}/{k}")) {
                            return Some(d);
                        }
                    }
                    (v, w) => return Some(format!("{path}/{k}: {v:?} vs {w:?}")),
                }
            }
            None
        }
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{path}/{i}"))),
        (Json::String(x), Json::String(y)) if x != y => {
            // JSON text inside a string (a nested template): compare parsed.
            match (
                serde_json::from_str::<Json>(x),
                serde_json::from_str::<Json>(y),
            ) {
                (Ok(v), Ok(w)) => first_difference(&v, &w, format!("{path}(json)")),
                _ => Some(format!("{path}: {x:.200} vs {y:.200}")),
            }
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a:.200} vs {b:.200}")),
    }
}
