//! The check pipeline: find the files, read and parse each (in parallel), build
//! the HOT model, run the rules, and return sorted diagnostics.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::diagnostics::Severity;
use crate::graph::ResourceGraph;
use crate::hot::conditions::Evaluator;
use crate::hot::environment::Environment;
use crate::hot::inputs::StackInputs;
use crate::hot::parameters::EffectiveValues;
use crate::hot::walk::ConditionUsage;
use crate::hot::{Kind, Template};
use crate::rules::context::Limits;
use crate::rules::{self, Context, Sink};
use crate::source::{FileId, SourceMap};
use crate::syntax;
use crate::workspace::{self, Disk, FileSystem, Origin, Overlay};
use std::sync::Arc;

/// What to check and how.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    /// `-P NAME=VALUE`, in order.
    pub parameters: Vec<(String, String)>,
    /// `-e ENV`, in order.
    pub environments: Vec<PathBuf>,
    /// A template read from standard input, with the name to show for it.
    pub stdin: Option<(PathBuf, String)>,
    pub limits: Limits,
    /// In-memory files laid over the disk (open editor buffers, a tree about to
    /// be written). Paths are absolute.
    pub overlay: Option<Overlay>,
    /// The tree root, when the caller knows it (else found as DESIGN says).
    pub root: Option<PathBuf>,
    /// `--parameter-file NAME=FILE`: the file's content is the value, as with
    /// `openstack stack create --parameter-file`.
    pub parameter_files: Vec<(String, PathBuf)>,
    /// Stacks named by the project file, each a root template with one list of
    /// environment files and parameter values.
    pub stacks: Vec<StackSpec>,
    /// Glob patterns (absolute, `*`, `**`, `?`) of paths outside the tree root
    /// that may be read.
    pub allow_outside: Vec<String>,
    /// Resource-type catalogs of custom plugins, layered over Heat's.
    pub catalogs: Vec<PathBuf>,
    /// `[check] include` / `exclude` of hotc.toml, for directory walking.
    pub path_filter: Option<crate::config::PathFilter>,
    /// Treat named files as if found by walking a directory
    /// (`--force-exclude`): the path filter applies, and YAML that is neither
    /// a template nor an environment is skipped.
    pub named_as_found: bool,
}

/// One stack to check: a root template with one environment list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StackSpec {
    /// A name to show in messages (e.g. `kubecluster[3]`).
    pub name: String,
    pub template: PathBuf,
    /// Environment files, merged in order.
    pub environments: Vec<PathBuf>,
    /// Parameter values, as with `-P`.
    pub parameters: Vec<(String, serde_json::Value)>,
}

/// Why hotc could not do its job (exit code 2).
#[derive(Debug)]
pub enum Fatal {
    NotFound(PathBuf),
    Unreadable(PathBuf, std::io::Error),
    Usage(String),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            Fatal::Unreadable(p, e) => write!(f, "{}: cannot be read: {e}", p.display()),
            Fatal::Usage(m) => f.write_str(m),
        }
    }
}

pub struct CheckResult {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub files_read: usize,
}

/// A file to check, and whether the user named it (so it must be a template).
struct Target {
    path: PathBuf,
    explicit: bool,
    text: Option<String>,
}

const EXTENSIONS: [&str; 4] = ["yaml", "yml", "json", "template"];

