//! The check pipeline on a small tree. The input is cut at each line `%%`
//! into a root template, a nested template, an environment, a second nested
//! template and a script; the names let the pieces refer to each other
//! (`type: nested.yaml`, `get_file: script.sh`, a `resource_registry`).
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "root.yaml",
    "nested.yaml",
    "env.yaml",
    "lib/member.yaml",
    "script.sh",
];

fuzz_target!(|data: &[u8]| {
    let mut files: Vec<(&str, &[u8])> = Vec::new();
    let mut rest = data;
    for name in NAMES {
        let cut = rest.windows(4).position(|w| w == b"\n%%\n");
        let (piece, tail) = match cut {
            Some(at) => (&rest[..at], &rest[at + 4..]),
            None => (rest, &[][..]),
        };
        files.push((name, piece));
        rest = tail;
        if rest.is_empty() {
            break;
        }
    }
    let environments: &[&str] = if files.len() > 2 { &["env.yaml"] } else { &[] };
    hotc_fuzz::check(&files, &["root.yaml"], environments);
});
