//! Finding and loading files: the tree root, the files named on the command line
//! or found in directories, and every file they reach (nested templates through
//! `type: x.yaml`, `get_file` targets), each read and parsed once, in parallel,
//! level by level so that the result does not depend on the thread count.

pub mod fs;
pub mod references;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use fs::{Disk, FileSystem, Overlay};

use crate::source::{SourceFile, SourceMap, display_path};
use crate::syntax::{self, Parsed};
pub use references::{Reference, ReferenceKind};

/// How a file came to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line (or standard input): must be a template.
    Named,
    /// Found by walking a directory: checked only if it is a template.
    Found,
    /// Reached from another file (nested template, `get_file`, registry).
    Reached,
    /// An environment file given with `-e`.
    Environment,
    /// An environment file of the project, read only for its type mappings
    /// when the files to check are named one by one.
    Context,
}

/// One file as loaded.
pub struct Loaded {
    pub source: SourceFile,
    pub parsed: Parsed,
    pub origin: Origin,
    /// Whether the bytes were read (a reached file that is missing is not).
    pub read: bool,
    /// Why the file could not be read.
    pub read_error: Option<String>,
    /// Files this one reaches.
    pub references: Vec<Reference>,
    /// Reached as a nested or registry template (not only through `get_file`).
    pub expect_template: bool,
    /// Reached only from context files: read for what they map, not checked.
    pub context_only: bool,
}

/// Every file of one run.
pub struct Workspace {
    pub files: Vec<Loaded>,
    pub root: PathBuf,
    /// Each file's index in `files`, by path.
    index: std::collections::HashMap<PathBuf, usize>,
}

impl Workspace {
    pub fn source_map(&self) -> SourceMap {
        let mut map = SourceMap::default();
        for f in &self.files {
            map.add(SourceFile::new(
                f.source.path.clone(),
                f.source.display.clone(),
                f.source.text.clone(),
            ));
        }
        map
    }

    pub fn find(&self, path: &Path) -> Option<usize> {
        self.index.get(path).copied()
    }
}

/// Files larger than this are not read (a diagnostic says so).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The tree root of a path: the folder of the nearest `hotc.toml` above it, else its
/// git top level, else the current directory when the path is under it, else the
/// path itself (a directory) or its folder (a file).
pub fn tree_root(path: &Path, cwd: &Path) -> PathBuf {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.to_path_buf())
    };
    for dir in start.ancestors() {
        if dir.join("hotc.toml").is_file() {
            return dir.to_path_buf();
        }
    }
    for dir in start.ancestors() {
        if dir.join(".git").exists() {
            return dir.to_path_buf();
        }
    }
    if start.starts_with(cwd) {
        return cwd.to_path_buf();
    }
    start
}

/// Reads and parses one file.
fn load_one(fs: &dyn FileSystem, start: &Start, cwd: &Path) -> Loaded {
    let _processing = crate::crash::processing(&start.path);
    let (path, text, origin) = (&start.path, start.text.as_deref(), start.origin);
    let expect_template = start.expect_template;
    let display = display_path(path, cwd);
    let (bytes, read_error): (Vec<u8>, Option<String>) = match text {
        Some(t) => (t.as_bytes().to_vec(), None),
        None => match fs.metadata(path) {
            Ok(m) if m.is_dir => (Vec::new(), Some("it is a directory".into())),
            Ok(m) if !m.is_file => (Vec::new(), Some("it is not a regular file".into())),
            Ok(m) if m.len > MAX_FILE_BYTES => (
                Vec::new(),
                Some(format!(
                    "it is larger than {} MiB",
                    MAX_FILE_BYTES / 1048576
                )),
            ),
            Ok(_) => match fs.read(path) {
                Ok(b) => (b, None),
                Err(e) => (Vec::new(), Some(describe_io(&e))),
            },
            Err(e) => (Vec::new(), Some(describe_io(&e))),
        },
    };
    if let Some(error) = read_error {
        return Loaded {
            source: SourceFile::new(path.to_path_buf(), display, Arc::from("")),
            parsed: Parsed {
                root: None,
                format: syntax::Format::Yaml,
                issues: Vec::new(),
            },
            origin,
            read: false,
            read_error: Some(error),
            references: Vec::new(),
            expect_template,
            context_only: false,
        };
    }
    // A `get_file` target is data (often a script); it is read as a template
    // only when it is one, as the client does.
    // A `get_file` target is data (a script, a JSON document) unless it is a
    // template, which the client then processes like a nested one.
    let as_data = origin == Origin::Reached && !expect_template && !looks_like_template(&bytes);
    if as_data {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        return Loaded {
            source: SourceFile::new(path.to_path_buf(), display, Arc::from(text)),
            parsed: Parsed {
                root: None,
                format: syntax::Format::Yaml,
                issues: Vec::new(),
            },
            origin,
            read: true,
            read_error: None,
            references: Vec::new(),
            expect_template,
            context_only: false,
        };
    }
    let (text, mut parsed) = syntax::parse_bytes(&bytes);
    // The client reads an environment file without stripping it, and never as
    // JSON.
    if let (Some(t), Some(root)) = (text, &parsed.root) {
        if crate::hot::environment::is_environment(root) && syntax::environment_reading_differs(t) {
            parsed = syntax::parse_environment(t);
        }
    }
    let text: Arc<str> = match text {
        Some(t) => Arc::from(t),
        None => Arc::from(String::from_utf8_lossy(&bytes).as_ref()),
    };
    let references = match &parsed.root {
        Some(root) if crate::hot::environment::is_environment(root) => {
            references::find_in_environment(root, path)
        }
        Some(root) => references::find(root, path),
        None => Vec::new(),
    };
    Loaded {
        source: SourceFile::new(path.to_path_buf(), display, text),
        parsed,
        origin,
        read: true,
        read_error: None,
        references,
        expect_template,
        context_only: false,
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Whether raw bytes hold a template (what the client tests before recursing).
pub fn looks_like_template(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1 << 20)];
    let needle = b"heat_template_version";
    head.windows(needle.len()).any(|w| w == needle)
}

