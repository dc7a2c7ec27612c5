//! `hotc build` as users see it: every generated file of the example specs
//! (snapshots), byte-identical rebuilds, the generated trees' `hotc check`,
//! bad specs (a diagnostic each, nothing written), and the command line.

#[path = "support/run.rs"]
mod run;
use run::hotc;

use std::path::{Path, PathBuf};
use std::process::Command;

use hotc::build::{self, BuildOptions};
use hotc::check::{self, CheckOptions};
use hotc::emit::{self, Report};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-build-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build_tree(spec: &str, out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let result = build::run(&BuildOptions {
        spec: PathBuf::from(spec),
        output: Some(out.to_path_buf()),
    })
    .expect("the build runs");
    let report = Report {
        sources: &result.sources,
        diagnostics: &result.diagnostics,
        files_read: 1,
    };
    assert!(
        result.tree.is_some(),
        "{}",
        emit::human::render(&report, false)
    );
    assert!(
        result.diagnostics.is_empty(),
        "{}",
        emit::human::render(&report, false)
    );
    result.tree.unwrap().1
}

const EXAMPLES: [&str; 3] = [
    "examples/build/minimal.yaml",
    "examples/build/acme-fcos-40.yaml",
    "examples/build/acme-fcos-41.yaml",
];

#[test]
fn example_trees_match_their_snapshots_file_by_file() {
    for spec in EXAMPLES {
        let stem = Path::new(spec)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let files = build_tree(spec, &scratch(&stem).join("out"));
        for (path, bytes) in &files {
            if path.ends_with(".b64") {
                // The base64 of the fragment beside it (checked in
                // embedded_fragments_are_the_sources_without_comments).
                continue;
            }
            let text = String::from_utf8(bytes.clone()).expect("generated files are text");
            let name = format!("{stem}__{}", path.replace('/', "__"));
            insta::with_settings!({
                snapshot_path => "../snapshots/build",
                prepend_module_to_snapshot => false,
                description => format!("{spec} → {path}"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, text);
            });
        }
    }
}

