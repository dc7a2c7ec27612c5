//! The pre-commit hook, run by the real pre-commit (from PyPI, installed by
//! `scripts/test-deps.sh`, which exports `HOTC_PRE_COMMIT`) in a throwaway git
//! repository, with an empty `PRE_COMMIT_HOME` and no hotc on `PATH`: the
//! hook's `language: rust` builds hotc from a clone of this repository at
//! HEAD. A bad template makes the commit fail with hotc's message; fixed, the
//! commit passes. The repository's `.pre-commit-config.yaml` is the README's
//! (`examples/pre-commit/.pre-commit-config.yaml`) pointed at that clone.
//!
//! The templates form a tree with a `hotc.toml` whose stack names an
//! environment mapping `My::Server` to a nested template: with staged files
//! named one by one, hotc still finds hotc.toml, so the mapped type is not
//! reported as unknown.
//!
//! Skips without pre-commit, except under `CI=true`. The build takes minutes;
//! it is kept in `target/pre-commit` between runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    match std::env::var("HOTC_PRE_COMMIT") {
        Ok(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("pre-commit is not installed: run scripts/test-deps.sh")
        }
        _ => {
            eprintln!("skipped: pre-commit is not installed (scripts/test-deps.sh)");
            None
        }
    }
}

fn run(command: &mut Command) -> Output {
    let out = command.output().expect("the command runs");
    eprintln!(
        "$ {command:?}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(Command::new("git").args(args).current_dir(dir));
    assert!(out.status.success(), "git {args:?} failed");
    out
}

/// PATH without any folder that holds a `hotc`.
fn path_without_hotc() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| !dir.join("hotc").exists())
        .collect();
    std::env::join_paths(kept)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

const STACK_BAD: &str = "heat_template_version: 2018-08-31
parameters:
  image: {type: string}
resources:
  server:
    type: My::Server
    properties:
      image: {get_param: imgae}
";

const SERVER: &str = "heat_template_version: 2018-08-31
parameters:
  image: {type: string}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: {get_param: image}
      flavor: m1.small
";

#[test]
fn the_hook_fails_a_bad_commit_and_passes_the_fixed_one() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = std::env::temp_dir().join(format!("hotc-pre-commit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();

    // hotc at HEAD, as pre-commit will fetch it.
    let clone = scratch.join("hotc");
    git(
        &scratch,
        &["clone", "--quiet", manifest.to_str().unwrap(), "hotc"],
    );
    let head = git(&clone, &["rev-parse", "HEAD"]);
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    assert!(
        clone.join(".pre-commit-hooks.yaml").exists(),
        "HEAD has no .pre-commit-hooks.yaml: commit it first"
    );

    // The user's repository.
    let repo = scratch.join("project");
    std::fs::create_dir_all(repo.join("env")).unwrap();
    git(&repo, &["init", "--quiet"]);
    git(&repo, &["config", "user.email", "test@example.org"]);
    git(&repo, &["config", "user.name", "hotc test"]);
    let example =
        std::fs::read_to_string(manifest.join("examples/pre-commit/.pre-commit-config.yaml"))
            .unwrap();
    let config: String = example
        .lines()
        .map(|line| {
            let indent = &line[..line.len() - line.trim_start().len()];
            if line.trim_start().starts_with("- repo:") {
                format!("{indent}- repo: {}\n", clone.display())
            } else if line.trim_start().starts_with("rev:") {
                format!("{indent}rev: {head}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(config, example, "the example names repo and rev");
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::write(
        repo.join("hotc.toml"),
        "[[stacks]]\ntemplate = \"stack.yaml\"\nenvironments = [[\"env/servers.yaml\"]]\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("env/servers.yaml"),
        "resource_registry:\n  My::Server: ../server.yaml\n",
    )
    .unwrap();
    std::fs::write(repo.join("server.yaml"), SERVER).unwrap();
    std::fs::write(repo.join("stack.yaml"), STACK_BAD).unwrap();
    std::fs::write(repo.join("notes.yaml"), "- not a template, skipped\n").unwrap();

    let home = scratch.join("pre-commit-home");
    std::fs::create_dir_all(&home).unwrap();
    let env = |c: &mut Command| {
        c.current_dir(&repo)
            .env("PRE_COMMIT_HOME", &home)
            .env("PATH", path_without_hotc())
            .env("CARGO_TARGET_DIR", manifest.join("target/pre-commit"))
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE");
    };
    let mut install = Command::new(&pre_commit);
    install.arg("install");
    env(&mut install);
    assert!(run(&mut install).status.success());
    git(&repo, &["add", "."]);

    let mut commit = Command::new("git");
    commit.args(["commit", "-m", "Add the stack"]);
    env(&mut commit);
    let out = run(&mut commit);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.status.success(),
        "the bad template must stop the commit:\n{text}"
    );
    assert!(
        text.contains("error[H401]: `imgae` is not a parameter of this template"),
        "{text}"
    );
    assert!(text.contains("stack.yaml:8:26"), "{text}");
    // The type mapped by the stack's environment is not a finding, nor is the
    // YAML that is not a template.
    assert!(!text.contains("My::Server"), "{text}");
    assert!(!text.contains("notes.yaml"), "{text}");

    std::fs::write(repo.join("stack.yaml"), STACK_BAD.replace("imgae", "image")).unwrap();
    git(&repo, &["add", "stack.yaml"]);
    let mut commit = Command::new("git");
    commit.args(["commit", "-m", "Add the stack"]);
    env(&mut commit);
    let out = run(&mut commit);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the fixed template must pass:\n{text}"
    );
    assert!(text.contains("hotc"), "{text}");
    let _ = std::fs::remove_dir_all(&scratch);
}
