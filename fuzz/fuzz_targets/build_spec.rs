//! The cluster-spec reader of `hotc build`, and the build behind it: a spec
//! that reads without error is compiled (in memory; nothing is written).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("hotc-fuzz-build-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let spec = scratch().join("cluster.yaml");
    if std::fs::write(&spec, data).is_err() {
        return;
    }
    let _ = hotc::build::run(&hotc::build::BuildOptions {
        spec,
        output: Some(scratch().join("out")),
    });
});