/// What the nodes get: gunzipped by Debian's gzip (as Ignition would), each
/// embedded file is its source (scripts without their comment lines).
#[test]
fn embedded_fragments_are_the_sources_without_comments() {
    use std::io::Write;
    let files = build_tree(EXAMPLES[1], &scratch("b64").join("out"));
    let mut seen = 0;
    for (path, bytes) in &files {
        if let Some(source) = path.strip_suffix(".b64") {
            let plain = &files[source];
            let expected = if source.ends_with(".sh") {
                hotc::build::render::without_comments(&String::from_utf8_lossy(plain))
            } else {
                String::from_utf8_lossy(plain).to_string()
            };
            let mut gzip = Command::new("sh")
                .args(["-c", "base64 -d | gzip -dc"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            gzip.stdin.take().unwrap().write_all(bytes).unwrap();
            let out = gzip.wait_with_output().unwrap();
            assert!(out.status.success(), "{path}");
            assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{path}");
            seen += 1;
        }
    }
    assert_eq!(seen, 13, "12 fragments and the CA bundle");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build_tree(EXAMPLES[1], &scratch("det-a").join("out"));
    let b = build_tree(EXAMPLES[1], &scratch("det-b").join("out"));
    assert_eq!(a, b);
}

#[test]
fn generated_trees_pass_hotc_check_with_every_environment_list() {
    for spec in EXAMPLES {
        let dir = scratch("check");
        let out = dir.join("out");
        let status = hotc(&["build", spec, "-o", out.to_str().unwrap()]);
        assert_eq!(
            status.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&status.stdout)
        );
        let lists = build::run(&BuildOptions {
            spec: PathBuf::from(spec),
            output: Some(out.clone()),
        })
        .unwrap()
        .environment_lists;
        let package = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("templates").is_dir())
            .expect("the package folder");
        let root = package.join("templates/cluster.yaml");
        let envs: Vec<PathBuf> = std::fs::read_dir(package.join("templates/environments"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        // The root alone, each environment file alone, and every list Magnum
        // can select: no diagnostic at all, infos included.
        let mut all: Vec<Vec<PathBuf>> = vec![vec![]];
        all.extend(envs.iter().map(|e| vec![e.clone()]));
        all.extend(
            lists
                .iter()
                .map(|l| l.iter().map(|e| out.join(e)).collect::<Vec<_>>()),
        );
        assert!(lists.len() >= 4, "{spec}: only {} lists", lists.len());
        for list in all {
            let result = check::run(&CheckOptions {
                paths: vec![root.clone()],
                environments: list.clone(),
                ..CheckOptions::default()
            })
            .unwrap();
            assert!(
                result.diagnostics.is_empty(),
                "{spec} {list:?}: {:?}",
                result.diagnostics
            );
        }
        // The whole tree as a directory, too.
        let out_check = hotc(&["check", package.to_str().unwrap()]);
        assert_eq!(
            out_check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out_check.stdout)
        );
        assert!(String::from_utf8_lossy(&out_check.stdout).contains("no problems found"));
    }
}

#[test]
fn bad_specs_give_a_diagnostic_each_and_write_nothing() {
    let root = Path::new("tests/fixtures/build");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    let mut failures = Vec::new();
    for folder in folders {
        let name = folder.file_name().unwrap().to_string_lossy().to_string();
        let code = name.split('-').next().unwrap().to_string();
        let mut specs: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("fail"))
            .collect();
        specs.sort();
        for spec in specs {
            let out = scratch(&format!("bad-{name}")).join("out");
            let run = hotc(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
            let stdout = String::from_utf8_lossy(&run.stdout).to_string();
            if run.status.code() != Some(1) {
                failures.push(format!("{}: exit {:?}", spec.display(), run.status.code()));
            }
            if !stdout.contains(&format!("error[{code}]")) {
                failures.push(format!("{}: no {code} in\n{stdout}", spec.display()));
            }
            if out.exists() {
                failures.push(format!("{}: wrote {}", spec.display(), out.display()));
            }
            let snapshot = format!("{name}__{}", spec.file_stem().unwrap().to_string_lossy());
            insta::with_settings!({
                snapshot_path => "../snapshots/build-specs",
                prepend_module_to_snapshot => false,
                description => spec.display().to_string(),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(snapshot, stdout);
            });
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every build rule has a fixture.
    for rule in hotc::rules::all()
        .into_iter()
        .filter(|r| r.code.starts_with('B'))
    {
        let folder = root.join(format!("{}-{}", rule.code, rule.name));
        // B008 cannot come from a spec: src/build/mod.rs breaks the
        // blueprint on purpose instead.
        assert!(
            folder.is_dir() || rule.code == "B008",
            "no fixtures for {}",
            folder.display()
        );
    }
}

#[test]
fn hostile_values_that_are_valid_are_encoded_for_each_sink() {
    let dir = scratch("hostile");
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "driver: {name: k8s_hostile_v1}\nos: {image: \"fcos 'x' \\\"y\\\" $z %index% \\\\ é\"}\nnodes: {master: {flavor: \"m1'$\\\"%\"}}\nproxy: {http: \"http://u:p'$!@proxy.example:3128/%25\", no_proxy: [.example.com]}\n",
    )
    .unwrap();
    let out = dir.join("out");
    let files = build_tree(spec.to_str().unwrap(), &out);
    // YAML: the image name reads back exactly.
    let cluster =
        String::from_utf8(files["k8s_hostile_v1/templates/cluster.yaml"].clone()).unwrap();
    let parsed = hotc::syntax::parse(&cluster);
    assert!(parsed.issues.is_empty());
    let params = parsed.root.as_ref().unwrap().get("parameters").unwrap();
    let image = params.get("master_image").unwrap().get("default").unwrap();
    assert_eq!(image.as_str(), Some("fcos 'x' \"y\" $z %index% \\ é"));
    let flavor = params.get("master_flavor").unwrap().get("default").unwrap();
    assert_eq!(flavor.as_str(), Some("m1'$\"%"));
    // Data URL: the proxy default is percent-encoded, unreserved characters only.
    let proxy = params
        .get("http_proxy")
        .unwrap()
        .get("default")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(
        proxy,
        "http%3A%2F%2Fu%3Ap%27%24%21%40proxy.example%3A3128%2F%2525"
    );
    // Markdown: the README shows the values in code spans, pipes escaped.
    let readme = String::from_utf8(files["README.md"].clone()).unwrap();
    assert!(
        readme.contains("` fcos 'x' \"y\" $z %index% \\ é `"),
        "{readme}"
    );
}

#[test]
fn cli_exit_codes_dry_run_diff_and_foreign_files() {
    let dir = scratch("cli");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    // A missing spec: exit 2, nothing on stdout.
    let missing = hotc(&["build", "/nonexistent/spec.yaml", "-o", o]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    // A bad flag: exit 2.
    let flag = hotc(&["build", EXAMPLES[0], "--no-such-flag"]);
    assert_eq!(flag.status.code(), Some(2));
    assert!(flag.stdout.is_empty());
    // --dry-run lists the files and writes nothing.
    let dry = hotc(&["build", EXAMPLES[0], "-o", o, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&dry.stdout);
    assert!(
        listing.contains("k8s_minimal_fcos_v1/templates/cluster.yaml"),
        "{listing}"
    );
    assert!(listing.contains(".hotc-manifest.json"));
    assert!(!out.exists());
    // A build writes the tree and its manifest.
    let first = hotc(&["build", EXAMPLES[0], "-o", o]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.join(".hotc-manifest.json").is_file());
    // --diff against the same spec: no changes; against another: changes, nothing written.
    let same = hotc(&["build", EXAMPLES[0], "-o", o, "--diff"]);
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no changes\n");
    let before = std::fs::read(out.join("pyproject.toml")).unwrap();
    let other = dir.join("other.yaml");
    std::fs::write(
        &other,
        "driver: {name: k8s_minimal_fcos_v1, version: 2.0.0}\n",
    )
    .unwrap();
    let changed = hotc(&["build", other.to_str().unwrap(), "-o", o, "--diff"]);
    let text = String::from_utf8_lossy(&changed.stdout);
    assert!(text.contains("changed pyproject.toml"), "{text}");
    assert!(text.contains("+version = \"2.0.0\""), "{text}");
    assert_eq!(std::fs::read(out.join("pyproject.toml")).unwrap(), before);
    // --dry-run against the existing tree: the same listing, nothing touched.
    let manifest_before = std::fs::read(out.join(".hotc-manifest.json")).unwrap();
    let dry_again = hotc(&["build", other.to_str().unwrap(), "-o", o, "--dry-run"]);
    assert_eq!(dry_again.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&dry_again.stdout).contains("pyproject.toml"));
    assert_eq!(std::fs::read(out.join("pyproject.toml")).unwrap(), before);
    assert_eq!(
        std::fs::read(out.join(".hotc-manifest.json")).unwrap(),
        manifest_before
    );
    // A rebuild replaces the tree.
    let again = hotc(&["build", other.to_str().unwrap(), "-o", o]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&std::fs::read(out.join("pyproject.toml")).unwrap())
            .contains("2.0.0")
    );
    // A file hotc did not write: refused (exit 2), the tree left as it was.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let refused = hotc(&["build", EXAMPLES[0], "-o", o]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("notes.txt"));
    assert!(out.join("notes.txt").is_file());
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    // An edited generated file: refused too.
    std::fs::write(out.join("README.md"), "edited").unwrap();
    let edited = hotc(&["build", EXAMPLES[0], "-o", o]);
    assert_eq!(edited.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&edited.stderr).contains("changed since"));
    // A folder with files and no manifest: refused.
    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("a"), "x").unwrap();
    let refused = hotc(&["build", EXAMPLES[0], "-o", foreign.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read(foreign.join("a")).unwrap(), b"x");
    // --diff and --dry-run refuse a folder of foreign files the same way.
    for mode in ["--diff", "--dry-run"] {
        let refused = hotc(&["build", EXAMPLES[0], "-o", foreign.to_str().unwrap(), mode]);
        assert_eq!(refused.status.code(), Some(2), "{mode}");
        assert!(refused.stdout.is_empty(), "{mode}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("did not generate"),
            "{mode}"
        );
    }
}

#[test]
fn a_build_never_writes_over_its_spec_or_outside_its_folder() {
    let dir = scratch("over-spec");
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, "driver: {name: k8s_self_v1}\n").unwrap();
    let before = std::fs::read(&spec).unwrap();
    // The spec's own folder, an ancestor of it, and the spec file itself.
    for output in [
        dir.clone(),
        dir.parent().unwrap().to_path_buf(),
        spec.clone(),
    ] {
        let run = hotc(&[
            "build",
            spec.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(2), "{}", output.display());
        assert!(run.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            stderr.contains("holds the spec itself"),
            "{}: {stderr}",
            output.display()
        );
        assert_eq!(std::fs::read(&spec).unwrap(), before);
    }
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(entries.len(), 1, "only the spec is there");
    // Driver names that would make a path leave the output folder are spec
    // errors: nothing is written anywhere.
    for name in ["../escape", "/abs", "a/b", "..", "k8s.v1"] {
        std::fs::write(&spec, format!("driver: {{name: {name:?}}}\n")).unwrap();
        let out = dir.join("out");
        let run = hotc(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(
            String::from_utf8_lossy(&run.stdout).contains("error[B004]"),
            "{name}"
        );
        assert!(!out.exists(), "{name}");
        assert!(!dir.parent().unwrap().join("escape").exists());
    }
}

#[test]
fn a_build_puts_back_a_tree_an_interrupted_swap_left_aside() {
    let dir = scratch("recover");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    assert_eq!(
        hotc(&["build", EXAMPLES[0], "-o", o]).status.code(),
        Some(0)
    );
    // What a build stopped between its two renames leaves: the old tree aside.
    let aside = dir.join(".out.hotc-old");
    std::fs::rename(&out, &aside).unwrap();
    let diff = hotc(&["build", EXAMPLES[0], "-o", o, "--diff"]);
    assert_eq!(diff.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&diff.stderr).contains("put back"));
    assert_eq!(String::from_utf8_lossy(&diff.stdout), "no changes\n");
    assert!(out.join(".hotc-manifest.json").is_file() && !aside.exists());
}

#[test]
fn explain_and_rules_know_the_build_rules() {
    let out = hotc(&["explain", "B004"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("spec-invalid-value"));
    let rules = String::from_utf8_lossy(&hotc(&["rules"]).stdout).to_string();
    for code in [
        "B001", "B002", "B003", "B004", "B005", "B006", "B007", "B008",
    ] {
        assert!(rules.contains(code), "{code}");
    }
}

/// A spec embedding one synthetic certificate of `chars` base64 characters
/// (the spec reader checks the PEM shape, not the DER inside).
fn spec_with_ca(dir: &Path, chars: usize) -> PathBuf {
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    // Pseudo-random base64, which does not compress, like a real DER.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u32 = 7;
    let body: String = (0..chars)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            alphabet[(x >> 16) as usize % 64] as char
        })
        .collect();
    for line in body.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).unwrap());
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    std::fs::write(dir.join("ca.pem"), pem).unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "driver: {name: k8s_budget_v1}\nca_certificates: [ca.pem]\n",
    )
    .unwrap();
    spec
}

