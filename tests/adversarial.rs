//! Hostile input: every case ends with its diagnostic under deterministic
//! budgets (README, "Limits on hostile input"): no panic, no hang, no stack
//! overflow, nothing written. Each case is written at test time. The big ones
//! run with optimisations on (`[profile.test]` in Cargo.toml).

#[path = "support/run.rs"]
mod run;
use run::hotc as hotc_cli;

use std::path::{Path, PathBuf};
use std::process::Command;

use hotc::check::{self, CheckOptions};
use hotc::diagnostics::{Diagnostic, Severity};

const V: &str = "heat_template_version: 2018-08-31\n";

/// A fresh folder for one case.
fn folder(case: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hotc-adversarial-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Checks `path` (with `environments`), its folder as the tree root.
fn check_with(path: &Path, environments: &[PathBuf]) -> Vec<Diagnostic> {
    let root = if path.is_dir() {
        path
    } else {
        path.parent().unwrap()
    };
    check::run(&CheckOptions {
        paths: vec![path.to_path_buf()],
        environments: environments.to_vec(),
        root: Some(root.to_path_buf()),
        ..CheckOptions::default()
    })
    .expect("hotc does its job")
    .diagnostics
}

fn codes_of(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Severity)> {
    diagnostics.iter().map(|d| (d.code, d.severity)).collect()
}

/// The codes and severities of checking one file with `bytes`.
fn codes(case: &str, bytes: impl AsRef<[u8]>) -> Vec<(&'static str, Severity)> {
    let dir = folder(case);
    codes_of(&check_with(&write(&dir, "t.yaml", bytes), &[]))
}

fn has(codes: &[(&str, Severity)], code: &str, severity: Severity) -> bool {
    codes.contains(&(code, severity))
}

fn the_one<'d>(diagnostics: &'d [Diagnostic], code: &str) -> &'d Diagnostic {
    let found: Vec<_> = diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {diagnostics:#?}");
    found[0]
}

// --- Reading: encodings, bytes, sizes ------------------------------------------

#[test]
fn empty_file() {
    assert_eq!(codes("empty", ""), vec![("H004", Severity::Error)]);
}

#[test]
fn binary_file() {
    assert_eq!(
        codes("binary", b"\x7fELF\x02\x01\x01\0\0\0\0"),
        vec![("H003", Severity::Error)]
    );
}

#[test]
fn nul_bytes_early_make_a_binary_file_and_late_ones_invalid_yaml() {
    assert_eq!(
        codes("nul-early", format!("{V}description: a\0b\n")),
        vec![("H003", Severity::Error)]
    );
    let late = format!("{V}description: {}\0\n", "b".repeat(9000));
    let dir = folder("nul-late");
    let d = check_with(&write(&dir, "t.yaml", &late), &[]);
    let nul = the_one(&d, "H001");
    assert_eq!(nul.span.start as usize, late.find('\0').unwrap());
    assert!(nul.message.contains("#x0000"), "{}", nul.message);
}

/// Invalid UTF-8 at each kind of place a byte can be: the diagnostic points at
/// the first bad byte.
#[test]
fn invalid_utf8_at_every_position_class() {
    let cases: &[(&str, &[u8])] = &[
        ("first byte", b"\xff"),
        ("after a BOM", b"\xef\xbb\xbf\xfe"),
        ("in a key", b"descr\xe9ption: x\n"),
        ("in a plain value", b"description: caf\xe9\n"),
        ("in a quoted value", b"description: \"caf\xe9\"\n"),
        ("in a block scalar", b"description: |\n  caf\xe9\n"),
        ("in a comment", b"# caf\xe9\ndescription: x\n"),
        ("lone continuation byte", b"description: \x80\n"),
        ("overlong encoding", b"description: \xc0\xaf\n"),
        ("encoded surrogate", b"description: \xed\xa0\x80\n"),
        ("beyond U+10FFFF", b"description: \xf4\x90\x80\x80\n"),
        ("truncated at the end", b"description: \xe6\x97"),
    ];
    for (class, tail) in cases {
        let mut bytes = V.as_bytes().to_vec();
        let prefix = if class == &"first byte" || class == &"after a BOM" {
            bytes.clear();
            0
        } else {
            bytes.len()
        };
        bytes.extend_from_slice(tail);
        let bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        assert!(bad >= prefix, "{class}");
        let dir = folder("utf8");
        let d = check_with(&write(&dir, "t.yaml", &bytes), &[]);
        assert_eq!(codes_of(&d), vec![("H002", Severity::Error)], "{class}");
        assert_eq!(d[0].span.start as usize, bad, "{class}");
    }
}

