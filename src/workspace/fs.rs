//! Where file contents come from: the disk, or in-memory files laid over it
//! (the buffers an editor has open, the tree `hotc build` is about to write).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the loader needs to know about a path before reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metadata {
    pub is_dir: bool,
    /// A regular file (not a FIFO, socket or device).
    pub is_file: bool,
    pub len: u64,
}

/// The files hotc reads. Implementations must be usable from several threads.
pub trait FileSystem: Send + Sync {
    fn metadata(&self, path: &Path) -> io::Result<Metadata>;
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;

    /// At most the first `limit` bytes of a file.
    fn read_head(&self, path: &Path, limit: usize) -> io::Result<Vec<u8>> {
        let mut bytes = self.read(path)?;
        bytes.truncate(limit);
        Ok(bytes)
    }
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl FileSystem for Disk {
    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        let m = std::fs::metadata(path)?;
        Ok(Metadata {
            is_dir: m.is_dir(),
            is_file: m.is_file(),
            len: m.len(),
        })
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn read_head(&self, path: &Path, limit: usize) -> io::Result<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::with_capacity(limit.min(1 << 16));
        std::fs::File::open(path)?
            .take(limit as u64)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// In-memory files over another file system: a path held here is read from
/// memory, any other path from the layer below. Folders that hold an in-memory
/// file exist, even when they do not exist below.
#[derive(Clone, Default)]
pub struct Overlay {
    files: BTreeMap<PathBuf, Arc<[u8]>>,
    below: Option<Arc<dyn FileSystem>>,
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay")
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .field("below", &self.below.is_some())
            .finish()
    }
}

impl Overlay {
    /// In-memory files over the disk.
    pub fn over_disk() -> Overlay {
        Overlay {
            files: BTreeMap::new(),
            below: Some(Arc::new(Disk)),
        }
    }

    /// In-memory files only: every other path does not exist.
    pub fn memory_only() -> Overlay {
        Overlay::default()
    }

    /// Adds or replaces a file; `path` should be absolute and normalised.
    pub fn insert(&mut self, path: impl Into<PathBuf>, contents: impl Into<Arc<[u8]>>) {
        self.files.insert(path.into(), contents.into());
    }

    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// The in-memory files, in path order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    fn holds_folder(&self, path: &Path) -> bool {
        self.files
            .range(path.to_path_buf()..)
            .next()
            .is_some_and(|(p, _)| p != path && p.starts_with(path))
    }
}

impl FileSystem for Overlay {
    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        if let Some(contents) = self.files.get(path) {
            return Ok(Metadata {
                is_dir: false,
                is_file: true,
                len: contents.len() as u64,
            });
        }
        let below = match &self.below {
            Some(below) => below.metadata(path),
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        };
        match below {
            Err(e) if e.kind() == io::ErrorKind::NotFound && self.holds_folder(path) => {
                Ok(Metadata {
                    is_dir: true,
                    is_file: false,
                    len: 0,
                })
            }
            other => other,
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Some(contents) = self.files.get(path) {
            return Ok(contents.to_vec());
        }
        match &self.below {
            Some(below) => below.read(path),
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        }
    }

    fn read_head(&self, path: &Path, limit: usize) -> io::Result<Vec<u8>> {
        if let Some(contents) = self.files.get(path) {
            return Ok(contents[..contents.len().min(limit)].to_vec());
        }
        match &self.below {
            Some(below) => below.read_head(path, limit),
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_shadow_the_layer_below() {
        let mut overlay = Overlay::memory_only();
        overlay.insert("/t/a.yaml", b"x: 1".to_vec());
        assert_eq!(overlay.read(Path::new("/t/a.yaml")).unwrap(), b"x: 1");
        assert!(overlay.metadata(Path::new("/t")).unwrap().is_dir);
        assert_eq!(
            overlay.read(Path::new("/t/b.yaml")).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert!(overlay.metadata(Path::new("/t/a")).is_err());
    }
}