/// The master's user data measure and whether B007 fired, for a CA size.
fn master_user_data(dir: &Path, chars: usize) -> (usize, bool) {
    let spec = spec_with_ca(dir, chars);
    let result = build::run(&BuildOptions {
        spec,
        output: Some(dir.join("out")),
    })
    .unwrap();
    let bytes = result
        .measures
        .iter()
        .find(|m| m.what == "user data of master.yaml")
        .expect("a master measure")
        .bytes;
    let fired = result.diagnostics.iter().any(|d| d.code == "B007");
    (bytes, fired)
}

#[test]
fn the_user_data_budget_fires_just_over_the_limit_and_not_just_under() {
    let dir = scratch("budget-edge");
    // The largest certificate whose master user data still fits.
    let (mut fits, mut over) = (1, 60_000);
    assert!(!master_user_data(&dir, fits).1);
    assert!(master_user_data(&dir, over).1);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if master_user_data(&dir, mid).1 {
            over = mid;
        } else {
            fits = mid;
        }
    }
    let (under_bytes, under_fired) = master_user_data(&dir, fits);
    let (over_bytes, over_fired) = master_user_data(&dir, over);
    // Nova counts base64, in steps of 4: just under is 65,532 or 65,528,
    // just over is the next step up.
    assert!(
        !under_fired && (65_535 - 8..=65_535).contains(&under_bytes),
        "{under_bytes}"
    );
    assert!(
        over_fired && over_bytes > 65_535 && over_bytes <= 65_535 + 8,
        "{over_bytes}"
    );
    // Through the command line: exit 1 and nothing written just over, a tree
    // just under.
    let spec = spec_with_ca(&dir, over);
    let out = dir.join("cli-out");
    let run = hotc(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(&format!(
            "error[B007]: user data of master.yaml would be {over_bytes} bytes, over the limit of 65535"
        )),
        "{stdout}"
    );
    assert!(!out.exists());
    let spec = spec_with_ca(&dir, fits);
    let run = hotc(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains(&format!(
        "user data of master.yaml: {under_bytes} of 65535 bytes"
    )));
}

