//! The whole check pipeline on one template.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hotc_fuzz::check(&[("template.yaml", data)], &["template.yaml"], &[]);
});