pub fn run(options: &CheckOptions) -> Result<CheckResult, Fatal> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let fs: &dyn FileSystem = match &options.overlay {
        Some(overlay) => overlay,
        None => &Disk,
    };
    let targets = discover(fs, options, &cwd)?;
    // Each command-line PATH has its tree root.
    let mut roots: Vec<PathBuf> = match &options.root {
        Some(root) => vec![absolute(root, &cwd)],
        None => options
            .paths
            .iter()
            .map(|p| workspace::tree_root(&absolute(p, &cwd), &cwd))
            .collect(),
    };
    if let (Some((name, _)), None) = (&options.stdin, &options.root) {
        roots.push(workspace::tree_root(&absolute(name, &cwd), &cwd));
    }
    let root = roots
        .iter()
        .min_by_key(|r| r.components().count())
        .cloned()
        .unwrap_or_else(|| cwd.clone());
    let outside: Vec<crate::config::Glob> = options
        .allow_outside
        .iter()
        .filter_map(|pattern| outside_glob(pattern, &cwd))
        .collect();
    let allow_outside =
        |p: &Path| roots.iter().any(|r| p.starts_with(r)) || outside.iter().any(|g| g.matches(p));
    let environment_paths: Vec<PathBuf> = options
        .environments
        .iter()
        .map(|e| absolute(e, &cwd))
        .collect();
    let mut starts: Vec<workspace::Start> = targets
        .into_iter()
        .map(|t| workspace::Start {
            path: t.path,
            origin: if t.explicit {
                Origin::Named
            } else {
                Origin::Found
            },
            text: t.text,
            expect_template: false,
        })
        .collect();
    for path in &environment_paths {
        if !starts.iter().any(|s| &s.path == path) {
            starts.push(workspace::Start {
                path: path.clone(),
                origin: Origin::Environment,
                text: None,
                expect_template: false,
            });
        }
    }
    // Without environments, the environment files of the project name the
    // type mappings (pre-commit passes only the staged files).
    let tree_environments = if environment_paths.is_empty() {
        project_environments(fs, &root, &starts, &cwd)
    } else {
        Vec::new()
    };
    for path in &tree_environments {
        if !starts.iter().any(|s| &s.path == path) {
            starts.push(workspace::Start {
                path: path.clone(),
                origin: Origin::Context,
                text: None,
                expect_template: false,
            });
        }
    }
    for stack in &options.stacks {
        let template = absolute(&stack.template, &cwd);
        if !starts.iter().any(|s| s.path == template) {
            starts.push(workspace::Start {
                path: template,
                origin: Origin::Named,
                text: None,
                expect_template: false,
            });
        }
        for e in &stack.environments {
            let e = absolute(e, &cwd);
            if !starts.iter().any(|s| s.path == e) {
                starts.push(workspace::Start {
                    path: e,
                    origin: Origin::Environment,
                    text: None,
                    expect_template: false,
                });
            }
        }
    }
    let mut parameters: Vec<(String, serde_json::Value)> = options
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    for (name, file) in &options.parameter_files {
        let bytes = fs.read(&absolute(file, &cwd)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fatal::NotFound(file.clone()),
            _ => Fatal::Unreadable(file.clone(), e),
        })?;
        parameters.push((
            name.clone(),
            serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned()),
        ));
    }
    // The project's own resource types, for custom plugins.
    let mut user_catalogs = Vec::new();
    for path in &options.catalogs {
        let text = fs.read(&absolute(path, &cwd)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fatal::NotFound(path.clone()),
            _ => Fatal::Unreadable(path.clone(), e),
        })?;
        let text = String::from_utf8_lossy(&text);
        let catalog = crate::catalog::Catalog::parse(&text).map_err(|e| {
            Fatal::Usage(format!(
                "{}:{}:{}: {}",
                path.display(),
                e.line,
                e.column,
                e.message
            ))
        })?;
        user_catalogs.push(catalog);
    }
    let workspace = workspace::load(fs, starts, &root, &allow_outside, &cwd);
    let sources = workspace.source_map();
    let mut diagnostics = check_workspace(
        &workspace,
        &sources,
        options,
        &user_catalogs,
        &parameters,
        &environment_paths,
        &cwd,
    );
    diagnostics.extend(rules::tree::check_workspace(&workspace, &allow_outside));
    // Suppression comments, file by file.
    for (i, loaded) in workspace.files.iter().enumerate() {
        let source = sources.get(FileId(i as u32));
        let suppressions = crate::suppress::scan(source, loaded.parsed.root.as_ref());
        crate::suppress::apply(FileId(i as u32), source, &suppressions, &mut diagnostics);
    }
    // Files read only for their type mappings do not count as checked.
    let files_read = workspace
        .files
        .iter()
        .filter(|f| f.read && !f.context_only && f.origin != Origin::Context)
        .count();
    let mut diagnostics = dedup(diagnostics);
    sort(&mut diagnostics, &sources);
    Ok(CheckResult {
        sources,
        diagnostics,
        files_read,
    })
}