/// Hostile values: quotes, %, $, backslash, newline, non-ASCII.
const HOSTILE: &[&str] = &[
    "a\"b",
    "a'b",
    "a%b%%",
    "a%25b",
    "a$b$(reboot)`id`",
    "a\\b\\\\",
    "a\nb",
    "é 😀",
    "a b;c&d|e#f",
];

/// Builds a spec; returns the files, or None when the spec reader refused it
/// (then with a B00x diagnostic at the value, and nothing written).
fn build_or_refuse(
    name: &str,
    spec_text: &str,
) -> Option<std::collections::BTreeMap<String, Vec<u8>>> {
    let dir = scratch(name);
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, spec_text).unwrap();
    let out = dir.join("out");
    let result = build::run(&BuildOptions {
        spec: spec.clone(),
        output: Some(out.clone()),
    })
    .unwrap();
    match result.tree {
        Some((_, files)) => {
            assert!(result.diagnostics.is_empty(), "{spec_text}");
            Some(files)
        }
        None => {
            let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.code).collect();
            assert!(
                codes.iter().any(|c| c.starts_with('B') && *c < "B007"),
                "{spec_text}: refused without a spec diagnostic: {codes:?}"
            );
            let run = hotc(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
            assert_eq!(run.status.code(), Some(1));
            assert!(!out.exists());
            None
        }
    }
}

