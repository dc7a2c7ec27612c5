//! The check pipeline: find the files, read and parse each (in parallel), build
//! the HOT model, run the rules, and return sorted diagnostics.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::graph::ResourceGraph;
use crate::hot::conditions::Evaluator;
use crate::hot::environment::Environment;
use crate::hot::inputs::StackInputs;
use crate::hot::parameters::EffectiveValues;
use crate::hot::walk::ConditionUsage;
use crate::hot::{Kind, Template};
use crate::rules::context::Limits;
use crate::rules::{self, Context, Sink};
use crate::source::{FileId, SourceFile, SourceMap};
use crate::syntax;
use crate::workspace::{self, Disk, FileSystem, Origin, Overlay};

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
    let allow_outside = |p: &Path| roots.iter().any(|r| p.starts_with(r));
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
    let workspace = workspace::load(fs, starts, &root, &allow_outside, &cwd);
    let sources = workspace.source_map();
    // The stack's environment: every -e file merged in order.
    let mut environment = Environment::default();
    for path in &environment_paths {
        if let Some(i) = workspace.find(path) {
            if let Some(root) = &workspace.files[i].parsed.root {
                environment.merge_file(FileId(i as u32), path, root);
            }
        }
    }
    let root_inputs = StackInputs::root(&options.parameters, &environment);
    let nested_inputs = StackInputs::nested(&environment);
    let per_file: Vec<Vec<Diagnostic>> = workspace
        .files
        .par_iter()
        .enumerate()
        .map(|(i, loaded)| {
            let inputs = if loaded.origin == Origin::Reached {
                &nested_inputs
            } else {
                &root_inputs
            };
            check_loaded(FileId(i as u32), loaded, &sources, inputs, &options.limits)
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = per_file.into_iter().flatten().collect();
    diagnostics.extend(rules::tree::check_workspace(&workspace, &allow_outside));
    // Suppression comments, file by file.
    for (i, loaded) in workspace.files.iter().enumerate() {
        let source = sources.get(FileId(i as u32));
        let suppressions = crate::suppress::scan(source, loaded.parsed.root.as_ref());
        crate::suppress::apply(FileId(i as u32), source, &suppressions, &mut diagnostics);
    }
    let files_read = workspace.files.iter().filter(|f| f.read).count();
    sort(&mut diagnostics, &sources);
    Ok(CheckResult {
        sources,
        diagnostics,
        files_read,
    })
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
                    if has_template_extension(p) {
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
                    // A dangling link: reported as an unreadable file when it has
                    // a template's name. Link loops are skipped.
                    Err(e) => {
                        let dangling = e
                            .io_error()
                            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
                        if let Some(p) = e.path().filter(|p| dangling && has_template_extension(p))
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
                if ext_ok && !hidden && !jinja {
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
            targets.push(Target {
                path: absolute(path, cwd),
                explicit: true,
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

fn check_loaded(
    file: FileId,
    loaded: &workspace::Loaded,
    sources: &SourceMap,
    inputs: &StackInputs,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let source = sources.get(file);
    let mut sink = Sink::new(file);
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
    let is_template = loaded
        .parsed
        .root
        .as_ref()
        .map(|r| crate::hot::classify(r) == Kind::Hot)
        .unwrap_or_else(|| workspace::looks_like_template(source.text.as_bytes()));
    let is_environment = loaded
        .parsed
        .root
        .as_ref()
        .is_some_and(crate::hot::environment::is_environment);
    match loaded.origin {
        // In a directory, only templates and environments are checked; other
        // YAML is skipped.
        Origin::Found if !is_template && !is_environment => return Vec::new(),
        // Data reached through get_file is not checked; nested templates are.
        // Data reached through get_file is not checked; nested templates are.
        Origin::Reached if !is_template && !loaded.expect_template => return Vec::new(),
        _ => {}
    }
    rules::files::report_issues(&loaded.parsed.issues, &mut sink);
    if let Some(root) = &loaded.parsed.root {
        if loaded.origin == Origin::Environment || is_environment {
            rules::environment::check(root, &mut sink);
        } else {
            check_document(file, source, root, inputs, limits, &mut sink);
        }
    }
    sink.diagnostics
}

/// Checks one parsed document as a template.
pub fn check_document(
    file: FileId,
    source: &SourceFile,
    root: &syntax::Node,
    inputs: &StackInputs,
    limits: &Limits,
    sink: &mut Sink,
) {
    match crate::hot::classify(root) {
        Kind::NotAMapping => rules::template::not_a_mapping::check(root, sink),
        Kind::NoVersion => rules::template::missing_version::check(root, sink),
        Kind::Cfn(key) => rules::template::cfn_not_checked::check(root, key, sink),
        Kind::Hot => {
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
            let cx = Context {
                file,
                source,
                template: &template,
                values: &values,
                inputs,
                evaluator: &evaluator,
                conditions: &conditions,
                graph: &graph,
                limits,
            };
            for check in rules::template_checks() {
                check(&cx, sink);
            }
        }
    }
}