/// Checks every file of the workspace: each file's reading issues once, each
/// environment file once, each template once per distinct stack it is part of.
fn check_workspace(
    workspace: &workspace::Workspace,
    sources: &SourceMap,
    options: &CheckOptions,
    user_catalogs: &[crate::catalog::Catalog],
    parameters: &[(String, serde_json::Value)],
    environment_paths: &[PathBuf],
    cwd: &Path,
) -> Vec<Diagnostic> {
    let file_count = workspace.files.len();
    // The typed model of every template, built once.
    let templates: Vec<Option<Template>> = workspace
        .files
        .par_iter()
        .map(|f| {
            let _processing = crate::crash::processing(&f.source.path);
            f.parsed
                .root
                .as_ref()
                .filter(|r| crate::hot::classify(r) == Kind::Hot)
                .filter(|_| f.read_error.is_none())
                .map(Template::new)
        })
        .collect();
    let paths: Vec<PathBuf> = workspace
        .files
        .iter()
        .map(|f| f.source.path.clone())
        .collect();
    let names: Vec<String> = workspace
        .files
        .iter()
        .map(|f| f.source.display.clone())
        .collect();
    let find = |p: &Path| workspace.find(p).map(|i| FileId(i as u32));
    let mut layers: Vec<&crate::catalog::Catalog> = user_catalogs.iter().collect();
    layers.push(crate::catalog::Catalog::builtin());
    let catalogs = crate::catalog::CatalogSet::new(layers);
    let tree = crate::link::Tree {
        catalogs: &catalogs,
        templates: &templates,
        paths: &paths,
        names: &names,
        find: &find,
    };
    let is_environment = |i: usize| {
        let f = &workspace.files[i];
        f.origin == Origin::Environment
            || f.parsed
                .root
                .as_ref()
                .is_some_and(crate::hot::environment::is_environment)
    };
    // The parameters the templates of the tree declare: what Heat's merge of
    // environment files keeps.
    let mut schemata: std::collections::HashMap<&str, crate::hot::parameters::ParamType> =
        std::collections::HashMap::new();
    for t in templates.iter().flatten() {
        for p in &t.parameter_defs {
            if let Some(ty) = p.ty {
                schemata.entry(p.name()).or_insert(ty);
            }
        }
    }
    let schema_of = |name: &str| schemata.get(name).copied();
    let mut merge_issues = Vec::new();
    let mut merged = |list: &[PathBuf], given_first: bool| {
        let files: Vec<(FileId, &Path, &syntax::Node)> = list
            .iter()
            .filter_map(|path| {
                let i = workspace.find(path)?;
                let root = workspace.files[i].parsed.root.as_ref()?;
                Some((
                    FileId(i as u32),
                    workspace.files[i].source.path.as_path(),
                    root,
                ))
            })
            .collect();
        let (env, issues) = Environment::merge_files(&files, given_first, &schema_of);
        merge_issues.extend(issues);
        Arc::new(env)
    };
    // The environment of root stacks: the -e files, else the mapping of the tree.
    let root_environment = if !environment_paths.is_empty() {
        merged(environment_paths, !parameters.is_empty())
    } else {
        let found: Vec<(FileId, &Path, &syntax::Node)> = (0..file_count)
            .filter(|&i| {
                is_environment(i)
                    && matches!(
                        workspace.files[i].origin,
                        Origin::Found | Origin::Context | Origin::Named
                    )
            })
            .filter_map(|i| {
                let f = &workspace.files[i];
                Some((
                    FileId(i as u32),
                    f.source.path.as_path(),
                    f.parsed.root.as_ref()?,
                ))
            })
            .collect();
        Arc::new(Environment::of_tree(&found))
    };
    let mut stacks: Vec<crate::link::StackRoot> = Vec::new();
    for (i, f) in workspace.files.iter().enumerate() {
        let named = matches!(f.origin, Origin::Named | Origin::Found);
        if named && templates[i].is_some() {
            let stacked = options
                .stacks
                .iter()
                .any(|s| absolute(&s.template, cwd) == f.source.path);
            // The project's stacks check their templates with their environments.
            if stacked {
                continue;
            }
            stacks.push(crate::link::StackRoot {
                file: FileId(i as u32),
                environment: root_environment.clone(),
                inputs: StackInputs::root(parameters, &root_environment),
            });
        }
    }
    for stack in &options.stacks {
        let Some(i) = workspace.find(&absolute(&stack.template, cwd)) else {
            continue;
        };
        if templates[i].is_none() {
            continue;
        }
        let list: Vec<PathBuf> = stack
            .environments
            .iter()
            .map(|e| absolute(e, cwd))
            .collect();
        let mut values = parameters.to_vec();
        values.extend(stack.parameters.iter().cloned());
        let environment = merged(&list, !values.is_empty());
        stacks.push(crate::link::StackRoot {
            file: FileId(i as u32),
            inputs: StackInputs::root(&values, &environment),
            environment,
        });
    }
    let mut linked = crate::link::link(&tree, stacks, &options.limits);
    // Templates reached only in ways that create no stack (a get_file of a
    // template, a type in a parameter default) are still checked.
    let mut covered = vec![false; file_count];
    for u in &linked.units {
        covered[u.file.0 as usize] = true;
    }
    // When stacks are given, a template no stack creates (a registry maps a
    // type to it, but nothing uses the type) is not live.
    let stacked = !environment_paths.is_empty() || !options.stacks.is_empty();
    for (i, covered) in covered.iter().enumerate() {
        if !covered && templates[i].is_some() && !workspace.files[i].context_only {
            linked.units.push(crate::link::Unit {
                file: FileId(i as u32),
                environment: root_environment.clone(),
                inputs: Arc::new(StackInputs::nested(&root_environment)),
                live: if stacked {
                    crate::hot::walk::Liveness::Conditional(
                        "no stack of the tree is created from this template with the given environments".into(),
                    )
                } else {
                    crate::hot::walk::Liveness::Live
                },
                parent: None,
                depth: 0,
                resolved: std::collections::HashMap::new(),
            });
        }
    }
    let mut diagnostics = std::mem::take(&mut linked.diagnostics);
    diagnostics.extend(rules::environment::merge_issues(&merge_issues));
    // Reading issues, documents that are not HOT templates, environment files.
    let per_file: Vec<Vec<Diagnostic>> = (0..file_count)
        .into_par_iter()
        .map(|i| {
            let _processing = crate::crash::processing(&workspace.files[i].source.path);
            check_file(
                FileId(i as u32),
                &workspace.files[i],
                sources,
                is_environment(i),
            )
        })
        .collect();
    diagnostics.extend(per_file.into_iter().flatten());
    let per_unit: Vec<Vec<Diagnostic>> = linked
        .units
        .par_iter()
        .map(|unit| {
            let _processing = crate::crash::processing(&sources.get(unit.file).path);
            check_unit(unit, &tree, sources, &options.limits)
        })
        .collect();
    diagnostics.extend(per_unit.into_iter().flatten());
    diagnostics
}

