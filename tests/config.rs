//! `hotc.toml`: each folder under `tests/fixtures/config/` holds one; the
//! snapshot shows what hotc makes of it — the check options it fills, the
//! warnings as users see them, or the error that stops hotc (exit 2).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use hotc::check::CheckOptions;
use hotc::config;
use hotc::emit::{self, Report};
use hotc::source::SourceMap;

fn relative(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string())
}

fn describe(dir: &Path) -> String {
    let cwd = std::env::current_dir().unwrap();
    let config = match config::load(&dir.join("hotc.toml"), &cwd) {
        Ok(c) => c,
        Err(e) => return format!("error (exit 2): {e}\n"),
    };
    let abs = cwd.join(dir);
    let mut options = CheckOptions::default();
    config.apply(&mut options);
    let mut out = String::new();
    let filter = options.path_filter.as_ref().unwrap();
    let globs = |g: &[config::Glob]| g.iter().map(|g| g.to_string()).collect::<Vec<_>>();
    writeln!(
        out,
        "root: {}",
        relative(options.root.as_ref().unwrap(), &abs)
    )
    .unwrap();
    writeln!(out, "include: {:?}", globs(&filter.include)).unwrap();
    writeln!(out, "exclude: {:?}", globs(&filter.exclude)).unwrap();
    writeln!(out, "heat_release: {}", config.heat_release).unwrap();
    let outside: Vec<String> = options
        .allow_outside
        .iter()
        .map(|p| relative(Path::new(p), &abs))
        .collect();
    writeln!(out, "allow_outside: {outside:?}").unwrap();
    writeln!(out, "limits: {:?}", options.limits).unwrap();
    writeln!(
        out,
        "max_diagnostics_per_file: {}",
        config.max_diagnostics_per_file
    )
    .unwrap();
    writeln!(out, "rules: {:?}", config.rules).unwrap();
    for o in &config.overrides {
        writeln!(out, "override: {:?} {:?}", globs(&o.paths), o.rules).unwrap();
    }
    for s in &options.stacks {
        let envs: Vec<String> = s.environments.iter().map(|e| relative(e, &abs)).collect();
        writeln!(
            out,
            "stack {}: {} environments={envs:?} parameters={}",
            s.name,
            relative(&s.template, &abs),
            serde_json::Value::Object(s.parameters.iter().cloned().collect())
        )
        .unwrap();
    }
    let catalogs: Vec<String> = options.catalogs.iter().map(|c| relative(c, &abs)).collect();
    writeln!(out, "catalogs: {catalogs:?}").unwrap();
    let mut sources = SourceMap::default();
    let diagnostics = config.diagnostics(&mut sources, &cwd);
    if !diagnostics.is_empty() {
        let report = Report {
            sources: &sources,
            diagnostics: &diagnostics,
            files_read: 0,
        };
        writeln!(out, "\n{}", emit::human::render_diagnostics(&report, false)).unwrap();
    }
    out
}

#[test]
fn config_fixtures() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/config")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        insta::with_settings!({
            snapshot_path => "../snapshots/config",
            prepend_module_to_snapshot => false,
            description => dir.join("hotc.toml").display().to_string(),
            omit_expression => true,
        }, {
            let cwd = std::env::current_dir().unwrap().display().to_string();
            insta::assert_snapshot!(name, describe(&dir).replace(&cwd, "[ROOT]"));
        });
    }
}

#[test]
fn the_starter_file_is_valid_and_says_the_defaults() {
    let dir = std::env::temp_dir().join(format!("hotc-config-{}-starter", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hotc.toml");
    std::fs::write(&path, config::STARTER).unwrap();
    let config = config::load(&path, &dir).expect("the starter parses");
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    assert!(config.rules.is_empty() && config.stacks.is_empty());
    assert_eq!(config.limits, hotc::rules::context::Limits::default());
    assert_eq!(
        config.max_diagnostics_per_file,
        config::DEFAULT_MAX_DIAGNOSTICS_PER_FILE
    );
    // Every commented-out setting is one hotc knows: uncommented, it still parses.
    let uncommented: String = config::STARTER
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with("[[") => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, &uncommented).unwrap();
    for (file, text) in [
        ("stack.yaml", "heat_template_version: 2018-08-31\n"),
        ("env/production.yaml", "{}\n"),
        ("env/staging.yaml", "{}\n"),
        ("plugins/types.json", "{}\n"),
    ] {
        std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }
    let config = config::load(&path, &dir).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    assert_eq!(config.stacks.len(), 2);
    assert_eq!(config.rules.len(), 2);
}

#[test]
fn found_by_walking_up() {
    let dir = std::env::temp_dir().join(format!("hotc-config-{}-walk", std::process::id()));
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("hotc.toml"), "").unwrap();
    std::fs::write(dir.join("a/b/t.yaml"), "").unwrap();
    assert_eq!(
        config::find(&dir.join("a/b/t.yaml")),
        Some(dir.join("hotc.toml"))
    );
    assert_eq!(config::find(&dir.join("a")), Some(dir.join("hotc.toml")));
}
