//! `hotc build`: spec ─▶ syntax ─▶ spec model ─▶ compose (drivers/ + stdlib/)
//! ─▶ render ─▶ check (in memory) ─▶ write atomically.

pub mod blueprint;
pub mod budgets;
pub mod compose;
pub mod encode;
pub mod gzip;
pub mod render;
pub mod sha256;
pub mod spec;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{self, CheckOptions, Fatal};
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::Sink;
use crate::rules::build as rules;
use crate::source::{SourceFile, SourceMap, Span, display_path};
use crate::workspace::{Disk, FileSystem, Overlay};

pub struct BuildOptions {
    pub spec: PathBuf,
    pub output: Option<PathBuf>,
}

/// What a build produced: diagnostics (then nothing may be written) or a tree.
pub struct BuildResult {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    /// The output folder and the files, the manifest included.
    pub tree: Option<(PathBuf, BTreeMap<String, Vec<u8>>)>,
    pub measures: Vec<budgets::Measure>,
    /// Every list of environment files Magnum's selection can yield (paths
    /// relative to the output folder), in the order Magnum passes them.
    pub environment_lists: Vec<Vec<String>>,
}

/// The output folder when `-o` is not given: `<driver name>` beside the spec.
fn output_folder(options: &BuildOptions, spec: &spec::Spec, cwd: &Path) -> PathBuf {
    match &options.output {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => cwd.join(o),
        None => options
            .spec
            .parent()
            .map(|p| cwd.join(p))
            .unwrap_or_else(|| cwd.to_path_buf())
            .join(&spec.driver.name),
    }
}

/// Runs the build up to (not including) writing.
pub fn run(options: &BuildOptions) -> Result<BuildResult, Fatal> {
    let blueprint = blueprint::Blueprint::k8s_fcos().map_err(Fatal::Usage)?;
    run_with(options, &blueprint)
}