/// What is checked once per file: the issues found reading it, documents that
/// are not HOT templates, environment files.
fn check_file(
    file: FileId,
    loaded: &workspace::Loaded,
    sources: &SourceMap,
    is_environment: bool,
) -> Vec<Diagnostic> {
    let source = sources.get(file);
    let mut sink = Sink::new(file);
    if loaded.context_only || loaded.origin == Origin::Context {
        return Vec::new();
    }
    if let Some(error) = &loaded.read_error {
        // Reached files that cannot be read are reported where they are named.
        if loaded.origin != Origin::Reached {
            sink.report(
                &rules::files::UNREADABLE_FILE,
                crate::source::Span::empty(0),
                format!("the file cannot be read: {error}"),
            );
        }
        return sink.diagnostics;
    }
    let kind = loaded.parsed.root.as_ref().map(crate::hot::classify);
    let is_template = match kind {
        Some(k) => k == Kind::Hot,
        None => workspace::looks_like_template(source.text.as_bytes()),
    };
    match loaded.origin {
        // In a directory, only templates and environments are checked; other
        // YAML is skipped.
        Origin::Found if !is_template && !is_environment => return Vec::new(),
        // Data reached through get_file is not checked; nested templates are.
        Origin::Reached if !is_template && !loaded.expect_template => return Vec::new(),
        _ => {}
    }
    rules::files::report_issues(&loaded.parsed.issues, &mut sink);
    let Some(root) = &loaded.parsed.root else {
        return sink.diagnostics;
    };
    if is_environment {
        rules::environment::check(root, &mut sink);
        return sink.diagnostics;
    }
    match crate::hot::classify(root) {
        Kind::NotAMapping => rules::template::not_a_mapping::check(root, &mut sink),
        Kind::NoVersion => rules::template::missing_version::check(root, &mut sink),
        Kind::Cfn(key) => rules::template::cfn_not_checked::check(root, key, &mut sink),
        Kind::Hot => {}
    }
    sink.diagnostics
}