/// A file to start from.
pub struct Start {
    pub path: PathBuf,
    pub origin: Origin,
    pub text: Option<String>,
    /// Reached as a nested or registry template.
    pub expect_template: bool,
}

/// Loads the starting files and, level by level, every file they reach that lies
/// inside the tree root (or is allowed outside it). Files are ordered by path.
pub fn load(
    fs: &dyn FileSystem,
    starts: Vec<Start>,
    root: &Path,
    allow_outside: &dyn Fn(&Path) -> bool,
    cwd: &Path,
) -> Workspace {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut loaded: BTreeMap<PathBuf, Loaded> = BTreeMap::new();
    let mut frontier: Vec<Start> = Vec::new();
    for s in starts {
        if seen.insert(s.path.clone()) {
            frontier.push(s);
        }
    }
    while !frontier.is_empty() {
        let level: Vec<Loaded> = frontier.par_iter().map(|s| load_one(fs, s, cwd)).collect();
        // The next level, by path: in order, and found by a later reference
        // without a scan.
        let mut next: BTreeMap<PathBuf, Start> = BTreeMap::new();
        for file in level {
            for r in &file.references {
                let Some(target) = &r.target else { continue };
                if !r.kind.reads_target() {
                    continue;
                }
                let inside = target.starts_with(root) || allow_outside(target);
                let as_template = r.kind != ReferenceKind::GetFile;
                if inside && seen.insert(target.clone()) {
                    next.insert(
                        target.clone(),
                        Start {
                            path: target.clone(),
                            origin: Origin::Reached,
                            text: None,
                            expect_template: as_template,
                        },
                    );
                } else if as_template {
                    if let Some(s) = next.get_mut(target) {
                        s.expect_template = true;
                    }
                }
            }
            loaded.insert(file.source.path.clone(), file);
        }
        frontier = next.into_values().collect();
    }
    let mut files: Vec<Loaded> = loaded.into_values().collect();
    mark_context_only(&mut files);
    let index = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.source.path.clone(), i))
        .collect();
    Workspace {
        files,
        root: root.to_path_buf(),
        index,
    }
}

/// Marks the files that only context files reach.
fn mark_context_only(files: &mut [Loaded]) {
    let index: std::collections::HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.source.path.clone(), i))
        .collect();
    let mut reached = vec![false; files.len()];
    let mut stack: Vec<usize> = (0..files.len())
        .filter(|&i| !matches!(files[i].origin, Origin::Context | Origin::Reached))
        .collect();
    for &i in &stack {
        reached[i] = true;
    }
    while let Some(i) = stack.pop() {
        for r in &files[i].references {
            if let Some(&j) = r.target.as_ref().and_then(|t| index.get(t)) {
                if !reached[j] {
                    reached[j] = true;
                    stack.push(j);
                }
            }
        }
    }
    for (f, reached) in files.iter_mut().zip(reached) {
        f.context_only = !reached;
    }
}