/// Runs the build with a given blueprint (tests break one on purpose).
fn run_with(
    options: &BuildOptions,
    blueprint: &blueprint::Blueprint,
) -> Result<BuildResult, Fatal> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let spec_path = check::normalize(&if options.spec.is_absolute() {
        options.spec.clone()
    } else {
        cwd.join(&options.spec)
    });
    let _processing = crate::crash::processing(&spec_path);
    let not_readable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Fatal::NotFound(options.spec.clone()),
        _ => Fatal::Unreadable(options.spec.clone(), e),
    };
    // A FIFO or a device would block or never end: only regular files.
    if !std::fs::metadata(&spec_path)
        .map_err(not_readable)?
        .is_file()
    {
        return Err(Fatal::Usage(format!(
            "{}: the spec must be a regular file",
            options.spec.display()
        )));
    }
    let bytes = std::fs::read(&spec_path).map_err(not_readable)?;
    let mut sources = SourceMap::default();
    let (text, parsed) = crate::syntax::parse_bytes(&bytes);
    let text: Arc<str> = match text {
        Some(t) => Arc::from(t),
        None => Arc::from(String::from_utf8_lossy(&bytes).as_ref()),
    };
    let file = sources.add(SourceFile::new(
        spec_path.clone(),
        display_path(&spec_path, &cwd),
        text,
    ));
    let mut sink = Sink::new(file);
    crate::rules::files::report_issues(&parsed.issues, &mut sink);
    let mut diagnostics = sink.diagnostics;
    let errors = |d: &[Diagnostic]| d.iter().any(|d| d.severity == Severity::Error);
    if errors(&diagnostics) || parsed.root.is_none() {
        return Ok(BuildResult {
            sources,
            diagnostics,
            tree: None,
            measures: Vec::new(),
            environment_lists: Vec::new(),
        });
    }
    let dir = spec_path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let (spec, spec_diagnostics) = spec::read(file, parsed.root.as_ref(), &dir, &Disk);
    diagnostics.extend(spec_diagnostics);
    let Some(spec) = spec.filter(|_| !errors(&diagnostics)) else {
        return Ok(BuildResult {
            sources,
            diagnostics,
            tree: None,
            measures: Vec::new(),
            environment_lists: Vec::new(),
        });
    };
    let rendered = render::render(&spec, blueprint).map_err(Fatal::Usage)?;
    let target = check::normalize(&output_folder(options, &spec, &cwd));
    if spec_path.starts_with(&target) {
        return Err(Fatal::Usage(format!(
            "the output folder {} holds the spec itself; a build replaces that folder, so write it somewhere else (-o)",
            display_path(&target, &cwd)
        )));
    }
    let anchor = parsed
        .root
        .as_ref()
        .and_then(|r| r.entry("driver"))
        .map(|e| e.key.span)
        .unwrap_or(Span::empty(0));

    // Budgets, on the bytes Heat and its client would produce.
    let templates_dir = format!("{}/templates", rendered.package);
    let mut measures = Vec::new();
    for plan in blueprint.templates.iter().filter(|t| t.role.is_some()) {
        measures.push(
            budgets::user_data_measure(&rendered.files, &templates_dir, &plan.file)
                .map_err(|e| Fatal::Usage(format!("internal error: {e}")))?,
        );
    }
    measures.extend(
        budgets::request_measures(
            &rendered.files,
            &rendered.package,
            &rendered.environment_lists,
        )
        .map_err(|e| Fatal::Usage(format!("internal error: {e}")))?,
    );
    let span = parsed
        .root
        .as_ref()
        .and_then(|r| r.entry("ca_certificates"))
        .map(|e| e.key.span)
        .unwrap_or(anchor);
    let mut sink = Sink::new(file);
    report_budgets(&measures, span, &mut sink);
    diagnostics.extend(sink.diagnostics);

    // The generated tree, checked in memory with hotc's own rules: the root
    // template alone and with every environment list.
    let mut overlay = Overlay::memory_only();
    for (rel, bytes) in &rendered.files {
        overlay.insert(target.join(rel), bytes.clone());
    }
    let root_template = target.join(&rendered.root_template);
    let mut lists: Vec<Vec<String>> = vec![Vec::new()];
    lists.extend(rendered.environments.iter().map(|e| vec![e.clone()]));
    lists.extend(rendered.environment_lists.iter().cloned());
    let mut tree_findings = Vec::new();
    for list in &lists {
        let options = CheckOptions {
            paths: vec![root_template.clone()],
            environments: list.iter().map(|e| target.join(e)).collect(),
            overlay: Some(overlay.clone()),
            root: Some(target.clone()),
            ..CheckOptions::default()
        };
        let result = check::run(&options)?;
        for d in result.diagnostics {
            if d.severity >= Severity::Warning {
                tree_findings.push((
                    result.sources.get(d.file).display.clone(),
                    result.sources.get(d.file).text.clone(),
                    d,
                ));
            }
        }
    }
    if !tree_findings.is_empty() {
        let mut sink = Sink::new(file);
        sink.report(
            &rules::GENERATED_TREE_REJECTED,
            anchor,
            format!("the generated driver fails hotc check ({} findings, shown below); nothing was written", tree_findings.len()),
        );
        diagnostics.extend(sink.diagnostics);
        for (display, text, mut d) in tree_findings {
            let found = sources
                .iter()
                .find(|(_, f)| f.display == display)
                .map(|(id, _)| id);
            let id = match found {
                Some(id) => id,
                None => sources.add(SourceFile::new(
                    PathBuf::from(&display),
                    display.clone(),
                    text,
                )),
            };
            d.file = id;
            d.related.clear();
            diagnostics.push(d);
        }
    }
    if errors(&diagnostics) {
        return Ok(BuildResult {
            sources,
            diagnostics,
            tree: None,
            measures,
            environment_lists: rendered.environment_lists,
        });
    }
    let mut files = rendered.files;
    let manifest = write::manifest(&files, &spec.driver.name);
    files.insert(write::MANIFEST.to_string(), manifest);
    Ok(BuildResult {
        sources,
        diagnostics,
        environment_lists: rendered.environment_lists.clone(),
        tree: Some((target, files)),
        measures,
    })
}

/// A B007 for each measure over its limit.
fn report_budgets(measures: &[budgets::Measure], span: Span, sink: &mut Sink) {
    for m in measures.iter().filter(|m| m.exceeded()) {
        let help = if m.what.starts_with("user data") {
            "embed fewer or smaller CA certificates (they are in every node's user data)"
        } else {
            "embed fewer or smaller CA certificates, or split the driver"
        };
        sink.report(
            &rules::BUDGET_EXCEEDED,
            span,
            format!(
                "{} would be {} bytes, over the limit of {}",
                m.what, m.bytes, m.limit
            ),
        )
        .help(help);
    }
}

/// Lists of environment files for a rendered spec (for tests and scripts).
pub fn environment_lists(spec: &spec::Spec) -> Vec<Vec<String>> {
    render::environment_lists(spec, "")
}