/// Checks one template with one set of inputs.
fn check_unit(
    unit: &crate::link::Unit,
    tree: &crate::link::Tree,
    sources: &SourceMap,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let Some(Some(template)) = tree.templates.get(unit.file.0 as usize) else {
        return Vec::new();
    };
    let source = sources.get(unit.file);
    let mut sink = Sink::new(unit.file);
    let values = EffectiveValues::compute(template, &unit.inputs);
    let evaluator = Evaluator::new(template, &values);
    let conditions = ConditionUsage::compute(template, &evaluator);
    let walker = crate::hot::walk::Walker {
        template,
        evaluator: &evaluator,
        condition_liveness: Some(&conditions.liveness),
        owner_conditions: true,
    };
    let graph = ResourceGraph::build(template, &walker);
    let cx = Context {
        file: unit.file,
        source,
        template,
        values: &values,
        inputs: &unit.inputs,
        evaluator: &evaluator,
        conditions: &conditions,
        graph: &graph,
        limits,
        unit,
        tree,
    };
    for check in rules::template_checks() {
        check(&cx, &mut sink);
    }
    // A stack that exists only under other parameter values: its errors are
    // warnings that say so.
    if let crate::hot::walk::Liveness::Conditional(why) = &unit.live {
        let parent = unit
            .parent
            .as_ref()
            .map(|p| {
                format!(
                    "resource `{}` of {}",
                    p.resource,
                    sources.get(p.file).display
                )
            })
            .unwrap_or_default();
        for d in &mut sink.diagnostics {
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
                d.message = format!(
                    "{} (not live: this stack is created by {parent}, and {why})",
                    d.message
                );
            }
        }
    }
    sink.diagnostics
}

/// One diagnostic per finding: the same finding met through several stacks is
/// kept once, at its highest severity.
fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let base = |m: &str| m.split(" (not live: ").next().unwrap_or(m).to_string();
    let mut best: std::collections::HashMap<(FileId, u32, u32, &'static str, String), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in diagnostics {
        let key = (d.file, d.span.start, d.span.end, d.code, base(&d.message));
        match best.get(&key) {
            Some(&i) => {
                if d.severity > out[i].severity {
                    out[i] = d;
                }
            }
            None => {
                best.insert(key, out.len());
                out.push(d);
            }
        }
    }
    out
}

