//! The YAML front end: any bytes give a tree or diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _) = hotc::syntax::parse_bytes(data);
    if let Some(text) = text {
        let _ = hotc::syntax::parse_environment(text);
    }
});