/// The value as a YAML scalar of the spec (JSON strings are YAML).
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap()
}

fn text_of(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files[path].clone()).unwrap()
}

fn parameter_default(template: &str, name: &str) -> hotc::syntax::Node {
    let parsed = hotc::syntax::parse(template);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    parsed
        .root
        .unwrap()
        .get("parameters")
        .unwrap()
        .get(name)
        .unwrap()
        .get("default")
        .unwrap()
        .clone()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for b in s.bytes().filter(|b| *b != b'=') {
        acc = (acc << 6) | table.iter().position(|t| *t == b).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The contents a node template gives a file under /etc/hotc/params through a
/// base64 data URL.
fn ignition_setting(template: &str, name: &str) -> String {
    let marker = format!("- path: /etc/hotc/params/{name}\n");
    let at = template
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name}"));
    let source = template[at..]
        .lines()
        .find(|l| l.trim_start().starts_with("source: "))
        .unwrap();
    let url = source
        .trim()
        .trim_start_matches("source: ")
        .trim_matches('"');
    let data = url.strip_prefix("data:;base64,").unwrap();
    String::from_utf8(base64_decode(data)).unwrap()
}

#[test]
fn hostile_values_in_template_defaults_read_back_exactly_or_are_refused() {
    for (i, value) in HOSTILE.iter().enumerate() {
        let q = quoted(value);
        let spec = format!(
            "driver: {{name: k8s_hostile_v1}}\nos: {{image: {q}}}\nnodes: {{master: {{flavor: {q}}}, worker: {{flavor: {q}}}}}\nnetwork: {{external_network: {q}}}\n"
        );
        let Some(files) = build_or_refuse(&format!("yaml-{i}"), &spec) else {
            assert!(value.contains('\n'), "{value:?} refused");
            continue;
        };
        let cluster = text_of(&files, "k8s_hostile_v1/templates/cluster.yaml");
        for name in [
            "master_image",
            "minion_image",
            "master_flavor",
            "minion_flavor",
            "external_network",
        ] {
            assert_eq!(
                parameter_default(&cluster, name).as_str(),
                Some(*value),
                "{name} {value:?}"
            );
        }
    }
}

#[test]
fn hostile_values_in_percent_encoded_defaults_decode_exactly_or_are_refused() {
    for (i, value) in HOSTILE.iter().enumerate() {
        let url = format!("http://proxy.example:3128/{value}");
        let spec = format!(
            "driver: {{name: k8s_hostile_v1}}\nproxy: {{http: {}, https: {}}}\n",
            quoted(&url),
            quoted(&url)
        );
        let Some(files) = build_or_refuse(&format!("pct-{i}"), &spec) else {
            continue;
        };
        let cluster = text_of(&files, "k8s_hostile_v1/templates/cluster.yaml");
        for name in ["http_proxy", "https_proxy"] {
            let default = parameter_default(&cluster, name);
            let encoded = default.as_str().unwrap();
            // Only unreserved characters and escapes: safe in a data URL.
            assert!(
                encoded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
                "{encoded}"
            );
            assert_eq!(percent_decode(encoded), url, "{name} {value:?}");
        }
    }
}

#[test]
fn hostile_values_in_ignition_settings_decode_exactly_or_are_refused() {
    // (option, the spec line for a value, the node setting, what it must hold)
    type Case = (
        &'static str,
        fn(&str) -> String,
        &'static str,
        fn(&str) -> String,
    );
    let cases: &[Case] = &[
        (
            "registry.mirror",
            |v| {
                format!(
                    "registry: {{mirror: {}}}",
                    quoted(&format!("https://m.example/{v}"))
                )
            },
            "registry_mirror",
            |v| format!("https://m.example/{v}"),
        ),
        (
            "kubernetes.download_url",
            |v| {
                format!(
                    "kubernetes: {{download_url: {}}}",
                    quoted(&format!("https://dl.example/{v}"))
                )
            },
            "kube_download_url",
            |v| format!("https://dl.example/{v}"),
        ),
        (
            "ntp.servers",
            |v| format!("ntp: {{servers: [{}]}}", quoted(v)),
            "ntp_servers",
            |v| format!("{v}\n"),
        ),
        (
            "registry.insecure",
            |v| format!("registry: {{insecure: [{}]}}", quoted(v)),
            "insecure_registries",
            |v| format!("{v}\n"),
        ),
    ];
    let mut accepted = 0;
    for (option, spec_of, setting, expected) in cases {
        for (i, value) in HOSTILE.iter().enumerate() {
            let spec = format!("driver: {{name: k8s_hostile_v1}}\n{}\n", spec_of(value));
            let Some(files) = build_or_refuse(&format!("ign-{setting}-{i}"), &spec) else {
                continue;
            };
            accepted += 1;
            for role in ["master", "worker"] {
                let template = text_of(&files, &format!("k8s_hostile_v1/templates/{role}.yaml"));
                assert_eq!(
                    ignition_setting(&template, setting),
                    expected(value),
                    "{option} {value:?}"
                );
            }
        }
    }
    // URLs may hold ', $ and %25: those reach the nodes intact.
    assert!(accepted >= 4, "only {accepted} accepted");
}

#[test]
fn hostile_values_in_the_readme_show_literally_or_are_refused() {
    for (i, value) in HOSTILE.iter().enumerate() {
        let spec = format!(
            "driver: {{name: k8s_hostile_v1}}\nos: {{image: {}}}\n",
            quoted(value)
        );
        let Some(files) = build_or_refuse(&format!("md-{i}"), &spec) else {
            continue;
        };
        let readme = text_of(&files, "README.md");
        let row = readme
            .lines()
            .find(|l| l.starts_with("| image | "))
            .unwrap();
        let cell = row.trim_start_matches("| image | ").trim_end_matches(" |");
        // A code span: the fence, one space, the text with | escaped.
        let fence_len = cell.len() - cell.trim_start_matches('`').len();
        let inner = &cell[fence_len..cell.len() - fence_len];
        let shown = inner
            .strip_prefix(' ')
            .and_then(|s| s.strip_suffix(' '))
            .unwrap_or(inner);
        assert_eq!(shown.replace("\\|", "|"), *value, "{row}");
        assert!(!shown.contains(&"`".repeat(fence_len)));
    }
}

#[test]
fn hostile_values_in_python_and_toml_metadata_are_refused() {
    // Versions and the driver name land in Python and TOML literals and in
    // the package's name: the reader allows only their own characters.
    for (i, value) in HOSTILE.iter().enumerate() {
        for (option, spec) in [
            (
                "driver.version",
                format!("driver: {{name: k8s_h_v1, version: {}}}\n", quoted(value)),
            ),
            (
                "os.version",
                format!(
                    "driver: {{name: k8s_h_v1}}\nos: {{version: {}}}\n",
                    quoted(value)
                ),
            ),
            (
                "driver.name",
                format!("driver: {{name: {}}}\n", quoted(value)),
            ),
        ] {
            assert!(
                build_or_refuse(&format!("py-{i}"), &spec).is_none(),
                "{option} {value:?} accepted"
            );
        }
    }
}

/// Every option of the spec, given a value of the wrong type: a B002 at that
/// option, naming it, and nothing written.
#[test]
fn every_option_of_the_wrong_type_is_a_diagnostic_at_it() {
    let options = [
        "driver.version",
        "coe",
        "server_type",
        "os.distro",
        "os.image",
        "os.version",
        "nodes.master.count",
        "nodes.master.flavor",
        "nodes.worker.count",
        "nodes.worker.flavor",
        "network.fixed_cidr",
        "network.dns",
        "network.external_network",
        "network.floating_ips",
        "network.api_load_balancer",
        "proxy.http",
        "proxy.https",
        "proxy.no_proxy",
        "ntp.servers",
        "ca_certificates",
        "registry.mirror",
        "registry.insecure",
        "volumes.container",
        "volumes.etcd",
        "kubernetes.version",
        "kubernetes.network_driver",
        "kubernetes.pod_cidr",
        "kubernetes.service_cidr",
        "kubernetes.download_url",
        "addons.cloud_controller_manager",
        "addons.cinder_csi",
        "addons.octavia_services",
        "addons.cloud_provider_version",
        // Whole sections.
        "os",
        "nodes",
        "nodes.master",
        "network",
        "proxy",
        "ntp",
        "registry",
        "volumes",
        "kubernetes",
        "addons",
    ];
    let dir = scratch("wrong-types");
    for option in options {
        // `a.b.c: {wrong: 1}` as nested flow mappings.
        let parts: Vec<&str> = option.split('.').collect();
        let sections = [
            "os",
            "nodes",
            "nodes.master",
            "network",
            "proxy",
            "ntp",
            "registry",
            "volumes",
            "kubernetes",
            "addons",
        ];
        // A section must be a mapping; anything else, a scalar or a list, not one.
        let wrong = if sections.contains(&option) {
            "3"
        } else {
            "{wrong: 1}"
        };
        let mut value = wrong.to_string();
        for key in parts[1..].iter().rev() {
            value = format!("{{{key}: {value}}}");
        }
        let driver = if parts[0] == "driver" {
            format!(
                "driver: {{name: k8s_types_v1, {}: {{wrong: 1}}}}\n",
                parts[1]
            )
        } else {
            format!("driver: {{name: k8s_types_v1}}\n{}: {value}\n", parts[0])
        };
        let spec = dir.join("spec.yaml");
        std::fs::write(&spec, &driver).unwrap();
        let out = dir.join("out");
        let run = hotc(&[
            "build",
            spec.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(run.status.code(), Some(1), "{option}");
        let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let diagnostics = doc["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 1, "{option}: {diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d["code"], "B002", "{option}: {d}");
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("`{option}` must be ")),
            "{option}: {d}"
        );
        // The span is the wrong value itself.
        let at = d["offset"].as_u64().unwrap() as usize;
        let len = d["length"].as_u64().unwrap() as usize;
        assert_eq!(&driver[at..at + len], wrong, "{option}");
        assert!(!out.exists());
    }
}