/// The environment files of the project a file belongs to, when the tree root
/// is a project (it holds a `hotc.toml` or is a git top level): YAML files that
/// hold a `resource_registry`.
fn project_environments(
    fs: &dyn FileSystem,
    root: &Path,
    starts: &[workspace::Start],
    cwd: &Path,
) -> Vec<PathBuf> {
    let _ = cwd;
    let is_project = root.join("hotc.toml").is_file() || root.join(".git").exists();
    // Directories walked already hold their environments.
    let only_files = starts.iter().all(|s| s.origin != Origin::Found);
    if !is_project || !only_files {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut visited = 0;
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.') || e.depth() == 0)
        .flatten()
    {
        visited += 1;
        if visited > 50_000 {
            break;
        }
        if !entry.file_type().is_file() || !has_template_extension(entry.path()) {
            continue;
        }
        let Ok(head) = fs.read_head(entry.path(), 1 << 16) else {
            continue;
        };
        if head.windows(17).any(|w| w == b"resource_registry")
            && !head.windows(21).any(|w| w == b"heat_template_version")
        {
            out.push(normalize(entry.path()));
        }
    }
    out
}

/// DESIGN's order: file, then offset, then code.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by(|a, b| {
        let fa = &sources.get(a.file).display;
        let fb = &sources.get(b.file).display;
        fa.cmp(fb)
            .then(a.span.start.cmp(&b.span.start))
            .then(a.code.cmp(b.code))
            .then(a.message.cmp(&b.message))
    });
}

fn discover(fs: &dyn FileSystem, options: &CheckOptions, cwd: &Path) -> Result<Vec<Target>, Fatal> {
    let mut targets = Vec::new();
    if let Some((name, text)) = &options.stdin {
        targets.push(Target {
            path: absolute(name, cwd),
            explicit: true,
            text: Some(text.clone()),
        });
    }
    for path in &options.paths {
        let metadata = fs
            .metadata(&absolute(path, cwd))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Fatal::NotFound(path.clone()),
                _ => Fatal::Unreadable(path.clone(), e),
            })?;
        if metadata.is_dir {
            let mut found = Vec::new();
            if let Some(overlay) = &options.overlay {
                let dir = absolute(path, cwd);
                for p in overlay.paths().filter(|p| p.starts_with(&dir)) {
                    if has_template_extension(p) && filtered_in(options, p) {
                        found.push(Target {
                            path: p.to_path_buf(),
                            explicit: false,
                            text: None,
                        });
                    }
                }
            }
            let walk_disk = std::fs::metadata(path).is_ok_and(|m| m.is_dir());
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter(|_| walk_disk)
            {
                let entry = match entry {
                    Ok(entry) if entry.file_type().is_file() => entry,
                    Ok(_) => continue,
                    // A dangling link, or links that lead to each other: reported
                    // as an unreadable file when it has a template's name. A link
                    // to a folder above it is not followed (walkdir sees the loop).
                    Err(e) => {
                        let broken = |p: &Path| {
                            e.io_error().is_some()
                                && std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink())
                                && std::fs::metadata(p).is_err()
                        };
                        if let Some(p) = e.path().filter(|p| has_template_extension(p) && broken(p))
                        {
                            found.push(Target {
                                path: absolute(p, cwd),
                                explicit: false,
                                text: None,
                            });
                        }
                        continue;
                    }
                };
                let p = entry.path();
                let hidden = p
                    .strip_prefix(path)
                    .map(|rel| {
                        rel.components()
                            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                    })
                    .unwrap_or(false);
                let ext_ok = has_template_extension(p);
                // Jinja sources (`x.j2.yaml`) are not templates until rendered.
                let jinja = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.contains(".j2."));
                if ext_ok && !hidden && !jinja && filtered_in(options, &absolute(p, cwd)) {
                    found.push(Target {
                        path: absolute(p, cwd),
                        explicit: false,
                        text: None,
                    });
                }
            }
            found.sort_by(|a, b| a.path.cmp(&b.path));
            targets.extend(found);
        } else {
            readable(options, &absolute(path, cwd))
                .map_err(|e| Fatal::Unreadable(path.clone(), e))?;
            if options.named_as_found && !filtered_in(options, &absolute(path, cwd)) {
                continue;
            }
            targets.push(Target {
                path: absolute(path, cwd),
                explicit: !options.named_as_found,
                text: None,
            });
        }
    }
    for path in &options.environments {
        readable(options, &absolute(path, cwd)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fatal::NotFound(path.clone()),
            _ => Fatal::Unreadable(path.clone(), e),
        })?;
    }
    // One check per file, whatever the number of times it was named.
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| seen.insert(t.path.clone()));
    Ok(targets)
}

