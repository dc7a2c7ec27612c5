//! Writing the tree: atomically (built in a temporary folder beside the target,
//! then swapped in), with a manifest of what was generated and its SHA-256
//! hashes, so that a rebuild never overwrites or deletes a file hotc did not
//! write.
//!
//! The swap is two renames: the old tree to `.NAME.hotc-old`, the new one from
//! `.NAME.hotc-new` to NAME. Until the first, NAME is the old tree; after the
//! second, the new one. A build stopped between the two leaves both whole
//! beside NAME, and the next build puts the old tree back before anything else.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::sha256;

pub const MANIFEST: &str = ".hotc-manifest.json";

/// The manifest's form of a file's hash.
pub fn hash(bytes: &[u8]) -> String {
    format!("sha256:{}", sha256::hex(bytes))
}

/// The manifest's text for a set of files.
pub fn manifest(files: &BTreeMap<String, Vec<u8>>, spec_name: &str) -> Vec<u8> {
    let entries: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .map(|(p, b)| (p.clone(), serde_json::Value::String(hash(b))))
        .collect();
    let doc = serde_json::json!({
        "generator": format!("hotc {}", env!("CARGO_PKG_VERSION")),
        "driver": spec_name,
        "files": entries,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// What is at the target now.
pub enum Existing {
    Missing,
    /// A folder hotc wrote before: its manifest's files and hashes.
    Generated(BTreeMap<String, String>),
    /// An empty folder.
    Empty,
}

#[derive(Debug)]
pub enum WriteError {
    /// A file at the target that hotc did not generate (or that was edited).
    Foreign(String),
    /// A path of the tree that would leave the output folder.
    Unsafe(String),
    Io(PathBuf, io::Error),
    /// Stopped on purpose (by a test), at the given step.
    Interrupted(Step),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Foreign(m) | WriteError::Unsafe(m) => f.write_str(m),
            WriteError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            WriteError::Interrupted(step) => write!(f, "interrupted at {step:?}"),
        }
    }
}

/// The points where a test can stop the writer, as a crash would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The temporary tree is complete; nothing was renamed yet.
    StagingComplete,
    /// The old tree was moved aside; the new one is not in place yet.
    OldMovedAside,
}

/// The hidden folders beside `target` that a swap uses.
fn swap_paths(target: &Path) -> (PathBuf, PathBuf) {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    (
        parent.join(format!(".{name}.hotc-new")),
        parent.join(format!(".{name}.hotc-old")),
    )
}

/// Puts back a tree that an interrupted swap left aside, and removes a
/// temporary tree left behind. Returns whether the old tree was restored.
pub fn recover(target: &Path) -> Result<bool, WriteError> {
    let (staging, old) = swap_paths(target);
    let mut restored = false;
    if old.is_dir() {
        if std::fs::symlink_metadata(target).is_err() {
            std::fs::rename(&old, target).map_err(|e| WriteError::Io(old.clone(), e))?;
            restored = true;
        } else {
            std::fs::remove_dir_all(&old).map_err(|e| WriteError::Io(old.clone(), e))?;
        }
    }
    if staging.is_dir() {
        std::fs::remove_dir_all(&staging).map_err(|e| WriteError::Io(staging.clone(), e))?;
    }
    Ok(restored)
}

/// Every path of a tree must stay inside the output folder: relative, with
/// plain components only.
pub fn check_paths<'a>(paths: impl IntoIterator<Item = &'a String>) -> Result<(), WriteError> {
    for rel in paths {
        let plain = !rel.contains('\\')
            && rel
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..")
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(WriteError::Unsafe(format!(
                "internal error: the generated path `{rel}` would leave the output folder"
            )));
        }
    }
    Ok(())
}

/// Reads the target and checks that every file in it is one hotc generated,
/// unchanged since. Stops at the first file that is not.
pub fn inspect(target: &Path) -> Result<Existing, WriteError> {
    let io_err = |e| WriteError::Io(target.to_path_buf(), e);
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(io_err(e)),
        Ok(m) if !m.is_dir() => {
            return Err(WriteError::Foreign(format!(
                "{} exists and is not a folder; hotc does not replace it",
                target.display()
            )));
        }
        Ok(_) => {}
    }
    let manifest_path = target.join(MANIFEST);
    let mut recorded: Option<BTreeMap<String, String>> = None;
    let mut any = false;
    for entry in walkdir::WalkDir::new(target).sort_by_file_name() {
        let entry = entry.map_err(|e| io_err(io::Error::other(e)))?;
        if entry.file_type().is_dir() {
            continue;
        }
        any = true;
        let rel = entry
            .path()
            .strip_prefix(target)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel == MANIFEST {
            continue;
        }
        let recorded = match &mut recorded {
            Some(recorded) => &*recorded,
            None => &*recorded.insert(read_manifest(target, &manifest_path)?),
        };
        let Some(expected) = recorded.get(&rel) else {
            return Err(WriteError::Foreign(format!(
                "{} was not generated by hotc; move it away first",
                target.join(&rel).display()
            )));
        };
        let bytes = if entry.file_type().is_file() {
            std::fs::read(entry.path())
                .map_err(|e| WriteError::Io(entry.path().to_path_buf(), e))?
        } else {
            Vec::new()
        };
        if !entry.file_type().is_file() || &hash(&bytes) != expected {
            return Err(WriteError::Foreign(format!(
                "{} was changed since hotc generated it; move it away first (change the spec instead)",
                target.join(&rel).display()
            )));
        }
    }
    if !any {
        return Ok(Existing::Empty);
    }
    match recorded {
        Some(r) => Ok(Existing::Generated(r)),
        None => Ok(Existing::Generated(read_manifest(target, &manifest_path)?)),
    }
}

