//! Runs the hotc binary the way a user's terminal would, without colours.

use std::process::{Command, Output};

pub fn hotc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("hotc runs")
}