/// Reads a file through the disk, for callers outside the pipeline.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    Disk.read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(spec: &str, out: &str) -> BuildOptions {
        BuildOptions {
            spec: PathBuf::from(spec),
            output: Some(
                std::env::temp_dir().join(format!("hotc-unit-{}-{out}", std::process::id())),
            ),
        }
    }

    /// The template and request limits cannot be reached by a spec before the
    /// user data limit is (the CA bundle, the only large value, is in every
    /// node's user data too), so trees are made to measure here: a root
    /// template and a get_file target sized to land exactly on each limit.
    #[test]
    fn template_and_request_budgets_fire_just_over_their_limits() {
        let tree_with = |description: usize, payload: usize| {
            let mut tree = BTreeMap::new();
            let root = format!(
                "heat_template_version: 2021-04-16\ndescription: {}\nresources:\n  x:\n    type: OS::Heat::Value\n    properties:\n      value: {{get_file: data.txt}}\n",
                "d".repeat(description)
            );
            tree.insert("p/templates/cluster.yaml".to_string(), root.into_bytes());
            tree.insert(
                "p/templates/data.txt".to_string(),
                "y".repeat(payload).into_bytes(),
            );
            tree
        };
        let measure = |tree: &BTreeMap<String, Vec<u8>>, what: &str| {
            budgets::request_measures(tree, "p", &[])
                .unwrap()
                .into_iter()
                .find(|m| m.what == what)
                .unwrap()
        };
        let fired = |m: &budgets::Measure| {
            let mut sink = Sink::new(crate::source::FileId(0));
            report_budgets(std::slice::from_ref(m), Span::empty(0), &mut sink);
            sink.diagnostics.iter().filter(|d| d.code == "B007").count()
        };
        // The root template: Heat measures str() of the map; one character of
        // description is one character of it.
        let base = measure(&tree_with(1, 0), "template cluster.yaml").bytes;
        let at = budgets::TEMPLATE_LIMIT - base + 1;
        let just_under = measure(&tree_with(at, 0), "template cluster.yaml");
        let just_over = measure(&tree_with(at + 1, 0), "template cluster.yaml");
        assert_eq!(just_under.bytes, budgets::TEMPLATE_LIMIT);
        assert_eq!(just_over.bytes, budgets::TEMPLATE_LIMIT + 1);
        assert_eq!((fired(&just_under), fired(&just_over)), (0, 1));
        // The request: one byte of a get_file target is one byte of the body.
        let request = "the stacks.create request";
        let base = measure(&tree_with(1, 0), request).bytes;
        let at = budgets::REQUEST_LIMIT - base;
        let just_under = measure(&tree_with(1, at), request);
        let just_over = measure(&tree_with(1, at + 1), request);
        assert_eq!(just_under.bytes, budgets::REQUEST_LIMIT);
        assert_eq!(just_over.bytes, budgets::REQUEST_LIMIT + 1);
        assert_eq!((fired(&just_under), fired(&just_over)), (0, 1));
    }

    /// No spec can make the blueprint emit a tree that fails `hotc check`
    /// (every value is checked before it is rendered), so B008 is tested with
    /// blueprints broken on purpose: the build must fail, show why, and offer
    /// nothing to write.
    #[test]
    fn a_broken_blueprint_fails_the_build_with_b008() {
        let good = blueprint::Blueprint::k8s_fcos().unwrap();
        // A parameter the blocks read, no longer declared.
        let mut undeclared = good.clone();
        undeclared
            .parameters
            .retain(|p| p.name != "fixed_subnet_cidr");
        // A parameter declared but never read: a warning (H901) fails it too.
        let mut unused = good.clone();
        let mut extra = unused.parameters[0].clone();
        extra.name = "never_read".into();
        extra.templates.clear();
        extra.unused = false;
        unused.parameters.push(extra);
        for (broken, code) in [(undeclared, "H401"), (unused, "H901")] {
            let result = run_with(&options("examples/build/minimal.yaml", code), &broken).unwrap();
            assert!(result.tree.is_none(), "{code}: a tree was offered");
            let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes.first(), Some(&"B008"), "{code}: {codes:?}");
            assert!(codes.contains(&code), "{code}: {codes:?}");
            assert!(
                result.diagnostics[0].message.contains("fails hotc check"),
                "{}",
                result.diagnostics[0].message
            );
        }
        // The blueprint as shipped passes.
        let result = run_with(&options("examples/build/minimal.yaml", "good"), &good).unwrap();
        assert!(result.tree.is_some() && result.diagnostics.is_empty());
    }
}