#[test]
fn a_100_megabyte_template_is_checked_with_a_size_warning() {
    let mut text = format!("{V}resources:\n");
    let line = format!("    value: \"{}\"\n", "x".repeat(1000));
    let mut i = 0;
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(&format!(
            "  r{i}:\n    type: OS::Heat::None\n    metadata:\n  "
        ));
        text.push_str(&line);
        i += 1;
    }
    let c = codes("huge", text);
    assert!(has(&c, "H108", Severity::Warning), "{c:?}");
    // Checking went on past the limit: the resource count is over Heat's too.
    assert!(c.iter().any(|(code, _)| *code == "H310"), "{c:?}");
    assert!(!c.iter().any(|(_, s)| *s == Severity::Error), "{c:?}");
}

#[test]
fn a_million_key_mapping() {
    let mut text = format!("{V}resources:\n  r:\n    type: OS::Heat::None\n    metadata:\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("      k{i}: {i}\n"));
    }
    let c = codes("million-keys", text);
    // Over Heat's 512 KiB, and nothing else wrong.
    assert_eq!(c, vec![("H108", Severity::Warning)]);
}

#[test]
fn very_long_lines_and_scalars() {
    let plain = format!("{V}description: {}\n", "x".repeat(20 << 20));
    assert_eq!(
        codes("long-plain", plain),
        vec![("H108", Severity::Warning)]
    );
    let quoted = format!("{V}description: \"{}\"\n", "y".repeat(5 << 20));
    assert_eq!(
        codes("long-quoted", quoted),
        vec![("H108", Severity::Warning)]
    );
    // One line of 200,000 flow entries.
    let flow = format!("{V}description: [{}]\n", vec!["a"; 200_000].join(", "));
    assert_eq!(codes("long-flow", flow), vec![("H108", Severity::Warning)]);
    // A diagnostic at the end of a 1 MB line renders with its context cut.
    let dir = folder("long-line-render");
    let path = write(
        &dir,
        "t.yaml",
        format!(
            "{V}resources: {{r: {{type: OS::Heat::None, properties: {{}}}}, s: {}}}\n",
            "x".repeat(1 << 20)
        ),
    );
    let out = hotc_cli(&["check", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().all(|l| l.len() < 400),
        "a line of the report is too long"
    );
}

// --- YAML: nesting, aliases, tags, styles --------------------------------------

#[test]
fn a_hundred_thousand_deep_flow_nesting() {
    let text = format!(
        "{V}description: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let c = codes("deep-flow", text);
    assert!(c.iter().any(|(code, _)| *code == "H007"), "{c:?}");
}

#[test]
fn a_hundred_thousand_deep_block_nesting() {
    // `- - - … x`: compact nested block sequences.
    let text = format!("{V}description:\n  {}x\n", "- ".repeat(100_000));
    let c = codes("deep-block", text);
    assert!(has(&c, "H007", Severity::Error), "{c:?}");
    // And with indentation: each level on its own line.
    let mut text = format!("{V}description:\n");
    for depth in 0..3_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("-\n");
    }
    let c = codes("deep-indent", text);
    assert!(has(&c, "H007", Severity::Error), "{c:?}");
}

#[test]
fn an_alias_bomb() {
    let mut text = format!("{V}description:\n  x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
    for i in 1..10 {
        let items = vec![format!("*x{}", i - 1); 10].join(", ");
        text.push_str(&format!("  x{i}: &x{i} [{items}]\n"));
    }
    let c = codes("bomb", text);
    assert_eq!(c, vec![("H006", Severity::Error)]);
}

#[test]
fn a_quadratic_alias_chain() {
    // Each anchor holds the one before: n aliases copy n²/2 nodes.
    let mut text = format!("{V}description:\n  x0: &x0 [a]\n");
    for i in 1..5_000 {
        text.push_str(&format!("  x{i}: &x{i} [*x{}, b]\n", i - 1));
    }
    let c = codes("quadratic", text);
    assert_eq!(c, vec![("H006", Severity::Error)]);
    // Many aliases of one big list.
    let text = format!(
        "{V}description:\n  big: &big [{}]\n  refs: [{}]\n",
        vec!["a"; 1000].join(", "),
        vec!["*big"; 1000].join(", ")
    );
    assert_eq!(codes("many-aliases", text), vec![("H006", Severity::Error)]);
}

#[test]
fn the_file_cap_never_hides_a_budget() {
    // 300 unknown sections, then the alias budget: H006 is still shown.
    let mut text = String::from(V);
    for i in 0..300 {
        text.push_str(&format!("x{i}: 1\n"));
    }
    text.push_str("y0: &y0 [a]\n");
    for i in 1..1_000 {
        text.push_str(&format!("y{i}: &y{i} [*y{}, b]\n", i - 1));
    }
    let dir = folder("cap");
    let path = write(&dir, "t.yaml", text);
    let out = hotc_cli(&["check", path.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("error[H105]").count(), 200);
    assert_eq!(stdout.matches("error[H006]").count(), 1);
    assert_eq!(stdout.matches("[H962]").count(), 1);
}

#[test]
fn an_alias_of_its_own_collection() {
    let c = codes("self-alias", format!("{V}description: &a [*a]\n"));
    assert_eq!(c, vec![("H001", Severity::Error)]);
}

#[test]
fn tags_and_directives() {
    // What Heat's safe loader accepts.
    for (case, doc) in [
        (
            "yaml-directive",
            format!("%YAML 1.1\n---\n{V}description: x\n"),
        ),
        (
            "tag-directive",
            format!("%TAG !e! tag:yaml.org,2002:\n---\n{V}description: !e!str 1\n"),
        ),
        ("str-tag", format!("{V}description: !!str 123\n")),
        ("binary-tag", format!("{V}description: !!binary aGVsbG8=\n")),
        ("document-end", format!("---\n{V}description: x\n...\n")),
    ] {
        assert_eq!(codes(case, doc), vec![], "{case}");
    }
    // What it refuses: tags it has no constructor for.
    for (case, doc) in [
        (
            "python-tag",
            format!("{V}description: !!python/object:os.system [ls]\n"),
        ),
        ("local-tag", format!("{V}description: !custom x\n")),
        (
            "unknown-handle",
            format!("%TAG !e! tag:example.com,2000:\n---\n{V}description: !e!foo x\n"),
        ),
        ("second-document", format!("{V}---\n{V}")),
        ("yaml-2", format!("%YAML 2.0\n---\n{V}")),
    ] {
        assert_eq!(codes(case, doc), vec![("H001", Severity::Error)], "{case}");
    }
}

#[test]
fn every_scalar_style() {
    let doc = format!(
        "{V}parameters:\n\
         \x20 plain: {{type: string, default: plain text}}\n\
         \x20 single: {{type: string, default: 'it''s'}}\n\
         \x20 double: {{type: string, default: \"tab\\there \\u00e9\"}}\n\
         \x20 literal:\n    type: string\n    default: |\n      line 1\n      line 2\n\
         \x20 literal_strip:\n    type: string\n    default: |-\n      kept\n\n\
         \x20 literal_keep:\n    type: string\n    default: |+\n      kept\n\n\
         \x20 folded:\n    type: string\n    default: >\n      folded\n      text\n\
         \x20 indented:\n    type: string\n    default: |2\n        two more\n\
         \x20 number: {{type: number, default: 0x1F}}\n\
         \x20 sexagesimal: {{type: number, default: 1:30}}\n\
         \x20 flag: {{type: boolean, default: On}}\n\
         outputs:\n  all:\n    value:\n      - {{get_param: plain}}\n      - {{get_param: literal_keep}}\n"
    );
    let c = codes("styles", doc);
    // Every parameter but two is unused; nothing else.
    assert_eq!(c, vec![("H901", Severity::Warning); 9]);
}

// --- Trees: cycles and loops ---------------------------------------------------

#[test]
fn an_include_cycle_through_nested_templates() {
    let dir = folder("cycle-nested");
    let a = write(
        &dir,
        "a.yaml",
        format!("{V}resources:\n  b: {{type: b.yaml}}\n"),
    );
    write(
        &dir,
        "b.yaml",
        format!("{V}resources:\n  a: {{type: a.yaml}}\n"),
    );
    let d = check_with(&a, &[]);
    let cycle = the_one(&d, "H703");
    let chain: Vec<&str> = cycle
        .message
        .rsplit(": ")
        .next()
        .unwrap()
        .split(" → ")
        .collect();
    let names: Vec<&str> = chain
        .iter()
        .map(|p| p.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["a.yaml", "b.yaml", "a.yaml"], "{}", cycle.message);
}

#[test]
fn an_include_cycle_through_an_environment() {
    let dir = folder("cycle-env");
    let root = write(
        &dir,
        "root.yaml",
        format!("{V}resources:\n  x: {{type: My::A}}\n"),
    );
    write(
        &dir,
        "a.yaml",
        format!("{V}resources:\n  x: {{type: My::A}}\n"),
    );
    let env = write(&dir, "env.yaml", "resource_registry:\n  My::A: a.yaml\n");
    let d = check_with(&root, &[env]);
    assert_eq!(codes_of(&d), vec![("H703", Severity::Error)]);
}

#[test]
fn an_include_cycle_through_group_members() {
    let dir = folder("cycle-group");
    let group = |member: &str| {
        format!(
            "{V}resources:\n  g:\n    type: OS::Heat::ResourceGroup\n    properties:\n      count: 2\n      resource_def: {{type: {member}}}\n"
        )
    };
    let root = write(&dir, "root.yaml", group("member.yaml"));
    write(&dir, "member.yaml", group("member.yaml"));
    let d = check_with(&root, &[]);
    assert_eq!(codes_of(&d), vec![("H703", Severity::Error)]);
}

#[test]
fn a_registry_alias_chain_that_loops() {
    let dir = folder("registry-loop");
    let root = write(
        &dir,
        "root.yaml",
        format!("{V}resources:\n  x: {{type: My::A}}\n"),
    );
    let env = write(
        &dir,
        "env.yaml",
        "resource_registry:\n  My::A: My::B\n  My::B: My::C\n  My::C: My::A\n",
    );
    let d = check_with(&root, &[env]);
    assert_eq!(codes_of(&d), vec![("H723", Severity::Error)]);
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = folder("symlinks");
    write(
        &dir,
        "t.yaml",
        format!("{V}resources:\n  r: {{type: OS::Heat::None}}\n"),
    );
    // A link to the folder that holds it: not followed.
    symlink(".", dir.join("loop")).unwrap();
    // Links that lead to each other, with a template's name: unreadable.
    symlink("b.yaml", dir.join("a.yaml")).unwrap();
    symlink("a.yaml", dir.join("b.yaml")).unwrap();
    let d = check_with(&dir, &[]);
    assert_eq!(
        codes_of(&d),
        vec![("H008", Severity::Error), ("H008", Severity::Error)],
        "{d:#?}"
    );
    assert!(d[0].message.contains("symbolic links"), "{}", d[0].message);
    // Named on the command line: the same diagnostic, no hang.
    let out = hotc_cli(&["check", dir.join("a.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic links"));
}

// --- get_file targets ----------------------------------------------------------

fn get_file_of(target: &str) -> String {
    format!(
        "{V}resources:\n  c:\n    type: OS::Heat::SoftwareConfig\n    properties:\n      config: {{get_file: {target}}}\n"
    )
}

#[test]
fn get_file_of_a_directory() {
    let dir = folder("get-file-dir");
    std::fs::create_dir_all(dir.join("scripts")).unwrap();
    let t = write(&dir, "t.yaml", get_file_of("scripts"));
    let d = check_with(&t, &[]);
    assert!(the_one(&d, "H701").message.contains("it is a directory"));
}

#[cfg(unix)]
#[test]
fn get_file_of_a_fifo_does_not_block() {
    let dir = folder("get-file-fifo");
    let fifo = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let t = write(&dir, "t.yaml", get_file_of("pipe"));
    let d = check_with(&t, &[]);
    assert!(the_one(&d, "H701").message.contains("not a regular file"));
}

#[cfg(unix)]
#[test]
fn get_file_of_a_device_file() {
    // Outside the root: refused without reading.
    let dir = folder("get-file-device");
    let t = write(&dir, "t.yaml", get_file_of("/dev/zero"));
    let d = check_with(&t, &[]);
    assert_eq!(codes_of(&d), vec![("H702", Severity::Warning)]);
    // Allowed outside the root: still never read, since it is no regular file.
    let d = check::run(&CheckOptions {
        paths: vec![t.clone()],
        root: Some(dir.clone()),
        allow_outside: vec!["/dev/**".into()],
        ..CheckOptions::default()
    })
    .unwrap()
    .diagnostics;
    assert!(the_one(&d, "H701").message.contains("not a regular file"));
}

#[test]
fn get_file_of_a_file_outside_the_root() {
    let dir = folder("get-file-outside");
    write(&dir, "secret.sh", "echo secret\n");
    let t = write(&dir, "tree/t.yaml", get_file_of("../secret.sh"));
    let d = check_with(&t, &[]);
    let outside = the_one(&d, "H702");
    assert!(
        outside.message.contains("outside the tree root"),
        "{}",
        outside.message
    );
}

// --- build ---------------------------------------------------------------------

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walk(dir);
    all.sort();
    all
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

const SPEC: &str = "driver:\n  name: k8s_hostile_v1\n";

#[test]
fn build_refuses_to_write_over_its_spec() {
    let dir = folder("build-over-spec");
    let spec = write(&dir, "spec.yaml", SPEC);
    let before = listing(&dir);
    for out in [dir.clone(), spec.clone()] {
        let run = hotc_cli(&["build", spec.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&run.stderr).contains("holds the spec itself"));
        assert_eq!(listing(&dir), before);
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), SPEC);
    }
}

#[test]
fn build_refuses_to_write_outside_its_output_folder() {
    let dir = folder("build-outside");
    // A driver name is a path component: `..` and `/` never get through.
    for name in ["../escape", "/tmp/escape", "a/../../b"] {
        let spec = write(&dir, "spec.yaml", format!("driver:\n  name: \"{name}\"\n"));
        let before = listing(&dir);
        let run = hotc_cli(&["build", spec.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(
            String::from_utf8_lossy(&run.stdout).contains("error[B004]"),
            "{name}"
        );
        assert_eq!(listing(&dir), before, "{name}");
    }
    // A folder it did not generate is never replaced.
    let spec = write(&dir, "spec.yaml", SPEC);
    let foreign = dir.join("out");
    write(&foreign, "notes.txt", "mine");
    let before = listing(&dir);
    let run = hotc_cli(&[
        "build",
        spec.to_str().unwrap(),
        "-o",
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("hotc did not generate"));
    assert_eq!(listing(&dir), before);
}

#[cfg(unix)]
#[test]
fn build_of_a_spec_that_is_a_fifo_or_a_folder() {
    let dir = folder("build-fifo");
    let fifo = dir.join("spec.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let run = hotc_cli(&["build", fifo.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("must be a regular file"));
    let run = hotc_cli(&["build", dir.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("must be a regular file"));
}

#[test]
fn yaml_that_is_not_a_template() {
    assert_eq!(
        codes("playbook", "- hosts: all\n  tasks:\n    - ping:\n"),
        vec![("H101", Severity::Error)]
    );
    assert_eq!(
        codes("config", "name: web\nreplicas: 3\n"),
        vec![("H102", Severity::Error)]
    );
}
