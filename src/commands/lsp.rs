//! `hotc lsp`: the language server on standard input and output.

use std::process::ExitCode;

pub fn run() -> ExitCode {
    let input = std::io::BufReader::new(std::io::stdin());
    match crate::lsp::serve(input, std::io::stdout()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => super::fail(format!("lsp: {e}")),
    }
}