fn read_manifest(target: &Path, path: &Path) -> Result<BTreeMap<String, String>, WriteError> {
    let text = std::fs::read_to_string(path).map_err(|_| {
        WriteError::Foreign(format!(
            "{} holds files hotc did not generate (there is no {MANIFEST}); hotc does not overwrite them",
            target.display()
        ))
    })?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        WriteError::Foreign(format!(
            "{}: the manifest cannot be read: {e}",
            path.display()
        ))
    })?;
    let files = doc
        .get("files")
        .and_then(|f| f.as_object())
        .ok_or_else(|| {
            WriteError::Foreign(format!("{}: the manifest lists no files", path.display()))
        })?;
    let mut recorded = BTreeMap::new();
    for (k, v) in files {
        let hash = v.as_str().unwrap_or_default();
        if !hash.starts_with("sha256:") {
            return Err(WriteError::Foreign(format!(
                "{}: the manifest has no SHA-256 hash for `{k}`, so it was not written by this hotc and cannot tell which files are hotc's; move {} away and build again",
                path.display(),
                target.display()
            )));
        }
        recorded.insert(k.clone(), hash.to_string());
    }
    Ok(recorded)
}

/// Writes `files` (the manifest included) as the new contents of `target`.
pub fn write_atomically(
    target: &Path,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<(), WriteError> {
    write_until(target, files, None)
}

/// Writes like [`write_atomically`], but stops at `stop` as a crash would:
/// leaving the temporary folders as they are.
fn write_until(
    target: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    stop: Option<Step>,
) -> Result<(), WriteError> {
    check_paths(files.keys())?;
    recover(target)?;
    let (staging, old) = swap_paths(target);
    let io_at = |p: &Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    std::fs::create_dir_all(&staging).map_err(io_at(&staging))?;
    let result = (|| {
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io_at(dir))?;
            }
            std::fs::write(&path, bytes).map_err(io_at(&path))?;
        }
        if stop == Some(Step::StagingComplete) {
            return Err(WriteError::Interrupted(Step::StagingComplete));
        }
        // Swap: the old tree stays whole until the new one is in place.
        let had_old = target.exists();
        if had_old {
            std::fs::rename(target, &old).map_err(io_at(target))?;
        }
        if stop == Some(Step::OldMovedAside) {
            return Err(WriteError::Interrupted(Step::OldMovedAside));
        }
        if let Err(e) = std::fs::rename(&staging, target) {
            if had_old {
                let _ = std::fs::rename(&old, target);
            }
            return Err(WriteError::Io(target.to_path_buf(), e));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    })();
    let interrupted = matches!(result, Err(WriteError::Interrupted(_)));
    if result.is_err() && !interrupted {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// A unified-style listing of what a build would change: added, removed and
/// changed files, with the changed lines.
pub fn diff(target: &Path, files: &BTreeMap<String, Vec<u8>>, existing: &Existing) -> String {
    let mut out = String::new();
    let recorded: Vec<String> = match existing {
        Existing::Generated(m) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    for rel in &recorded {
        if !files.contains_key(rel) {
            out.push_str(&format!("deleted {rel}\n"));
        }
    }
    for (rel, bytes) in files {
        let old = std::fs::read(target.join(rel)).ok();
        match old {
            None => out.push_str(&format!("added {rel} ({} bytes)\n", bytes.len())),
            Some(old) if &old == bytes => {}
            Some(old) => {
                out.push_str(&format!("changed {rel}\n--- {rel}\n+++ {rel}\n"));
                let a = String::from_utf8_lossy(&old);
                let b = String::from_utf8_lossy(bytes);
                out.push_str(&line_diff(&a, &b));
            }
        }
    }
    if out.is_empty() {
        out.push_str("no changes\n");
    }
    out
}

/// Lines removed and added between two texts (longest common subsequence,
/// bounded: big files fall back to a whole replacement).
fn line_diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let mut out = String::new();
    if a.len() * b.len() > 4_000_000 {
        for l in &a {
            out.push_str(&format!("-{l}\n"));
        }
        for l in &b {
            out.push_str(&format!("+{l}\n"));
        }
        return out;
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("-{}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+{}\n", b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_diff_shows_changed_lines() {
        assert_eq!(line_diff("a\nb\nc\n", "a\nx\nc\n"), "-b\n+x\n");
    }

    #[test]
    fn hashes_are_sha256() {
        assert_ne!(hash(b"a"), hash(b"b"));
        assert_eq!(
            hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hotc-write-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn tree(version: &str) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        files.insert(
            "pkg/a.txt".to_string(),
            format!("a {version}\n").into_bytes(),
        );
        files.insert(
            "pkg/sub/b.txt".to_string(),
            format!("b {version}\n").into_bytes(),
        );
        files.insert(format!("pkg/only-{version}.txt"), b"x\n".to_vec());
        let manifest = manifest(&files, "test");
        files.insert(MANIFEST.to_string(), manifest);
        files
    }

    /// The files under `dir`, read back.
    fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    #[test]
    fn a_build_stopped_before_the_swap_leaves_the_old_tree() {
        let dir = scratch("stop-staging");
        let target = dir.join("out");
        write_atomically(&target, &tree("old")).unwrap();
        let err = write_until(&target, &tree("new"), Some(Step::StagingComplete)).unwrap_err();
        assert!(matches!(
            err,
            WriteError::Interrupted(Step::StagingComplete)
        ));
        assert_eq!(read_tree(&target), tree("old"));
        assert!(matches!(inspect(&target), Ok(Existing::Generated(_))));
        // The next build removes the leftover and writes the new tree.
        write_atomically(&target, &tree("new")).unwrap();
        assert_eq!(read_tree(&target), tree("new"));
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")]);
    }

    #[test]
    fn a_build_stopped_between_the_renames_leaves_two_whole_trees() {
        let dir = scratch("stop-swap");
        let target = dir.join("out");
        write_atomically(&target, &tree("old")).unwrap();
        let err = write_until(&target, &tree("new"), Some(Step::OldMovedAside)).unwrap_err();
        assert!(matches!(err, WriteError::Interrupted(Step::OldMovedAside)));
        let (staging, old) = swap_paths(&target);
        assert!(!target.exists());
        // Neither is a mix: each is exactly one build's tree.
        assert_eq!(read_tree(&old), tree("old"));
        assert_eq!(read_tree(&staging), tree("new"));
        // Recovery puts the old tree back, whole.
        assert!(recover(&target).unwrap());
        assert_eq!(read_tree(&target), tree("old"));
        assert!(!staging.exists() && !old.exists());
        assert!(matches!(inspect(&target), Ok(Existing::Generated(_))));
    }

    #[test]
    fn a_write_after_an_interrupted_swap_recovers_first() {
        let dir = scratch("stop-then-write");
        let target = dir.join("out");
        write_atomically(&target, &tree("old")).unwrap();
        let _ = write_until(&target, &tree("new"), Some(Step::OldMovedAside));
        write_atomically(&target, &tree("new")).unwrap();
        assert_eq!(read_tree(&target), tree("new"));
        let (staging, old) = swap_paths(&target);
        assert!(!staging.exists() && !old.exists());
    }

    #[test]
    fn paths_that_leave_the_output_folder_are_refused() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a/./b", "a\\..\\b"] {
            let files = BTreeMap::from([(bad.to_string(), b"x".to_vec())]);
            assert!(
                matches!(check_paths(files.keys()), Err(WriteError::Unsafe(_))),
                "{bad:?}"
            );
        }
        let dir = scratch("unsafe");
        let files = BTreeMap::from([("../escaped".to_string(), b"x".to_vec())]);
        assert!(write_atomically(&dir.join("out"), &files).is_err());
        assert!(!dir.join("escaped").exists() && !dir.join("out").exists());
        assert!(check_paths(tree("ok").keys()).is_ok());
    }

    #[test]
    fn a_manifest_without_sha256_is_not_hotcs() {
        let dir = scratch("old-manifest");
        let target = dir.join("out");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("a.txt"), "a").unwrap();
        std::fs::write(
            target.join(MANIFEST),
            r#"{"files": {"a.txt": "fnv1a64:0123456789abcdef"}}"#,
        )
        .unwrap();
        let Err(WriteError::Foreign(message)) = inspect(&target) else {
            panic!("accepted a manifest without SHA-256");
        };
        assert!(message.contains("no SHA-256 hash for `a.txt`"), "{message}");
    }
}
