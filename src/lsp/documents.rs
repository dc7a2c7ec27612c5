//! The buffers the editor has open, by path: their text and version. They are
//! laid over the disk for every check, so an open buffer shadows its file and
//! the templates that include it see the unsaved text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use lsp_types::Uri;

use crate::source::LineIndex;
use crate::syntax::Parsed;
use crate::workspace::Overlay;

/// One open buffer.
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    lines: OnceLock<LineIndex>,
    parsed: OnceLock<Parsed>,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Document {
        Document {
            uri,
            version,
            text: Arc::from(text),
            lines: OnceLock::new(),
            parsed: OnceLock::new(),
        }
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The syntax tree of the text, built on first use.
    pub fn parsed(&self) -> &Parsed {
        self.parsed.get_or_init(|| crate::syntax::parse(&self.text))
    }
}

#[derive(Default)]
pub struct Documents {
    open: BTreeMap<PathBuf, Arc<Document>>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, document: Document) {
        self.open.insert(path, Arc::new(document));
    }

    pub fn close(&mut self, path: &Path) -> Option<Arc<Document>> {
        self.open.remove(path)
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<Document>> {
        self.open.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.open.keys().map(PathBuf::as_path)
    }

    /// The open buffers over the disk.
    pub fn overlay(&self) -> Overlay {
        let mut overlay = Overlay::over_disk();
        for (path, document) in &self.open {
            overlay.insert(path.clone(), Arc::<[u8]>::from(document.text.as_bytes()));
        }
        overlay
    }
}

/// The local path of a `file:` URI, absolute and normalised; `None` for
/// other schemes and for URIs that do not name a local file.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///x` or `file://localhost/x`; other hosts are not local.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = percent_decode(rest)?;
    let path = String::from_utf8(bytes).ok()?;
    Some(crate::check::normalize(Path::new(&path)))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/tmp/a b/ü#1.yaml");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%BC%231.yaml");
        assert_eq!(path_of(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&other), None);
    }
}
