//! The last resort when hotc itself is wrong: a panic becomes one message that
//! names the file being processed and asks for a report, and exit code 2.
//!
//! Each stage that works on one file at a time marks it with [`processing`];
//! the mark lives on the working thread, so it is right under rayon too.

use std::cell::RefCell;
use std::io::Write;
use std::panic::{self, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    static CURRENT: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Marks `path` as the file this thread works on until the guard drops.
#[must_use = "the mark lasts as long as the guard"]
pub fn processing(path: &Path) -> Processing {
    CURRENT.with(|c| c.borrow_mut().push(path.to_path_buf()));
    let guard = Processing(());
    crash_on_request(path);
    guard
}

/// `HOTC_CRASH_TEST=NAME` makes hotc panic when it starts on a file whose
/// path ends with NAME: how the tests prove that a panic becomes a report.
#[allow(clippy::panic, reason = "a panic on request, to test the panic path")]
fn crash_on_request(path: &Path) {
    static NAME: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    if let Some(name) = NAME.get_or_init(|| std::env::var_os("HOTC_CRASH_TEST")) {
        if path
            .as_os_str()
            .to_string_lossy()
            .ends_with(&*name.to_string_lossy())
        {
            panic!("HOTC_CRASH_TEST asked for a panic");
        }
    }
}

/// Unmarks its file when dropped.
pub struct Processing(());

impl Drop for Processing {
    fn drop(&mut self) {
        CURRENT.with(|c| {
            c.borrow_mut().pop();
        });
    }
}

/// The file the current thread works on, if one is marked.
pub fn current_file() -> Option<PathBuf> {
    CURRENT.with(|c| c.try_borrow().ok().and_then(|c| c.last().cloned()))
}

/// The message a panic becomes.
pub fn message(file: Option<&Path>, info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown cause");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let file = match file {
        Some(f) => format!(" while processing {}", f.display()),
        None => String::new(),
    };
    format!(
        "hotc: internal error{file}: {what}{place}\n\
         hotc: this is a bug in hotc {}, not in your files. Please report it with \
         the file named above (or a smaller one that shows the same error).\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Installs the hook: the first panic prints its message; later ones (other
/// threads failing on the same cause) stay silent.
pub fn install() {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    panic::set_hook(Box::new(|info| {
        if REPORTED.swap(true, Ordering::SeqCst) {
            return;
        }
        let text = message(current_file().as_deref(), info);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }));
}

/// Runs `job`; a panic inside it becomes exit code 2 (its message is printed
/// by the hook [`install`] sets).
pub fn guard(job: impl FnOnce() -> std::process::ExitCode) -> std::process::ExitCode {
    panic::catch_unwind(panic::AssertUnwindSafe(job)).unwrap_or(std::process::ExitCode::from(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_follows_the_innermost_guard() {
        assert_eq!(current_file(), None);
        let outer = processing(Path::new("a.yaml"));
        {
            let _inner = processing(Path::new("b.yaml"));
            assert_eq!(current_file(), Some(PathBuf::from("b.yaml")));
        }
        assert_eq!(current_file(), Some(PathBuf::from("a.yaml")));
        drop(outer);
        assert_eq!(current_file(), None);
    }
}
