//! A real editor: Neovim 0.7 (Debian 12's package, installed by
//! `scripts/test-deps.sh`, which exports `HOTC_NVIM`) runs headless with
//! `vim.lsp.start_client` attached to `hotc lsp` on the fixture tree
//! `tests/fixtures/lsp/tree`; `tests/fixtures/lsp/neovim.lua` writes the
//! diagnostics Neovim received (file, 0-based line, byte column, code) and
//! the definitions it got, and jumps from `type: child.yaml` to the file.
//!
//! Skips without Neovim, except under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn nvim() -> Option<PathBuf> {
    match std::env::var("HOTC_NVIM") {
        Ok(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("Neovim is not installed: run scripts/test-deps.sh")
        }
        _ => {
            eprintln!("skipped: Neovim is not installed (scripts/test-deps.sh exports HOTC_NVIM)");
            None
        }
    }
}

#[test]
fn neovim_receives_the_diagnostics_and_jumps_to_the_nested_template() {
    let Some(nvim) = nvim() else { return };
    let root = std::fs::canonicalize("tests/fixtures/lsp/tree").unwrap();
    let script = std::fs::canonicalize("tests/fixtures/lsp/neovim.lua").unwrap();
    let out = std::env::temp_dir().join(format!("hotc-nvim-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let home = std::env::temp_dir().join(format!("hotc-nvim-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut child = Command::new(&nvim)
        .args(["--headless", "-n", "-u", "NONE", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&root)
        .env("HOTC_LSP_OUT", &out)
        .env("HOTC_LSP_ROOT", &root)
        .env("HOTC_BIN", env!("CARGO_BIN_EXE_hotc"))
        // No user configuration or state of the machine's Neovim.
        .env("XDG_CONFIG_HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .env("XDG_STATE_HOME", &home)
        .env("XDG_CACHE_HOME", &home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim: {status:?}");
    let seen: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let _ = std::fs::remove_file(&out);
    assert_eq!(seen.get("error"), None, "the script failed: {seen}");
    let mut diagnostics: Vec<Value> = seen["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!([d["file"], d["line"], d["column"], d["code"]]))
        .collect();
    diagnostics.sort_by_key(|d| (d[1].as_i64(), d[2].as_i64()));
    // Byte columns: on line 15 `  bäd🚀: {type: ` is 19 bytes (16 UTF-16 units).
    assert_eq!(
        diagnostics,
        [
            json!(["parent.yaml", 7, 2, "H901"]),
            json!(["parent.yaml", 14, 19, "H801"]),
            json!(["parent.yaml", 19, 6, "H804"]),
        ],
        "{seen}"
    );
    assert_eq!(
        seen["definitions"],
        json!([
            {"file": "child.yaml", "line": 0, "column": 0},
            {"file": "parent.yaml", "line": 10, "column": 2},
        ])
    );
    assert_eq!(seen["jumped_to"], "child.yaml");
}