/// Whether hotc.toml's include and exclude let a file in.
fn filtered_in(options: &CheckOptions, path: &Path) -> bool {
    options.path_filter.as_ref().is_none_or(|f| f.accepts(path))
}

/// Whether a command-line path can be opened (without reading it whole).
fn readable(options: &CheckOptions, path: &Path) -> std::io::Result<()> {
    match &options.overlay {
        Some(overlay) if overlay.contains(path) => Ok(()),
        Some(overlay) => overlay
            .metadata(path)
            .and_then(|_| std::fs::File::open(path).map(|_| ())),
        None => std::fs::File::open(path).map(|_| ()),
    }
}

fn has_template_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e))
}

fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    normalize(&joined)
}

/// A glob of paths allowed outside the tree root, made absolute and with the
/// `..` of its leading folders resolved, so that it matches normalised paths.
fn outside_glob(pattern: &str, cwd: &Path) -> Option<crate::config::Glob> {
    let wild = |c: &str| c.contains(['*', '?', '[']);
    let parts: Vec<&str> = pattern.split('/').collect();
    let first_wild = parts.iter().position(|c| wild(c)).unwrap_or(parts.len());
    let prefix = parts[..first_wild].join("/");
    let prefix = absolute(
        Path::new(if prefix.is_empty() { "/" } else { &prefix }),
        cwd,
    );
    let mut text = prefix.to_string_lossy().trim_end_matches('/').to_string();
    for part in &parts[first_wild..] {
        text.push('/');
        text.push_str(part);
    }
    if first_wild == parts.len() {
        // A folder: everything under it.
        text.push_str("/**");
    }
    crate::config::Glob::new(&text).ok()
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The files a check would read (named, found in directories, reached from
/// them), loaded and parsed but not checked: for commands that show the tree
/// (`hotc graph`). Follows `run`'s discovery and tree root.
pub fn load_tree(options: &CheckOptions) -> Result<workspace::Workspace, Fatal> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let fs: &dyn FileSystem = match &options.overlay {
        Some(overlay) => overlay,
        None => &Disk,
    };
    let targets = discover(fs, options, &cwd)?;
    let roots: Vec<PathBuf> = match &options.root {
        Some(root) => vec![absolute(root, &cwd)],
        None => options
            .paths
            .iter()
            .map(|p| workspace::tree_root(&absolute(p, &cwd), &cwd))
            .collect(),
    };
    let root = roots
        .iter()
        .min_by_key(|r| r.components().count())
        .cloned()
        .unwrap_or_else(|| cwd.clone());
    let allow_outside = |p: &Path| roots.iter().any(|r| p.starts_with(r));
    let mut starts: Vec<workspace::Start> = targets
        .into_iter()
        .map(|t| workspace::Start {
            path: t.path,
            origin: if t.explicit {
                Origin::Named
            } else {
                Origin::Found
            },
            text: t.text,
            expect_template: false,
        })
        .collect();
    for e in &options.environments {
        let path = absolute(e, &cwd);
        if !starts.iter().any(|s| s.path == path) {
            starts.push(workspace::Start {
                path,
                origin: Origin::Environment,
                text: None,
                expect_template: false,
            });
        }
    }
    Ok(workspace::load(fs, starts, &root, &allow_outside, &cwd))
}

/// Builds one template's model as `check_document` does and hands its
/// resource dependency graph to `f`; `None` when the document is not a HOT
/// template.
pub fn with_resource_graph<R>(
    root: &syntax::Node,
    inputs: &StackInputs,
    f: impl FnOnce(&Template, &ResourceGraph) -> R,
) -> Option<R> {
    if crate::hot::classify(root) != Kind::Hot {
        return None;
    }
    let template = Template::new(root);
    let values = EffectiveValues::compute(&template, inputs);
    let evaluator = Evaluator::new(&template, &values);
    let conditions = ConditionUsage::compute(&template, &evaluator);
    let walker = crate::hot::walk::Walker {
        template: &template,
        evaluator: &evaluator,
        condition_liveness: Some(&conditions.liveness),
        owner_conditions: true,
    };
    let graph = ResourceGraph::build(&template, &walker);
    Some(f(&template, &graph))
}
